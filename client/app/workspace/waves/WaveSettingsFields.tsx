import { useId } from "react";
import { useTranslation } from "react-i18next";
import { issuesAt, type FieldIssue } from "./api";
import { ChannelsFieldset } from "./ChannelsFieldset";
import { LanguagesFieldset } from "./LanguagesFieldset";
import { QuietHoursFieldset } from "./QuietHoursFieldset";
import { RemindersFieldset } from "./RemindersFieldset";
import type { SettingsDraft, Texts } from "./settings";
import { SettingsField, type SettingsPartProps } from "./SettingsField";
import { SmsTemplatesEditor } from "./SmsTemplatesEditor";

interface Props {
  value: SettingsDraft;
  onChange: (next: SettingsDraft) => void;
  issues: readonly FieldIssue[];
  /** The open link's address can be set (one authority); otherwise a note says where it is set. */
  slugAllowed: boolean;
  /** New waves may leave quiet hours to each authority's default. */
  quietDefaultAllowed: boolean;
  authorityNames: Texts;
  waveName: Texts;
  disabled?: boolean;
}

/**
 * A wave's distribution settings: dates, channels, the open link's address,
 * the languages offered, target, SMS texts, reminders and quiet hours. The new-wave form and the wave's
 * page share them.
 */
export function WaveSettingsFields(props: Props) {
  const { value: v, onChange, issues, slugAllowed, quietDefaultAllowed, disabled } = props;
  const { t } = useTranslation("ws-waves");
  const id = useId();
  const set = (patch: Partial<SettingsDraft>) => onChange({ ...v, ...patch });
  const at = (field: string) => issuesAt(issues, field);
  const part: SettingsPartProps = { value: v, set, issues, disabled };

  return (
    <>
      <fieldset className="wv-fieldset">
        <legend>{t("form.dates")}</legend>
        <div className="wv-row">
          <SettingsField id={`${id}-opens`} label={t("form.opensAt")} codes={at("opensAt")}>
            {(d, inv) => (
              <input
                id={`${id}-opens`}
                type="date"
                required
                disabled={disabled}
                value={v.opensAt}
                aria-describedby={d}
                aria-invalid={inv}
                onChange={(e) => set({ opensAt: e.target.value })}
                data-testid="wave-opens"
              />
            )}
          </SettingsField>
          <SettingsField
            id={`${id}-closes`}
            label={t("form.closesAt")}
            hint={t("form.closesHint")}
            codes={at("closesAt")}
          >
            {(d, inv) => (
              <input
                id={`${id}-closes`}
                type="date"
                disabled={disabled}
                value={v.closesAt}
                min={v.opensAt || undefined}
                aria-describedby={d}
                aria-invalid={inv}
                onChange={(e) => set({ closesAt: e.target.value })}
                data-testid="wave-closes"
              />
            )}
          </SettingsField>
        </div>
      </fieldset>

      <ChannelsFieldset {...part} slugAllowed={slugAllowed} />

      <LanguagesFieldset {...part} />

      <SettingsField
        id={`${id}-target`}
        label={t("form.target")}
        hint={t("form.targetHint")}
        codes={at("targetCompletes")}
      >
        {(d, inv) => (
          <input
            id={`${id}-target`}
            type="number"
            inputMode="numeric"
            min={0}
            max={100000}
            className="ws-narrow"
            disabled={disabled}
            value={v.targetCompletes}
            aria-describedby={d}
            aria-invalid={inv}
            onChange={(e) => set({ targetCompletes: e.target.value })}
            data-testid="wave-target"
          />
        )}
      </SettingsField>

      {v.channels.includes("sms") ? (
        <fieldset className="wv-fieldset">
          <legend>{t("form.sms")}</legend>
          <SmsTemplatesEditor
            templates={v.templates}
            onChange={(templates) => set({ templates })}
            authority={props.authorityNames}
            wave={props.waveName}
            issues={issues}
            disabled={disabled}
          />
          <RemindersFieldset {...part} />
          <QuietHoursFieldset {...part} quietDefaultAllowed={quietDefaultAllowed} />
        </fieldset>
      ) : null}
    </>
  );
}
