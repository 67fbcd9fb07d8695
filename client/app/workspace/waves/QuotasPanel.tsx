import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import type { QuotaInput, QuotaView } from "../../../../server/quotas/schema";
import { useAppLocale } from "../../locale-context";
import { useJson } from "../../use-json";
import { sendJson } from "./api";

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
  const [error, setError] = useState<unknown>(null);
  if (view.kind !== "ready") return null;
  const data = view.data;
  const editable = designer && data.editable;
  if (!editable && data.quotas.length === 0) return null;
  const words = (text: { he: string; ar: string; en: string }) => text[locale];
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
      {data.quotas.map((q) => (
        <table key={q.question} className="ws-table" data-testid={`quota-${q.question}`}>
          <caption>{words(q.text)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("quotas.answer")}</th>
              <th scope="col">{t("quotas.filled")}</th>
              <th scope="col">{t("quotas.state")}</th>
            </tr>
          </thead>
          <tbody>
            {q.cells.map((c) => (
              <tr key={c.value}>
                <th scope="row">{words(c.label)}</th>
                <td>{t("quotas.countOf", { count: c.count, target: c.target })}</td>
                <td>{t(c.full ? "quotas.full" : "quotas.open")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {editable ? (
        <form
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
                  {words(c.text)}
                </option>
              ))}
            </select>
          </label>
          {chosen ? (
            <fieldset>
              <legend>{t("quotas.targets")}</legend>
              {chosen.choices.map((c) => (
                <label key={c.value}>
                  {words(c.label)}
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
            <button type="button" className="button" disabled={busy} onClick={() => save([])}>
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
    </section>
  );
}
