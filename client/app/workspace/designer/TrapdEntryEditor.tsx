import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TrapdEntry, TrapdStepInput } from "../../../../server/bank/trapd-schema";
import {
  REQUIRED_TO_LEAVE,
  TRAPD_FIELDS,
  nextStage,
  previousStage,
  type TrapdField,
} from "../../../../server/shared/trapd-stages";
import { errorMessage } from "../../../shared/api";

interface Props {
  path: string;
  kind: "text" | "item";
  entry: TrapdEntry;
  onStep: (input: TrapdStepInput) => Promise<void>;
}

const RTL = new Set(["ar", "he"]);

/**
 * One string in one language: what earlier stages recorded (read only), the
 * current stage's fields, and save / advance / send back.
 */
export function TrapdEntryEditor({ path, kind, entry, onStep }: Props) {
  const { t } = useTranslation("ws-trapd");
  const ids = useId();
  const own = REQUIRED_TO_LEAVE[entry.stage];
  const [fields, setFields] = useState<Partial<Record<TrapdField, string>>>(() =>
    Object.fromEntries(own.map((f) => [f, entry[f]])),
  );
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = nextStage(entry.stage);
  const previous = previousStage(entry.stage);
  const dir = RTL.has(entry.locale) ? "rtl" : "ltr";

  async function run(action: TrapdStepInput["action"]) {
    setBusy(true);
    setError(null);
    try {
      await onStep({ path, locale: entry.locale, stage: entry.stage, action, fields, note });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const recorded = TRAPD_FIELDS.filter((f) => !own.includes(f) && entry[f] !== "");
  return (
    <div className="ws-trapd__editor" data-testid="trapd-editor">
      <dl className="ws-trapd__record">
        <dt>{t("current")}</dt>
        <dd lang={entry.locale} dir={dir}>
          {entry.current || "—"}
        </dd>
        {recorded.map((f) => (
          <div key={f}>
            <dt>{t(`field.${f}`)}</dt>
            <dd lang={f.startsWith("translation") || f === "final" ? entry.locale : undefined}>
              {entry[f]}
            </dd>
          </div>
        ))}
      </dl>
      {own.map((f) => (
        <div key={f} className="ws-trapd__field">
          <label htmlFor={`${ids}-${f}`}>{t(`field.${f}`)}</label>
          <textarea
            id={`${ids}-${f}`}
            rows={3}
            lang={f.startsWith("translation") || f === "final" ? entry.locale : undefined}
            dir={f.startsWith("translation") || f === "final" ? dir : undefined}
            value={fields[f] ?? ""}
            onChange={(e) => setFields({ ...fields, [f]: e.target.value })}
            data-testid={`trapd-field-${f}`}
          />
        </div>
      ))}
      {entry.stage === "adjudicate" ? (
        <p className="ws-small">{kind === "text" ? t("finalIntoDraft") : t("finalForBank")}</p>
      ) : null}
      {previous ? (
        <div className="ws-trapd__field">
          <label htmlFor={`${ids}-note`}>{t("note")}</label>
          <input id={`${ids}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(error, t)}
        </p>
      ) : null}
      <div className="ws-trapd__actions">
        {own.length > 0 ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void run("save")}
          >
            {t("save")}
          </button>
        ) : null}
        {next ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run("advance")}
            data-testid="trapd-advance"
          >
            {t("advanceTo", { stage: t(`stage.${next}`) })}
          </button>
        ) : null}
        {previous ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void run("return")}
          >
            {t("returnTo", { stage: t(`stage.${previous}`) })}
          </button>
        ) : null}
      </div>
      {entry.history.length > 0 ? (
        <details>
          <summary>{t("history", { count: entry.history.length })}</summary>
          <ol className="ws-trapd__history">
            {entry.history.map((h, i) => (
              <li key={i}>
                <bdi>{new Date(h.at).toLocaleString()}</bdi>:{" "}
                {t("historyStep", {
                  from: t(`stage.${h.from}`),
                  to: t(`stage.${h.to}`),
                })}
                {h.note ? ` — ${h.note}` : ""}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
