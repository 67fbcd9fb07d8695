import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../shared/api";
import type { Locale } from "../../../shared/locale";
import { draftSms, sampleLink } from "../../../../server/shared/sms/sms-draft";
import { sendJson, type WaveView } from "./api";
import { SMS_KINDS } from "./settings";
import { useAppLocale } from "../../locale-context";

interface Props {
  wave: WaveView;
  base: string;
  /** Researchers and admins decide; a coordinator sees the texts wait. */
  reviewer: boolean;
  onChanged: (wave: WaveView) => void;
}

/**
 * A coordinator's SMS texts for a wave that has opened, waiting for a researcher
 * (server/waves/sms-proposal.ts): each shown as a resident would receive it, with
 * the link and the opt-out line, and for reviewers the approve and reject buttons.
 */
export function SmsProposalPanel({ wave, base, reviewer, onChanged }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const proposal = wave.smsProposal;
  if (!proposal) return null;
  const origin = window.location.origin;

  async function decide(decision: "approve" | "reject") {
    setBusy(true);
    setError(null);
    try {
      onChanged(
        await sendJson<WaveView>("POST", `${base}/sms-proposal/${decision}?lang=${locale}`, {}),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const texts = SMS_KINDS.flatMap((kind) =>
    (Object.entries(proposal[kind]) as [Locale, string][]).map(([lang, text]) => ({
      kind,
      lang,
      text: draftSms(kind, lang, text, {
        link: sampleLink(origin),
        authority: wave.authority.name[lang],
        wave: wave.name[lang],
        transparency: `${origin}/p/${wave.authority.slug}`,
      }).text,
    })),
  );
  return (
    <section className="wv-proposal" aria-labelledby={`${id}-h`} data-testid="sms-proposal">
      <h3 id={`${id}-h`}>{t("proposal.title")}</h3>
      <p className="ws-hint">{t(reviewer ? "proposal.reviewerHint" : "proposal.waitingHint")}</p>
      <ul className="wv-proposal__list">
        {texts.map(({ kind, lang, text }) => (
          <li key={`${kind}-${lang}`}>
            <span className="ws-muted">
              {t(`sms.kind.${kind}`)} · {t(`lang.${lang}`)}
            </span>
            <p className="wv-proposal__text" lang={lang} dir={lang === "en" ? "ltr" : "rtl"}>
              {text}
            </p>
          </li>
        ))}
      </ul>
      {reviewer ? (
        <div className="wv-actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void decide("approve")}
            data-testid="proposal-approve"
          >
            {t("proposal.approve")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void decide("reject")}
            data-testid="proposal-reject"
          >
            {t("proposal.reject")}
          </button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="notice notice--error">
          {errorMessage(error, t)}
        </p>
      ) : null}
    </section>
  );
}
