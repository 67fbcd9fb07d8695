import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { LocalizedFields } from "../LocalizedFields";
import { fieldIssues, issuesAt, type WaveView } from "./api";
import { FieldErrors } from "./FieldErrors";
import { SmsPreview } from "./SmsPreview";
import type { useWaveChanges } from "./use-wave-changes";
import { WaveSettingsFields } from "./WaveSettingsFields";

interface Props {
  /** The form's id, which the readiness checklist links to. */
  id: string;
  wave: WaveView;
  base: string;
  changes: ReturnType<typeof useWaveChanges>;
}

/** A wave's name and settings, saved together; read-only once the wave is closed. */
export function WaveSettingsForm({ id, wave, base, changes }: Props) {
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-waves");
  const { name, settings, saving } = changes;
  const closed = wave.status === "closed";
  const issues = fieldIssues(changes.saveError);
  return (
    <form
      id={id}
      className="ws-form wv-form"
      onSubmit={changes.save}
      noValidate
      data-testid="wave-settings"
    >
      <h3>{t("detail.settings")}</h3>
      {closed ? <p className="notice">{t("detail.closedReadOnly")}</p> : null}
      <LocalizedFields label={t("form.name")} value={name} onChange={changes.setName} />
      <FieldErrors id={`${id}-name-err`} codes={issuesAt(issues, "name")} />
      <WaveSettingsFields
        value={settings}
        onChange={changes.setSettings}
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
  );
}
