import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, getJson, patchJson } from "../../shared/api";
import { useAppLocale } from "../locale-context";

/** A resident who asked to take part, as the coordinator sees them. */
export interface Signup {
  id: string;
  interests: string[];
  contact: { kind: "phone" | "email"; value: string };
  name: string | null;
  day: string;
  wave: string;
  status: "new" | "contacted" | "joined" | "declined" | "withdrawn";
}

/** A "you said, we did" entry in each language it was written in. */
export interface Update {
  id: string;
  date: string;
  text: { he: string | null; ar: string | null; en: string | null };
  status: "submitted" | "approved" | "rejected";
}

/**
 * An authority's sign-ups (only when `coordinating`: every read is audited)
 * and updates, read again after each change, with the last error and notice.
 */
export function useParticipation(slug: string, coordinating: boolean) {
  const { t } = useTranslation("participation");
  const { locale } = useAppLocale();
  const [signups, setSignups] = useState<Signup[] | null>(null);
  const [updates, setUpdates] = useState<Update[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(() => {
    if (coordinating) {
      getJson<Signup[]>(`/api/authorities/${slug}/signups?lang=${locale}`).then(
        setSignups,
        (e: unknown) => setError(errorMessage(e, t)),
      );
    }
    getJson<Update[]>(`/api/authorities/${slug}/updates?lang=${locale}`).then(
      setUpdates,
      (e: unknown) => setError(errorMessage(e, t)),
    );
  }, [coordinating, slug, locale, t]);
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

  const reviewed = (decision: "approve" | "reject") => {
    setNotice(t(decision === "approve" ? "queue.approved" : "queue.rejected"));
    reload();
  };

  return { signups, updates, error, notice, reload, setStatus, reviewed };
}
