import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TrapdView, TrapdStepInput } from "../../../../server/bank/trapd-schema";
import { TRAPD_STAGES, type TrapdStage } from "../../../../server/shared/trapd-stages";
import { postJson } from "../../../shared/api";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import type { DraftContent } from "../types";
import { TrapdRow } from "./TrapdRow";
import { TrapdSheets } from "./TrapdSheets";
import "./trapd.css";

interface Props {
  draftKey: string;
  content: DraftContent;
  /** Called after a step that may have changed the draft (an adjudicated final). */
  onDraftChanged: () => void;
}

const LANGS = ["ar", "en", "ru"] as const;
type Lang = (typeof LANGS)[number];

/**
 * TRAPD in the designer: every string of the instrument in one target language
 * at a time, with the stage it is at; opening one shows what each stage
 * recorded and lets the researcher fill in the current stage and advance it, or
 * send it back with a reason.
 */
export function TrapdPanel({ draftKey, content, onDraftChanged }: Props) {
  const { t } = useTranslation("ws-trapd");
  const ids = useId();
  const url = `/api/bank/drafts/${encodeURIComponent(draftKey)}/trapd`;
  const [loaded, retry] = useJson<TrapdView>(url);
  const [view, setView] = useState<TrapdView | null>(null);
  const [lang, setLang] = useState<Lang>("ar");
  const [stage, setStage] = useState<TrapdStage | "all">("all");
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.kind === "ready") setView(loaded.data);
  }, [loaded]);

  if (loaded.kind === "failed") return <LoadFailed error={loaded.error} onRetry={retry} />;
  if (!view) return <p role="status">{t("common:loading")}</p>;

  async function step(input: TrapdStepInput) {
    const next = await postJson<TrapdView>(`${url}/steps`, input);
    setView(next);
    if (input.action === "advance" && input.stage === "adjudicate") onDraftChanged();
  }

  const rows = view.units.flatMap((u) => {
    const entry = u.entries.find((e) => e.locale === lang);
    return entry && (stage === "all" || entry.stage === stage) ? [{ unit: u, entry }] : [];
  });
  const counts = countsIn(view, lang);

  return (
    <div className="ws-trapd">
      <p>{t("intro")}</p>
      <div className="ws-trapd__filters">
        <label htmlFor={`${ids}-lang`}>{t("language")}</label>
        <select
          id={`${ids}-lang`}
          value={lang}
          onChange={(e) => setLang(e.target.value as Lang)}
          data-testid="trapd-lang"
        >
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {t(`lang.${l}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-stage`}>{t("stageFilter")}</label>
        <select
          id={`${ids}-stage`}
          value={stage}
          onChange={(e) => setStage(e.target.value as TrapdStage | "all")}
        >
          <option value="all">{t("allStages")}</option>
          {TRAPD_STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`stage.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <TrapdSheets draftKey={draftKey} lang={lang} onImported={() => (retry(), onDraftChanged())} />
      <ul className="ws-trapd__counts" aria-label={t("countsLabel")} data-testid="trapd-counts">
        {TRAPD_STAGES.map((s) => (
          <li key={s} className={`ws-trapd__stage ws-trapd__stage--${s}`}>
            {t(`stage.${s}`)}: <bdi>{counts[s]}</bdi>
          </li>
        ))}
      </ul>
      {rows.length === 0 ? <p role="status">{t("none")}</p> : null}
      <ul className="ws-trapd__list">
        {rows.map(({ unit, entry }) => {
          const id = `${unit.path}|${entry.locale}`;
          return (
            <TrapdRow
              key={id}
              unit={unit}
              entry={entry}
              content={content}
              open={open === id}
              onToggle={() => setOpen(open === id ? null : id)}
              onStep={step}
            />
          );
        })}
      </ul>
    </div>
  );
}

function countsIn(view: TrapdView, lang: Lang): Record<TrapdStage, number> {
  const out = Object.fromEntries(TRAPD_STAGES.map((s) => [s, 0])) as Record<TrapdStage, number>;
  for (const u of view.units) for (const e of u.entries) if (e.locale === lang) out[e.stage] += 1;
  return out;
}
