import { useTranslation } from "react-i18next";
import { hrefOf, wavePath } from "../routes";
import type { WaveView } from "./api";
import { formatDay, StatusBadge } from "./StatusBadge";
import { useAppLocale } from "../../locale-context";

interface Props {
  wave: WaveView;
  /** The authority's name in the page's language. */
  authority: string;
  /** Created just now (the new-wave form's ?new=): marked as such. */
  isNew: boolean;
}

/** One authority's wave in a group: status, instrument, dates, channels, target and its pages. */
export function WaveRow({ wave: w, authority, isNew }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  return (
    <tr
      className={isNew ? "wv-new" : undefined}
      data-testid={`wave-row-${w.authority.slug}`}
      data-wave-id={w.id}
    >
      <th scope="row" data-label={t("col.authority")}>
        {authority}
        {isNew ? <span className="wv-new-badge">{t("list.newBadge")}</span> : null}
      </th>
      <td data-label={t("col.status")}>
        <StatusBadge status={w.status} />
      </td>
      <td data-label={t("col.instrument")}>
        <code dir="ltr">
          {w.instrument.key} v{w.instrument.version}
        </code>
      </td>
      <td data-label={t("col.dates")}>
        {w.closesAt
          ? t("list.dates", {
              from: formatDay(w.opensAt, locale),
              to: formatDay(w.closesAt, locale),
            })
          : t("list.datesOpenEnded", { from: formatDay(w.opensAt, locale) })}
      </td>
      <td data-label={t("col.channels")}>{w.channels.map((c) => t(`channel.${c}`)).join(" · ")}</td>
      <td data-label={t("col.target")}>{w.targetCompletes ?? "—"}</td>
      <td data-label={t("col.links")}>
        <ul className="wv-links">
          <li>
            <a
              href={hrefOf(wavePath(w.authority.slug, w.id), locale)}
              aria-label={t("list.openWave", { authority, wave: w.name[locale] })}
              data-testid="wave-link"
            >
              {t("list.settings")}
            </a>
          </li>
          <li>
            <a
              href={hrefOf(wavePath(w.authority.slug, w.id, "contacts"), locale)}
              aria-label={t("list.contactsOf", { authority, wave: w.name[locale] })}
            >
              {t("list.contacts")}
            </a>
          </li>
          <li>
            <a
              href={hrefOf(wavePath(w.authority.slug, w.id, "monitoring"), locale)}
              aria-label={t("list.monitoringOf", { authority, wave: w.name[locale] })}
            >
              {t("list.monitoring")}
            </a>
          </li>
        </ul>
      </td>
    </tr>
  );
}
