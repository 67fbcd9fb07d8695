import { useTranslation } from "react-i18next";
import { formatDay } from "./StatusBadge";
import type { GroupOfWaves } from "./wave-groups";
import { WaveRow } from "./WaveRow";
import { useAppLocale } from "../../locale-context";

interface Props {
  group: GroupOfWaves;
  /** Authorities' names in the page's language, by slug. */
  names: Map<string, string>;
  /** Ids of the waves just created. */
  created: Set<string>;
}

/** Waves set up together: their name, kind, instrument and day, and a row per authority. */
export function WaveGroup({ group: g, names, created }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  return (
    <section className="wv-group" aria-labelledby={`g-${g.first.id}`} data-testid="wave-group">
      <h3 id={`g-${g.first.id}`}>
        {g.first.name[locale]} <span className="ws-badge">{t(`kind.${g.first.kind}`)}</span>
      </h3>
      <p className="wv-group__meta">
        {t("list.groupMeta", {
          instrument: `${g.first.instrument.key} v${g.first.instrument.version}`,
          date: formatDay(g.first.opensAt, locale),
          count: g.waves.length,
        })}
      </p>
      <table className="ws-table wv-table">
        <caption className="visually-hidden">{g.first.name[locale]}</caption>
        <thead>
          <tr>
            <th scope="col">{t("col.authority")}</th>
            <th scope="col">{t("col.status")}</th>
            <th scope="col">{t("col.instrument")}</th>
            <th scope="col">{t("col.dates")}</th>
            <th scope="col">{t("col.channels")}</th>
            <th scope="col">{t("col.target")}</th>
            <th scope="col">{t("col.links")}</th>
          </tr>
        </thead>
        <tbody>
          {g.waves.map((w) => (
            <WaveRow
              key={w.id}
              wave={w}
              authority={names.get(w.authority.slug) ?? w.authority.slug}
              isNew={created.has(w.id)}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}
