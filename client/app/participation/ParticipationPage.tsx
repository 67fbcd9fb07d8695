import "./participation.css";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import ar from "../../../locales/ar/participation.json";
import en from "../../../locales/en/participation.json";
import he from "../../../locales/he/participation.json";
import { AppShell } from "../AppShell";
import { useAppLocale } from "../locale-context";
import type { SessionInfo } from "../session";
import { SignupTable } from "./SignupTable";
import { UpdateForm } from "./UpdateForm";
import { UpdateList } from "./UpdateList";
import { useParticipation } from "./use-participation";

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
  const coordinating = COORDINATING.has(session.user.role);
  const { signups, updates, error, notice, reload, setStatus, reviewed } = useParticipation(
    slug,
    coordinating,
  );

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
      {coordinating ? (
        <section aria-labelledby="p-signups">
          <h2 id="p-signups">{t("signups")}</h2>
          <p>
            <a href={`/api/authorities/${slug}/signups.csv?lang=${locale}`} download>
              {t("download")}
            </a>
          </p>
          {signups && signups.length === 0 ? <p>{t("noSignups")}</p> : null}
          {signups && signups.length > 0 ? (
            <SignupTable signups={signups} onStatus={(id, s) => void setStatus(id, s)} />
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="p-updates">
        <h2 id="p-updates">{t("updates")}</h2>
        {coordinating ? <UpdateForm slug={slug} onSaved={reload} /> : null}
        {updates && updates.length === 0 ? <p>{t("noUpdates")}</p> : null}
        <UpdateList
          slug={slug}
          updates={updates}
          reviewer={REVIEWING.has(session.user.role)}
          onReviewed={reviewed}
        />
      </section>
    </AppShell>
  );
}
