import { useTranslation } from "react-i18next";
import type { Formats } from "./format";
import type { AuthorityResults } from "./types";

/** Cronbach's alpha per construct, wave and language: for researchers. */
export function ReliabilityTable({ data, fmt }: { data: AuthorityResults; fmt: Formats }) {
  const { t } = useTranslation("results");
  if (!data.reliability || data.reliability.length === 0) return null;
  const waveName = (id: string) => data.waves.find((w) => w.id === id)?.name ?? "";
  const constructName = (id: string) => data.constructs.find((c) => c.id === id)?.name ?? id;
  return (
    <section className="reliability" aria-labelledby="reliability-title">
      <h2 id="reliability-title">{t("reliabilityTitle")}</h2>
      <div className="table-wrap">
        <table className="results-table">
          <caption>{t("reliabilityCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("colWave")}</th>
              <th scope="col">{t("colLanguage")}</th>
              <th scope="col">{t("colConstruct")}</th>
              <th scope="col">{t("colItems")}</th>
              <th scope="col">{t("colN")}</th>
              <th scope="col">{t("colAlpha")}</th>
            </tr>
          </thead>
          <tbody>
            {data.reliability.flatMap((r) =>
              r.constructs.map((c) => (
                <tr key={`${r.waveId}-${r.locale}-${c.constructId}`}>
                  <th scope="row">{waveName(r.waveId)}</th>
                  <td>{t(`group.${r.locale}`)}</td>
                  <td>{constructName(c.constructId)}</td>
                  <td className="num">{fmt.count(c.k)}</td>
                  <td className="num">{fmt.count(c.n)}</td>
                  <td className={c.flagged ? "num flagged" : "num"}>
                    {c.alpha === null ? "–" : fmt.score(c.alpha)}
                    {c.flagged ? <span className="flag"> ({t("alphaFlag")})</span> : null}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
