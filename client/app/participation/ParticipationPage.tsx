import "./participation.css";
import type { ReactNode } from "react";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import ar from "../../../locales/ar/participation.json";
import en from "../../../locales/en/participation.json";
import he from "../../../locales/he/participation.json";
import { errorMessage, getJson, patchJson, postJson } from "../../shared/api";
import { AppShell } from "../AppShell";
import { useAppLocale } from "../locale-context";
import type { SessionInfo } from "../session";
import { ReviewButtons } from "./ReviewButtons";

interface Signup {
  id: string;
  interests: string[];
  contact: { kind: "phone" | "email"; value: string };
  name: string | null;
  day: string;
  wave: string;
  status: "new" | "contacted" | "joined" | "declined" | "withdrawn";
}

interface Update {
  id: string;
  date: string;
  text: { he: string | null; ar: string | null; en: string | null };
  status: "submitted" | "approved" | "rejected";
}

interface Props {
  slug: string;
  account: ReactNode;
  session: SessionInfo;
}

const COORDINATING = new Set(["admin", "authority-coordinator"]);
const REVIEWING = new Set(["admin", "researcher"]);

/**
 * The coordinator's view of residents who want to take part (contact details
 * appear here only, and every read is audit-logged), the "you said, we did"
 * entries, and the researcher's review of them.
 */
export default function ParticipationPage({ slug, account, session }: Props) {
  const { t, i18n } = useTranslation("participation");
  const { locale } = useAppLocale();
  for (const [lng, bundle] of Object.entries({ he, ar, en })) {
    if (!i18n.hasResourceBundle(lng, "participation"))
      i18n.addResourceBundle(lng, "participation", bundle, true, true);
  }
  const role = session.user.role;
  const [signups, setSignups] = useState<Signup[] | null>(null);
  const [updates, setUpdates] = useState<Update[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(() => {
    if (COORDINATING.has(role)) {
      getJson<Signup[]>(`/api/authorities/${slug}/signups?lang=${locale}`).then(
        setSignups,
        (e: unknown) => setError(errorMessage(e, t)),
      );
    }
    getJson<Update[]>(`/api/authorities/${slug}/updates?lang=${locale}`).then(
      setUpdates,
      (e: unknown) => setError(errorMessage(e, t)),
    );
  }, [role, slug, locale, t]);
  useEffect(reload, [reload]);

  async function setStatus(id: string, status: Signup["status"]) {
    try {
      await patchJson(`/api/signups/${id}?lang=${locale}`, { status });
      setNotice(t("saved"));
      reload();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }

  return (
    <AppShell title={t("title")} account={account}>
      {error ? (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      ) : null}
      <p role="status">{notice}</p>
      <p>
        <a href={`/p/${slug}?lang=${locale}`}>{t("publicPage")}</a>
      </p>
      {COORDINATING.has(role) ? (
        <section aria-labelledby="p-signups">
          <h2 id="p-signups">{t("signups")}</h2>
          <p>
            <a href={`/api/authorities/${slug}/signups.csv?lang=${locale}`} download>
              {t("download")}
            </a>
          </p>
          {signups && signups.length === 0 ? <p>{t("noSignups")}</p> : null}
          {signups && signups.length > 0 ? (
            <div className="participation-scroll">
              <table className="participation-table" data-testid="signups">
                <thead>
                  <tr>
                    <th scope="col">{t("colDay")}</th>
                    <th scope="col">{t("colName")}</th>
                    <th scope="col">{t("colContact")}</th>
                    <th scope="col">{t("colInterests")}</th>
                    <th scope="col">{t("colStatus")}</th>
                  </tr>
                </thead>
                <tbody>
                  {signups.map((s) => (
                    <tr key={s.id} data-testid="signup-row">
                      <td>{s.day}</td>
                      <td>{s.name ?? t("anonymous")}</td>
                      <td dir="ltr">{s.contact.value}</td>
                      <td>{s.interests.map((i) => t(`interest.${i}`)).join(", ")}</td>
                      <td>
                        <select
                          aria-label={t("statusFor", { name: s.name ?? s.contact.value })}
                          value={s.status}
                          onChange={(e) => void setStatus(s.id, e.target.value as Signup["status"])}
                          data-testid="signup-status"
                        >
                          {(["new", "contacted", "joined", "declined"] as const).map((st) => (
                            <option key={st} value={st}>
                              {t(`status.${st}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="p-updates">
        <h2 id="p-updates">{t("updates")}</h2>
        {COORDINATING.has(role) ? <UpdateForm slug={slug} onSaved={reload} /> : null}
        {updates && updates.length === 0 ? <p>{t("noUpdates")}</p> : null}
        <ul className="update-list" data-testid="updates-list">
          {(updates ?? []).map((u) => (
            <li key={u.id} data-testid="update-item">
              <p>
                <strong>{u.date}</strong> · {t(`updateStatus.${u.status}`)}
              </p>
              <p>{u.text[locale] ?? u.text.he ?? u.text.ar ?? u.text.en}</p>
              {REVIEWING.has(role) && u.status === "submitted" ? (
                <ReviewButtons
                  id={u.id}
                  authority={slug}
                  onReviewed={(decision) => {
                    setNotice(t(decision === "approve" ? "queue.approved" : "queue.rejected"));
                    reload();
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </AppShell>
  );
}

function UpdateForm({ slug, onSaved }: { slug: string; onSaved: () => void }) {
  const { t } = useTranslation("participation");
  const { locale } = useAppLocale();
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [text, setText] = useState({ he: "", ar: "", en: "" });
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const filled = Object.fromEntries(Object.entries(text).filter(([, v]) => v.trim()));
    if (Object.keys(filled).length === 0) return setError(t("needText"));
    try {
      await postJson(`/api/authorities/${slug}/updates?lang=${locale}`, { date, text: filled });
      setText({ he: "", ar: "", en: "" });
      setError(null);
      onSaved();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }
  return (
    <form onSubmit={submit} className="update-form" aria-labelledby="p-new-update">
      <h3 id="p-new-update">{t("newUpdate")}</h3>
      <label>
        {t("date")}
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      {(["he", "ar", "en"] as const).map((l) => (
        <label key={l}>
          {t(`text${l === "he" ? "He" : l === "ar" ? "Ar" : "En"}`)}
          <textarea
            lang={l}
            dir={l === "en" ? "ltr" : "rtl"}
            rows={3}
            maxLength={1000}
            value={text[l]}
            onChange={(e) => setText({ ...text, [l]: e.target.value })}
            data-testid={`update-text-${l}`}
          />
        </label>
      ))}
      {error ? (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" data-testid="submit-update">
        {t("submitUpdate")}
      </button>
    </form>
  );
}
