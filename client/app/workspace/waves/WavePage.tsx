import "./waves.css";
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { errorMessage } from "../../../shared/api";
import { LoadFailed } from "../../LoadFailed";
import type { SessionInfo } from "../../session";
import { useJson } from "../../use-json";
import { LocalizedFields } from "../LocalizedFields";
import { hrefOf, wavePath } from "../routes";
import { fieldIssues, issuesAt, sendJson, type Readiness, type WaveView } from "./api";
import { FieldErrors } from "./FieldErrors";
import { ReadinessChecklist } from "./ReadinessChecklist";
import { settingsBody, settingsOf, type SettingsDraft, type Texts } from "./settings";
import { SmsPreview } from "./SmsPreview";
import { SmsProposalPanel } from "./SmsProposalPanel";
import { BridgePanel } from "./BridgePanel";
import { GroupExamplesForm } from "../authority/GroupExamplesForm";
import { StatusActions } from "./StatusActions";
import { formatDay, StatusBadge } from "./StatusBadge";
import { WaveSettingsFields } from "./WaveSettingsFields";

interface Props {
  slug: string;
  waveId: string;
  session: SessionInfo;
}

/** `/workspace/waves/<slug>/<waveId>`: a wave's settings, its readiness checklist and its status. */
export function WavePage({ slug, waveId, session }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const base = `/api/authorities/${slug}/waves/${waveId}`;
  const [waveState, retryWave] = useJson<WaveView>(`${base}?lang=${locale}`);
  const [readiness, retryReadiness] = useJson<Readiness>(`${base}/readiness?lang=${locale}`);
  const [wave, setWave] = useState<WaveView | null>(null);
  useEffect(() => {
    if (waveState.kind === "ready") setWave(waveState.data);
  }, [waveState]);

  if (waveState.kind === "failed")
    return <LoadFailed error={waveState.error} onRetry={retryWave} />;
  if (!wave) return <p role="status">{t("common:loading")}</p>;
  return (
    <WaveDetail
      key={wave.id}
      wave={wave}
      base={base}
      designer={session.user.role === "admin" || session.user.role === "researcher"}
      readiness={readiness.kind === "ready" ? readiness.data : null}
      readinessFailed={readiness.kind === "failed" ? readiness.error : null}
      retryReadiness={retryReadiness}
      onChanged={(next) => {
        setWave(next);
        retryReadiness(); // what the change did to the checklist
      }}
    />
  );
}

interface DetailProps {
  wave: WaveView;
  base: string;
  designer: boolean;
  readiness: Readiness | null;
  readinessFailed: unknown;
  retryReadiness: () => void;
  onChanged: (wave: WaveView) => void;
}

