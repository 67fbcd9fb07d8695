import { useTranslation } from "react-i18next";
import type { ProgramResults } from "../../../server/results/schema";
import { useAppLocale } from "../locale-context";
import { formatsFor } from "../results/format";

type Weighting = ProgramResults["weighting"];
const WEIGHTINGS: readonly Weighting[] = ["equal", "population"];

/**
 * How authorities count in the pooled figure, as a choice (equally, or by
 * population) with the rule of the figures shown stated in words, and how many
 * authorities a population weighting leaves out for want of a recorded
 * population. The control shows the choice at once; the words follow the
 * figures, which stay until the newly chosen ones arrive.
 */
export function WeightingChoice({
  data,
  chosen,
  onChange,
}: {
  data: ProgramResults;
  chosen: Weighting;
  onChange: (w: Weighting) => void;
}) {
  const { t } = useTranslation("program");
  const { locale } = useAppLocale();
  const fmt = formatsFor(locale);
  return (
    <div
      className="program-weighting"
      data-testid="program-weighting"
      aria-busy={chosen !== data.weighting}
    >
      <fieldset>
        <legend>{t("weighting.legend")}</legend>
        {WEIGHTINGS.map((w) => (
          <label key={w}>
            <input
              type="radio"
              name="program-weighting"
              value={w}
              checked={chosen === w}
              onChange={() => onChange(w)}
            />{" "}
            {t(`weighting.${w}`)}
          </label>
        ))}
      </fieldset>
      <p className="program-rule" data-testid="program-rule">
        {t(`rule.${data.weighting}`)}
      </p>
      {data.weighting === "population" && data.withoutPopulation > 0 ? (
        <p className="program-rule">
          {t("withoutPopulation", { count: fmt.count(data.withoutPopulation) })}
        </p>
      ) : null}
    </div>
  );
}

/** The program page's disclosure: how the pooled figure is made, in words an evaluator reads. */
export function PoolingDisclosure({ data }: { data: ProgramResults }) {
  const { t } = useTranslation("program");
  const { locale } = useAppLocale();
  const k = formatsFor(locale).count(data.minCellSize);
  return (
    <details className="disclosures" data-testid="program-disclosure">
      <summary>{t("disclosure.title")}</summary>
      <p>
        <strong>{t(`weighting.chosen.${data.weighting}`)}</strong>
      </p>
      <p>{t("disclosure.estimator")}</p>
      <p>{t("disclosure.se")}</p>
      <p>{t("disclosure.periods")}</p>
      <p>{t("disclosure.cells", { k })}</p>
      {data.benchmark.some((c) => c.comparedOn === "share") ? (
        <p>{t("disclosure.shares")}</p>
      ) : null}
    </details>
  );
}
