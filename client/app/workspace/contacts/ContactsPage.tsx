import "./contacts.css";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import type { SessionInfo } from "../../session";
import { useJson } from "../../use-json";
import { hrefOf, wavePath } from "../routes";
import { NUMBER_REVEALERS, waveApi, type WaveView } from "./api";
import { ContactList } from "./ContactList";
import { OptOutList } from "./OptOutList";
import { ImportPanel } from "./ImportPanel";
import { SendPanel } from "./SendPanel";
import { useAppLocale } from "../../locale-context";

interface Props {
  slug: string;
  waveId: string;
  session: SessionInfo;
}

/**
 * `/workspace/waves/<slug>/<waveId>/contacts`: import a contacts file with its
 * pre-flight report and progress, list and search the wave's contacts (numbers
 * masked; a reveal is audited), opt-outs and their undo, sending the
 * invitations, and one contact's link sent again or replaced.
 */
export function ContactsPage({ slug, waveId, session }: Props) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const [wave, retry] = useJson<WaveView>(`${waveApi(slug, waveId)}?lang=${locale}`);
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState("");
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const changed = useCallback((text: string) => {
    setMessage(text);
    setVersion((v) => v + 1);
  }, []);
  const canReveal = (NUMBER_REVEALERS as readonly string[]).includes(session.user.role);

  if (wave.kind === "failed") return <LoadFailed error={wave.error} onRetry={retry} />;
  if (wave.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  const w = wave.data;
  return (
    <div className="ct-page" data-testid="contacts-page">
      <p className="ct-wave">
        <a href={hrefOf(wavePath(slug, waveId), locale)}>{w.name[locale] || w.name.he}</a>
        <span className="ws-badge">{t(`waveStatus.${w.status}`)}</span>
        <a href={hrefOf(wavePath(slug, waveId, "monitoring"), locale)}>{t("monitoringLink")}</a>
      </p>
      <p
        className="visually-hidden"
        role="status"
        aria-live="polite"
        data-testid="contacts-message"
      >
        {message}
      </p>
      {message ? (
        <p className="notice ct-message" data-testid="contacts-message-visible">
          {message}
        </p>
      ) : null}
      <div className="ct-grid">
        <ImportPanel slug={slug} waveId={waveId} onImported={refresh} />
        <SendPanel slug={slug} waveId={waveId} wave={w} onSent={refresh} />
      </div>
      <ContactList
        slug={slug}
        waveId={waveId}
        canReveal={canReveal}
        canSend={w.status === "open" && w.channels.includes("sms")}
        version={version}
        onChanged={changed}
      />
      <OptOutList
        slug={slug}
        waveId={waveId}
        canReveal={canReveal}
        version={version}
        onChanged={changed}
      />
    </div>
  );
}
