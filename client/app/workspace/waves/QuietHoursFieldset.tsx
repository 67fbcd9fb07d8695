import { useId } from "react";
import { useTranslation } from "react-i18next";
import { issuesAt } from "./api";
import { DEFAULT_QUIET } from "./settings";
import { SettingsField, type SettingsPartProps } from "./SettingsField";

type TimeKeys = readonly ["nightStart", "nightEnd"] | readonly ["weekendStart", "weekendEnd"];

/**
 * When no SMS is sent: the nights and, if chosen, the weekend's rest. A new
 * wave may leave them to the authority's default (`quietDefaultAllowed`).
 */
export function QuietHoursFieldset(props: SettingsPartProps & { quietDefaultAllowed: boolean }) {
  const { value: v, set, issues, disabled, quietDefaultAllowed } = props;
  const { t } = useTranslation("ws-waves");
  const id = useId();
  const quiet = v.quietHours ?? DEFAULT_QUIET;
  const setQuiet = (patch: Partial<typeof quiet>) => set({ quietHours: { ...quiet, ...patch } });
  /** Two clock fields side by side (start and end). */
  const timeRow = (keys: TimeKeys) => (
    <div className="wv-row">
      {keys.map((k) => (
        <SettingsField
          key={k}
          id={`${id}-${k}`}
          label={t(`form.${k}`)}
          codes={issuesAt(issues, `quietHours.${k}`)}
        >
          {(d, inv) => (
            <input
              id={`${id}-${k}`}
              type="time"
              dir="ltr"
              disabled={disabled}
              value={quiet[k]}
              aria-describedby={d}
              aria-invalid={inv}
              onChange={(e) => setQuiet({ [k]: e.target.value })}
            />
          )}
        </SettingsField>
      ))}
    </div>
  );
  return (
    <fieldset className="wv-fieldset wv-inner">
      <legend>{t("form.quiet")}</legend>
      <p className="ws-hint">{t("form.quietHint")}</p>
      {quietDefaultAllowed ? (
        <label className="ws-check">
          <input
            type="checkbox"
            disabled={disabled}
            checked={v.quietHours === null}
            onChange={(e) => set({ quietHours: e.target.checked ? null : { ...DEFAULT_QUIET } })}
            data-testid="quiet-default"
          />
          <span>{t("form.quietDefault")}</span>
        </label>
      ) : null}
      {v.quietHours === null ? (
        <p className="wv-defaults" data-testid="quiet-defaults">
          {t("form.quietDefaultsAre", {
            nightStart: DEFAULT_QUIET.nightStart,
            nightEnd: DEFAULT_QUIET.nightEnd,
            weekendStart: DEFAULT_QUIET.weekendStart,
            weekendEnd: DEFAULT_QUIET.weekendEnd,
          })}
        </p>
      ) : (
        <>
          {timeRow(["nightStart", "nightEnd"])}
          <label className="ws-check">
            <input
              type="checkbox"
              disabled={disabled}
              checked={quiet.weekendRest}
              onChange={(e) => setQuiet({ weekendRest: e.target.checked })}
              data-testid="quiet-weekend"
            />
            <span>{t("form.weekendRest")}</span>
          </label>
          {quiet.weekendRest ? timeRow(["weekendStart", "weekendEnd"]) : null}
        </>
      )}
    </fieldset>
  );
}
