import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import type { QuotaInput, QuotaView } from "../../../../server/quotas/schema";
import { useAppLocale } from "../../locale-context";
import { useJson } from "../../use-json";
import { ConfirmDialog } from "../contacts/ConfirmDialog";
import { sendJson } from "./api";
import { QuotaTables } from "./QuotaTables";
import "./quotas.css";

interface Props {
  /** The wave's API path (…/waves/:id). */
  base: string;
  /** Researchers and admins set quotas; everyone who follows the wave sees them fill. */
  designer: boolean;
}

type Quotas = QuotaInput["quotas"];

/**
 * A wave's quotas (issue 20): a target per answer of a choice question (sex, age
 * group, neighbourhood). A full cell closes: its residents are thanked at the end
 * and their answers not stored, which the server checks at every submission.
 */
export function QuotasPanel({ base, designer }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const id = useId();
  const [view, reload] = useJson<QuotaView>(`${base}/quotas?lang=${locale}`);
  const [question, setQuestion] = useState("");
  const [targets, setTargets] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (view.kind !== "ready") return null;
  const data = view.data;
  const editable = designer && data.editable;
  if (!editable && data.quotas.length === 0) return null;
  const kept: Quotas = data.quotas.map((q) => ({
    question: q.question,
    cells: q.cells.map((c) => ({ value: c.value, target: c.target })),
  }));
  const chosen = data.candidates.find((c) => c.question === question);
  async function save(quotas: Quotas) {
    setBusy(true);
    setError(null);
    try {
      await sendJson<QuotaView>("PUT", `${base}/quotas?lang=${locale}`, { quotas });
      reload();
      setQuestion("");
      setTargets({});
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const pick = (next: string) => {
    setQuestion(next);
    const own = data.quotas.find((q) => q.question === next);
    setTargets(Object.fromEntries((own?.cells ?? []).map((c) => [c.value, String(c.target)])));
  };
  const edited = (): Quotas => {
    const cells = Object.entries(targets)
      .filter(([, v]) => v.trim() !== "")
      .map(([value, target]) => ({ value: Number(value), target: Number(target) }));
    const others = kept.filter((q) => q.question !== question);
    return cells.length > 0 ? [...others, { question, cells }] : others;
  };

  return (
    <section className="wv-quotas" aria-labelledby={`${id}-h`} data-testid="wave-quotas">
      <h3 id={`${id}-h`}>{t("quotas.title")}</h3>
      <p className="ws-hint">{t("quotas.explain")}</p>
      {data.quotas.length === 0 ? <p>{t("quotas.none")}</p> : null}
      <QuotaTables quotas={data.quotas} />
      {editable ? (
        <form
          className="wv-quotas__form"
          onSubmit={(e) => {
            e.preventDefault();
            void save(edited());
          }}
        >
          <label>
            {t("quotas.question")}
            <select value={question} onChange={(e) => pick(e.target.value)}>
              <option value="">{t("quotas.choose")}</option>
              {data.candidates.map((c) => (
                <option key={c.question} value={c.question}>
                  {c.text[locale]}
                </option>
              ))}
            </select>
          </label>
          {chosen ? (
            <fieldset>
              <legend>{t("quotas.targets")}</legend>
              {chosen.choices.map((c) => (
                <label key={c.value}>
                  {c.label[locale]}
                  <input
                    type="number"
                    inputMode="numeric"
                    min={1}
                    value={targets[c.value] ?? ""}
                    onChange={(e) => setTargets({ ...targets, [c.value]: e.target.value })}
                  />
                </label>
              ))}
              <button type="submit" className="button" disabled={busy}>
                {t("quotas.save")}
              </button>
            </fieldset>
          ) : null}
          {data.quotas.length > 0 ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => setRemoving(true)}
            >
              {t("quotas.removeAll")}
            </button>
          ) : null}
          {error ? (
            <p role="alert" className="notice notice--error">
              {errorMessage(error, t)}
            </p>
          ) : null}
        </form>
      ) : null}
      <ConfirmDialog
        open={removing}
        title={t("quotas.removeTitle")}
        confirmLabel={t("quotas.removeAll")}
        cancelLabel={t("quotas.keep")}
        danger
        busy={busy}
        testId="quotas-remove-dialog"
        onConfirm={() => {
          setRemoving(false);
          void save([]);
        }}
        onCancel={() => setRemoving(false)}
      />
    </section>
  );
}
