import { useId } from "react";
import { useTranslation } from "react-i18next";
import { issuesAt } from "./api";
import { FieldErrors } from "./FieldErrors";
import { CHANNELS, type Channel } from "./settings";
import { SettingsField, type SettingsPartProps } from "./SettingsField";

/**
 * The wave's channels, and the open link's address once that channel is on
 * (or, where it cannot be set here, a note on where it is set).
 */
export function ChannelsFieldset(props: SettingsPartProps & { slugAllowed: boolean }) {
  const { value: v, set, issues, disabled, slugAllowed } = props;
  const { t } = useTranslation("ws-waves");
  const id = useId();
  const at = (field: string) => issuesAt(issues, field);
  const toggle = (c: Channel, on: boolean) =>
    set({
      channels: on
        ? CHANNELS.filter((x) => x === c || v.channels.includes(x))
        : v.channels.filter((x) => x !== c),
    });
  return (
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
            {t(`channel.${c}`)} <span className="ws-muted ws-small">· {t(`channelHint.${c}`)}</span>
          </span>
        </label>
      ))}
      <FieldErrors id={`${id}-ch-err`} codes={at("channels")} />
      {v.channels.includes("open-link") ? (
        slugAllowed ? (
          <SettingsField
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
          </SettingsField>
        ) : (
          <p className="ws-hint">{t("form.openLinkSlugLater")}</p>
        )
      ) : null}
    </fieldset>
  );
}
