import { useTranslation } from "react-i18next";
import type { TrapdEntry, TrapdStepInput, TrapdView } from "../../../../server/bank/trapd-schema";
import { useAppLocale } from "../../locale-context";
import type { DraftContent } from "../types";
import { pathLabel } from "./text-paths";
import { TrapdEntryEditor } from "./TrapdEntryEditor";

interface Props {
  unit: TrapdView["units"][number];
  entry: TrapdEntry;
  content: DraftContent;
  open: boolean;
  onToggle: () => void;
  onStep: (input: TrapdStepInput) => Promise<void>;
}

/** One string in one language: where it is, its stage, its Hebrew, and its stages when opened. */
export function TrapdRow({ unit, entry, content, open, onToggle, onStep }: Props) {
  const { t } = useTranslation("ws-trapd");
  const { t: tw } = useTranslation("workspace");
  const { locale } = useAppLocale();
  return (
    <li className="ws-trapd__row" data-testid={`trapd-${unit.path}`}>
      <div className="ws-trapd__head">
        <span className="ws-trapd__label">
          {pathLabel(unit.path, content, locale, tw)}
          {unit.kind === "item" ? (
            <span className="ws-muted ws-small"> · {t("bankItem")}</span>
          ) : null}
        </span>
        <StageBadge entry={entry} />
      </div>
      <p className="ws-trapd__source" lang="he" dir="rtl">
        {unit.source}
      </p>
      <button type="button" className="ws-link-button" aria-expanded={open} onClick={onToggle}>
        {open ? t("close") : t("open")}
      </button>
      {open ? (
        // Keyed by stage: a string moved on starts with its new stage's fields only.
        <TrapdEntryEditor
          key={entry.stage}
          path={unit.path}
          kind={unit.kind}
          entry={entry}
          onStep={onStep}
        />
      ) : null}
    </li>
  );
}

function StageBadge({ entry }: { entry: TrapdEntry }) {
  const { t } = useTranslation("ws-trapd");
  return (
    <span className={`ws-trapd__stage ws-trapd__stage--${entry.stage}`} data-testid="trapd-stage">
      {t(`stage.${entry.stage}`)}
      {entry.sourceChanged ? <strong className="ws-stale"> · {t("sourceChanged")}</strong> : null}
    </span>
  );
}
