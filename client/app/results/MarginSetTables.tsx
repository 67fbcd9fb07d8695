import { useTranslation } from "react-i18next";
import { useAppLocale } from "../locale-context";
import type { MarginSetList } from "./margins-types";

interface Props {
  list: MarginSetList;
}

/**
 * The authority's versions of its margins (source, year, what they apply to)
 * and, for each wave, the version it is raked to: so a researcher sees at once
 * that a 2022 baseline keeps the 2022 figures when 2024 figures are added.
 */
export function MarginSetTables({ list }: Props) {
  const { t } = useTranslation("margins");
  const { locale } = useAppLocale();
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const waveName = (id: string | null) =>
    list.waves.find((w) => w.id === id)?.name[locale] ?? id ?? "";
  const byVersion = new Map(list.sets.map((s) => [s.version, s]));
  return (
    <>
      <h2>{t("setsTitle")}</h2>
      {list.sets.length === 0 ? (
        <p data-testid="margins-none">{t("noSets")}</p>
      ) : (
        <div className="table-wrap">
          <table className="results-table" data-testid="margin-sets">
            <caption>{t("setsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("colVersion")}</th>
                <th scope="col">{t("colSource")}</th>
                <th scope="col">{t("colValid")}</th>
                <th scope="col">{t("colVariables")}</th>
              </tr>
            </thead>
            <tbody>
              {list.sets.map((s) => (
                <tr key={s.id} data-version={s.version}>
                  <th scope="row">{s.version}</th>
                  <td>
                    <bdi>{s.source}</bdi> · {s.year}
                  </td>
                  <td>
                    {s.waveId
                      ? t("pinned", { wave: waveName(s.waveId) })
                      : t("validFrom", { date: date.format(new Date(s.validFrom)) })}
                    <span className="share-ci">
                      {t("cap", { cap: s.trimCap ?? t("capDefault") })}
                    </span>
                  </td>
                  <td>{s.margins.map((m) => t(`variables.${m.variable}`)).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("wavesTitle")}</h2>
      <div className="table-wrap">
        <table className="results-table" data-testid="margin-waves">
          <caption>{t("wavesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("colWave")}</th>
              <th scope="col">{t("colOpens")}</th>
              <th scope="col">{t("colSet")}</th>
            </tr>
          </thead>
          <tbody>
            {list.waves.map((w) => {
              const set = w.version === null ? undefined : byVersion.get(w.version);
              return (
                <tr key={w.id} data-wave={w.id} data-version={w.version ?? ""}>
                  <th scope="row">{w.name[locale]}</th>
                  <td>{date.format(new Date(w.opensAt))}</td>
                  <td>
                    {w.version === null ? t("noSet") : t("setOf", { version: w.version })}
                    {set ? (
                      <span className="share-ci">
                        <bdi>{set.source}</bdi> · {set.year}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
