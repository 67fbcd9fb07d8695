import { ScrollTable } from "./ScrollTable";
import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import { share } from "./format";
import type { WaveMonitoring } from "./types";

const LANGUAGE_ORDER = ["he", "ar", "en"];
// The responses' channel codes (server/waves/model.ts CHANNELS).
const CHANNEL_ORDER = ["sms", "kiosk", "open-link"];

/** Keys in a fixed order first (he, ar, en), then any others. */
const ordered = (keys: string[], order: string[]) => [
  ...order.filter((k) => keys.includes(k)),
  ...keys.filter((k) => !order.includes(k)).sort(),
];

/** The personal-link funnel per language, and stored responses per language. */
export function ByLanguage({ data, fmt }: { data: WaveMonitoring; fmt: Formats }) {
  const { t } = useTranslation("ws-monitoring");
  const languages = ordered(
    [...new Set([...Object.keys(data.byLanguage), ...Object.keys(data.responsesByLanguage)])],
    LANGUAGE_ORDER,
  );
  return (
    <section className="mon-card" aria-labelledby="mon-language-title">
      <h3 id="mon-language-title">{t("wave.language.title")}</h3>
      {languages.length === 0 ? (
        <p className="ws-muted">{t("wave.none")}</p>
      ) : (
        <ScrollTable
          labelledBy="mon-language-title"
          testId="by-language"
          headers={[
            t("wave.language.language"),
            t("wave.funnel.contacts"),
            t("wave.funnel.invited"),
            t("wave.funnel.completed"),
            t("wave.language.rate"),
            t("wave.language.responses"),
          ]}
        >
          {languages.map((lang) => {
            const f = data.byLanguage[lang];
            return (
              <tr key={lang}>
                <th scope="row">{t(`languages.${lang}`, { defaultValue: lang })}</th>
                <td className="mon-num">{fmt.count(f?.contacts ?? 0)}</td>
                <td className="mon-num">{fmt.count(f?.invited ?? 0)}</td>
                <td className="mon-num">{fmt.count(f?.completed ?? 0)}</td>
                <td className="mon-num">{fmt.percent(f ? share(f.completed, f.invited) : null)}</td>
                <td className="mon-num">{fmt.count(data.responsesByLanguage[lang] ?? 0)}</td>
              </tr>
            );
          })}
        </ScrollTable>
      )}
    </section>
  );
}

/** Stored responses per channel (SMS link, kiosk, open link) as bars with numbers. */
export function ByChannel({
  data,
  fmt,
}: {
  data: Pick<WaveMonitoring, "byChannel" | "completes">;
  fmt: Formats;
}) {
  const { t } = useTranslation("ws-monitoring");
  const channels = ordered(Object.keys(data.byChannel), CHANNEL_ORDER);
  return (
    <section className="mon-card" aria-labelledby="mon-channel-title">
      <h3 id="mon-channel-title">{t("wave.channel.title")}</h3>
      {channels.length === 0 ? (
        <p className="ws-muted">{t("wave.channel.none")}</p>
      ) : (
        <ul className="mon-bars" data-testid="by-channel">
          {channels.map((channel) => {
            const n = data.byChannel[channel] ?? 0;
            const part = share(n, data.completes);
            return (
              <li key={channel} className="mon-bar" data-testid={`channel-${channel}`}>
                <span className="mon-bar__label">{t(`channels.${channel}`)}</span>
                <span className="mon-bar__track" aria-hidden="true">
                  <span style={{ inlineSize: `${(part ?? 0) * 100}%` }} />
                </span>
                <span className="mon-bar__value">
                  <strong>{fmt.count(n)}</strong>{" "}
                  <span className="ws-muted">
                    {t("wave.channel.ofCompletes", { percent: fmt.percent(part) })}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