function WaveDetail(props: DetailProps) {
  const { wave, base, designer, readiness, onChanged } = props;
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-waves");
  const id = useId();
  const settingsId = `${id}-settings`;
  const [name, setName] = useState<Texts>(wave.name);
  const [settings, setSettings] = useState<SettingsDraft>(() => settingsOf(wave));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [moving, setMoving] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const closed = wave.status === "closed";
  const issues = fieldIssues(saveError);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    setMessage({ text: t("detail.saving"), error: false });
    try {
      const next = await sendJson<WaveView>("PATCH", `${base}?lang=${locale}`, {
        name,
        ...settingsBody(settings),
        openLinkSlug: settings.openLinkSlug || null,
      });
      const proposed =
        next.smsProposal !== null && next.smsProposal.proposedAt !== wave.smsProposal?.proposedAt;
      setMessage({ text: t(proposed ? "proposal.submitted" : "detail.saved"), error: false });
      onChanged(next);
      setSettings(settingsOf(next));
    } catch (err) {
      setSaveError(err);
      setMessage({ text: errorMessage(err, t), error: true });
    } finally {
      setSaving(false);
    }
  }

  async function move(to: WaveView["status"]) {
    setMoving(true);
    setMessage({ text: t("detail.moving"), error: false });
    try {
      const next = await sendJson<WaveView>("POST", `${base}/status?lang=${locale}`, {
        status: to,
      });
      setMessage({ text: t("detail.moved", { status: t(`status.${next.status}`) }), error: false });
      onChanged(next);
    } catch (err) {
      setMessage({ text: errorMessage(err, t), error: true });
      onChanged(wave); // the checklist is read again: it says what is missing now
    } finally {
      setMoving(false);
    }
  }

  return (
    <div className="wv-detail" data-testid="wave-page" data-status={wave.status}>
      <nav className="wv-crumbs" aria-label={t("detail.crumbs")}>
        <a href={hrefOf("/workspace/waves", locale)}>{t("detail.back")}</a>
        <a href={hrefOf(wavePath(wave.authority.slug, wave.id, "contacts"), locale)}>
          {t("list.contacts")}
        </a>
        <a href={hrefOf(wavePath(wave.authority.slug, wave.id, "monitoring"), locale)}>
          {t("list.monitoring")}
        </a>
      </nav>
      <header className="wv-detail__head">
        <h3 data-testid="wave-title">
          {wave.name[locale]} · {wave.authority.name[locale]}
        </h3>
        <StatusBadge status={wave.status} />
        <p className="ws-muted">
          {t("detail.meta", {
            kind: t(`kind.${wave.kind}`),
            instrument: `${wave.instrument.key} v${wave.instrument.version}`,
            date: formatDay(wave.opensAt, locale),
          })}
        </p>
      </header>

      <p
        className={message?.error ? "notice notice--error" : "wv-announce"}
        role="status"
        aria-live="polite"
        data-testid="wave-message"
      >
        {message?.text ?? ""}
      </p>

      <div className="wv-detail__grid">
        <div className="wv-side">
          {wave.status === "open" || wave.status === "closed" ? null : readiness ? (
            <ReadinessChecklist
              wave={wave}
              readiness={readiness}
              settingsId={settingsId}
              designer={designer}
            />
          ) : props.readinessFailed ? (
            <LoadFailed error={props.readinessFailed} onRetry={props.retryReadiness} />
          ) : (
            <p role="status">{t("check.loading")}</p>
          )}
          <section className="wv-status-box" aria-labelledby={`${id}-status-h`}>
            <h3 id={`${id}-status-h`}>{t("actions.title")}</h3>
            <StatusActions
              status={wave.status}
              ready={readiness?.ready ?? false}
              busy={moving || saving}
              onConfirm={move}
            />
            {moving ? <p className="ws-hint">{t("detail.moving")}</p> : null}
          </section>
          <SmsProposalPanel wave={wave} base={base} reviewer={designer} onChanged={onChanged} />
          <BridgePanel wave={wave} base={base} designer={designer} />
          <GroupExamplesForm slug={wave.authority.slug} editable={designer} />
        </div>

        <form
          id={settingsId}
          className="ws-form wv-form"
          onSubmit={save}
          noValidate
          data-testid="wave-settings"
        >
          <h3>{t("detail.settings")}</h3>
          {closed ? <p className="notice">{t("detail.closedReadOnly")}</p> : null}
          <LocalizedFields label={t("form.name")} value={name} onChange={setName} />
          <FieldErrors id={`${id}-name-err`} codes={issuesAt(issues, "name")} />
          <WaveSettingsFields
            value={settings}
            onChange={setSettings}
            issues={issues}
            slugAllowed
            quietDefaultAllowed={false}
            authorityNames={wave.authority.name}
            waveName={name}
            disabled={closed}
          />
          {closed ? null : (
            <div className="wv-actions">
              <button type="submit" className="button" disabled={saving} data-testid="save-wave">
                {saving ? t("detail.saving") : t("detail.save")}
              </button>
            </div>
          )}
          {settings.channels.includes("sms") ? (
            <SmsPreview
              previewUrl={`${base}/sms-preview?lang=${locale}`}
              templates={settings.templates}
            />
          ) : null}
        </form>
      </div>
    </div>
  );
}
