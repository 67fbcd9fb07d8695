import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { issuesAt, type FieldIssue } from "./api";
import { FieldErrors } from "./FieldErrors";
import { CHANNELS, DEFAULT_QUIET, type Channel, type SettingsDraft, type Texts } from "./settings";
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

/** A labelled input with its hint and the server's errors, wired by ids. */
function Field(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  codes: string[];
  children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode;
}) {
  const { id, label, hint, codes, children } = props;
  const describedBy =
    [hint ? `${id}-hint` : "", codes.length ? `${id}-err` : ""].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className="wv-field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy, codes.length ? true : undefined)}
      {hint ? (
        <p id={`${id}-hint`} className="ws-hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${id}-err`} codes={codes} />
    </div>
  );
}

/**
 * A wave's distribution settings: dates, channels, the open link's address,
 * target, SMS texts, reminders and quiet hours. The new-wave form and the wave's
 * page share them.
 */
export function WaveSettingsFields(props: Props) {
  const { value: v, onChange, issues, slugAllowed, quietDefaultAllowed, disabled } = props;
  const { t } = useTranslation("ws-waves");
  const id = useId();
  const set = (patch: Partial<SettingsDraft>) => onChange({ ...v, ...patch });
  const toggle = (c: Channel, on: boolean) =>
    set({
      channels: on
        ? CHANNELS.filter((x) => x === c || v.channels.includes(x))
        : v.channels.filter((x) => x !== c),
    });
  const quiet = v.quietHours ?? DEFAULT_QUIET;
  const setQuiet = (patch: Partial<typeof quiet>) => set({ quietHours: { ...quiet, ...patch } });
  /** Two clock fields of the quiet hours side by side (start and end). */
  const timeRow = (
    keys: readonly ["nightStart", "nightEnd"] | readonly ["weekendStart", "weekendEnd"],
  ) => (
    <div className="wv-row">
      {keys.map((k) => (
        <Field key={k} id={`${id}-${k}`} label={t(`form.${k}`)} codes={at(`quietHours.${k}`)}>
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
        </Field>
      ))}
    </div>
  );
  const at = (field: string) => issuesAt(issues, field);

  return (
    <>
      <fieldset className="wv-fieldset">
        <legend>{t("form.dates")}</legend>
        <div className="wv-row">
          <Field id={`${id}-opens`} label={t("form.opensAt")} codes={at("opensAt")}>
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
          </Field>
          <Field
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
          </Field>
        </div>
      </fieldset>

      <fieldset
        className="wv-fieldset"
        aria-describedby={at("channels").length ? `${id}-ch-err` : undefined}
      >
        <legend>{t("form.channels")}</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="ws-check wv-channel">
            <input
              type="checkbox"
              disabled={disabled}
              checked={v.channels.includes(c)}
              onChange={(e) => toggle(c, e.target.checked)}
              data-testid={`channel-${c}`}
            />
            <span>
              {t(`channel.${c}`)}{" "}
              <span className="ws-muted ws-small">· {t(`channelHint.${c}`)}</span>
            </span>
          </label>
        ))}
        <FieldErrors id={`${id}-ch-err`} codes={at("channels")} />
        {v.channels.includes("open-link") ? (
          slugAllowed ? (
            <Field
              id={`${id}-slug`}
              label={t("form.openLinkSlug")}
              hint={
                <>
                  {t("form.openLinkSlugHint")}{" "}
                  <bdi dir="ltr">{`${window.location.origin}/take/${v.openLinkSlug || "…"}`}</bdi>
                </>
              }
              codes={at("openLinkSlug")}
            >
              {(d, inv) => (
                <input
                  id={`${id}-slug`}
                  dir="ltr"
                  className="ws-wide"
                  pattern="[a-z0-9\-]{2,60}"
                  disabled={disabled}
                  value={v.openLinkSlug}
                  aria-describedby={d}
                  aria-invalid={inv}
                  onChange={(e) => set({ openLinkSlug: e.target.value.trim().toLowerCase() })}
                  data-testid="wave-slug"
                />
              )}
            </Field>
          ) : (
            <p className="ws-hint">{t("form.openLinkSlugLater")}</p>
          )
        ) : null}
      </fieldset>

      <Field
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
      </Field>

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
          <fieldset className="wv-fieldset wv-inner">
            <legend>{t("form.reminders")}</legend>
            <p className="ws-hint" id={`${id}-rem-hint`}>
              {t("form.remindersHint")}
            </p>
            <div className="wv-row">
              {v.reminderDays.map((day, i) => (
                <div key={i} className="wv-field">
                  <label htmlFor={`${id}-rem-${i}`}>{t("form.reminderN", { n: i + 1 })}</label>
                  <input
                    id={`${id}-rem-${i}`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={60}
                    className="ws-narrow"
                    disabled={disabled}
                    value={day}
                    aria-describedby={`${id}-rem-hint`}
                    onChange={(e) => {
                      const next = [...v.reminderDays] as SettingsDraft["reminderDays"];
                      next[i] = e.target.value;
                      set({ reminderDays: next });
                    }}
                    data-testid={`reminder-${i}`}
                  />
                </div>
              ))}
            </div>
            <FieldErrors id={`${id}-rem-err`} codes={at("reminderDays")} />
          </fieldset>
          <fieldset className="wv-fieldset wv-inner">
            <legend>{t("form.quiet")}</legend>
            <p className="ws-hint">{t("form.quietHint")}</p>
            {quietDefaultAllowed ? (
              <label className="ws-check">
                <input
                  type="checkbox"
                  disabled={disabled}
                  checked={v.quietHours === null}
                  onChange={(e) =>
                    set({ quietHours: e.target.checked ? null : { ...DEFAULT_QUIET } })
                  }
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
        </fieldset>
      ) : null}
    </>
  );
}
