import "./program.css";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { ProgramResults } from "../../../server/results/schema";
import { AccessDenied, isAccessError } from "../AccessDenied";
import { LoadFailed } from "../LoadFailed";
import { useAppLocale } from "../locale-context";
import { useJson } from "../use-json";
import { ProgramCell } from "./ProgramCell";
import { PoolingDisclosure, WeightingChoice } from "./PoolingNotes";
import { addProgramStrings } from "./strings";

type Construct = ProgramResults["benchmark"][number];
type Weighting = ProgramResults["weighting"];

/**
 * The program viewer's home: every construct across the periods (baseline and
 * the logic model's horizons), the program's pooled figure, then each
 * authority by number (the server anonymises them for this role). How
 * authorities count in the pooled figure is a choice on the page
 * (`?weighting=equal|population`), stated in words beside the figures and in
 * the disclosure. Suppressed cells say so, never "n = 0".
 */
export default function ProgramPage() {
  const { t, i18n } = useTranslation("program");
  const { locale } = useAppLocale();
  addProgramStrings(i18n);
  const [params, setParams] = useSearchParams();
  const weighting: Weighting = params.get("weighting") === "population" ? "population" : "equal";
  const choose = (w: Weighting) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set("weighting", w);
        return next;
      },
      { replace: true },
    );
  const [state, retry] = useJson<ProgramResults>(
    `/api/results/program?lang=${locale}&weighting=${weighting}`,
  );
  if (state.kind === "failed")
    return isAccessError(state.error) ? (
      <AccessDenied error={state.error} />
    ) : (
      <LoadFailed error={state.error} onRetry={retry} />
    );
  if (state.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  const data = state.data;
  return (
    <section className="program" data-testid="program-page" aria-labelledby="program-title">
      <h2 id="program-title">{t("title")}</h2>
      <p>{t("intro", { count: data.authorities, k: data.minCellSize })}</p>
      {data.perAuthority.some((a) => a.label === null) ? <p>{t("anonymised")}</p> : null}
      <WeightingChoice data={data} chosen={weighting} onChange={choose} />
      <PoolingDisclosure data={data} />
      {data.benchmark.length === 0 ? <p>{t("empty")}</p> : null}
      {data.benchmark.map((c) => (
        <ConstructTable key={c.key} construct={c} data={data} />
      ))}
    </section>
  );
}

function ConstructTable({ construct, data }: { construct: Construct; data: ProgramResults }) {
  const { t } = useTranslation("program");
  const rows = [
    {
      key: "all",
      label: (
        <>
          {t("programme")}
          <span className="program-note">{t(`allBy.${data.weighting}`)}</span>
        </>
      ),
      points: construct.points,
    },
    ...data.perAuthority.map((a) => ({
      key: String(a.number),
      label: a.label ?? t("authority", { number: a.number }),
      points: a.constructs.find((c) => c.key === construct.key)?.points ?? [],
    })),
  ];
  const periods = construct.points.map((p) => p.period);
  // A frequency construct's figures are shares of residents at or above the
  // threshold's answer, never a mean of its codes (docs/methods.md, 7).
  const threshold = construct.comparedOn === "share" ? construct.favourableFrom : null;
  return (
    <div className="program-construct" data-testid={`program-${construct.key}`}>
      <h3>
        {construct.name}{" "}
        <small>
          {threshold
            ? t("scaleShare", { label: threshold.label })
            : t("scale", { min: construct.scale.min, max: construct.scale.max })}
        </small>
      </h3>
      {threshold ? (
        <p className="program-rule" data-testid="program-share-note">
          {t("shareNote", { label: threshold.label })}
        </p>
      ) : null}
      {construct.measures > 1 ? (
        <p data-testid="program-measure">
          {t("measure", { number: construct.measure, of: construct.measures })}
        </p>
      ) : null}
      <div className="program-scroll">
        <table className="program-table">
          <thead>
            <tr>
              <th scope="col">{t("group")}</th>
              {periods.map((p) => (
                <th scope="col" key={p}>
                  {p === "baseline" ? t("wave.baseline") : t("followUpBy", { year: p })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.key}
                data-testid={r.key === "all" ? "program-pooled" : "program-authority"}
              >
                <th scope="row">{r.label}</th>
                {periods.map((p) => (
                  <td key={p}>
                    <ProgramCell
                      point={r.points.find((x) => x.period === p)}
                      k={data.minCellSize}
                      pooled={r.key === "all"}
                      share={construct.comparedOn === "share"}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
