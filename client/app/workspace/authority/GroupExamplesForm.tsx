import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import ar from "../../../../locales/ar/ws-group-examples.json";
import en from "../../../../locales/en/ws-group-examples.json";
import he from "../../../../locales/he/ws-group-examples.json";
import type { GroupExamplesView } from "../../../../server/group-examples/schema";
import { errorMessage, getJson, putJson } from "../../../shared/api";
import "./group-examples.css";

const NS = "ws-group-examples";
const STRINGS = { he, ar, en } as const;
const LANGS = ["he", "ar", "en", "ru"] as const;
const REQUIRED = ["he", "ar", "en"] as const;
type Lang = (typeof LANGS)[number];
type Text = Record<Lang, string>;
const EMPTY: Text = { he: "", ar: "", en: "", ru: "" };

type Status =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "cleared" }
  | { kind: "missing" }
  | { kind: "failed"; error: unknown };

/**
 * The authority's examples of groups, shown beside the intergroup-respect item
 * (issue 19: a fixed three-way list left out hamulas, Muslims, Christians and
 * Druze, Bedouin and olim). Readers see them; the evaluation team edits them
 * (`editable`) in he/ar/en and, if it likes, Russian. Its strings are its own
 * namespace, added here.
 */
export function GroupExamplesForm({ slug, editable }: { slug: string; editable: boolean }) {
  const { t, i18n } = useTranslation(NS);
  for (const l of ["he", "ar", "en"] as const)
    if (!i18n.hasResourceBundle(l, NS)) i18n.addResourceBundle(l, NS, STRINGS[l]);
  const id = useId();
  const url = `/api/authorities/${slug}/group-examples`;
  const [text, setText] = useState<Text | null>(null);
  const [stored, setStored] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  useEffect(() => {
    let live = true;
    getJson<GroupExamplesView>(url).then(
      (view) => {
        if (!live) return;
        setText(view.text ? { ...view.text, ru: view.text.ru ?? "" } : EMPTY);
        setStored(view.text !== null);
      },
      (error: unknown) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [url]);

  if (loadError)
    return (
      <p role="alert" className="notice notice--error">
        {errorMessage(loadError, t)}
      </p>
    );
  if (!text) return null;

  const send = async (body: GroupExamplesView, done: "saved" | "cleared") => {
    setStatus({ kind: "saving" });
    try {
      await putJson(url, body);
      setStored(done === "saved");
      if (done === "cleared") setText(EMPTY);
      setStatus({ kind: done });
    } catch (error) {
      setStatus({ kind: "failed", error });
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (REQUIRED.some((l) => text[l].trim() === "")) return setStatus({ kind: "missing" });
    const { ru, ...rest } = text;
    void send({ text: { ...rest, ...(ru.trim() ? { ru } : {}) } }, "saved");
  };

  return (
    <section className="wv-status-box" aria-labelledby={`${id}-h`} data-testid="group-examples">
      <h3 id={`${id}-h`}>{t("title")}</h3>
      <p className="ws-hint">{t("explain")}</p>
      {!editable ? (
        stored ? (
          <p lang="he" dir="rtl" data-testid="group-examples-current">
            {text.he}
          </p>
        ) : (
          <p>{t("none")}</p>
        )
      ) : (
        <form className="ws-group-examples" onSubmit={onSubmit} noValidate>
          {LANGS.map((l) => (
            <div key={l} className="ws-group-examples__field">
              <label htmlFor={`${id}-${l}`}>{t(`lang.${l}`)}</label>
              <input
                id={`${id}-${l}`}
                lang={l}
                dir={l === "he" || l === "ar" ? "rtl" : "ltr"}
                maxLength={200}
                value={text[l]}
                onChange={(e) => setText({ ...text, [l]: e.target.value })}
                data-testid={`group-examples-${l}`}
              />
            </div>
          ))}
          <div className="ws-group-examples__actions">
            <button type="submit" className="button" disabled={status.kind === "saving"}>
              {status.kind === "saving" ? t("saving") : t("save")}
            </button>
            {stored ? (
              <button
                type="button"
                className="button button--secondary"
                disabled={status.kind === "saving"}
                onClick={() => void send({ text: null }, "cleared")}
              >
                {t("clear")}
              </button>
            ) : null}
          </div>
          <p
            role={status.kind === "failed" || status.kind === "missing" ? "alert" : "status"}
            className={
              status.kind === "failed" || status.kind === "missing" ? "notice notice--error" : ""
            }
            data-testid="group-examples-status"
          >
            {status.kind === "failed"
              ? errorMessage(status.error, t)
              : status.kind === "missing"
                ? t("required")
                : status.kind === "saved" || status.kind === "cleared"
                  ? t(status.kind)
                  : ""}
          </p>
        </form>
      )}
    </section>
  );
}
