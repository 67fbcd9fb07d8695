import { useTranslation } from "react-i18next";
import type { Transparency } from "../../server/participation/schema";
import type { RespondentLocale } from "../shared/locale";
import { figuresOf, scaleText } from "./construct-figures";

/**
 * One construct on the transparency page: its latest figure on a bar with its
 * interval and the scale's two ends, the change since the baseline in words,
 * or a line saying there are too few answers to show it.
 */
export function ConstructCard({
  c,
  data,
  locale,
}: {
  c: Transparency["constructs"][number];
  data: Transparency;
  locale: RespondentLocale;
}) {
  const { t } = useTranslation("public");
  const f = figuresOf(c, locale);
  const at = (v: number) => `${(((v - f.min) / (f.max - f.min)) * 100).toFixed(1)}%`;
  const latest = c.latest;
  const value = latest ? (c.measure === "share" ? latest.share : latest.mean) : null;
  const ciLow = latest?.ciLow ?? null;
  const ciHigh = latest?.ciHigh ?? null;
  const change = c.change;
  // A share says which answers it counts ("once a year or more"); a mean, its scale.
  const figure =
    c.measure === "share"
      ? t("share", { share: f.value(value ?? 0), label: c.favourableFrom?.label ?? "" })
      : t("mean", { mean: f.value(value ?? 0) });
  return (
    <article className="pub-card" data-testid={`public-${c.id}`} data-measure={c.measure}>
      <h3>{c.name}</h3>
      <p className="pub-card__desc">{c.description}</p>
      {latest && value !== null ? (
        <>
          <div
            className="pub-bar"
            role="img"
            aria-label={`${figure}${ciLow !== null && ciHigh !== null ? `; ${t("ci", { low: f.value(ciLow), high: f.value(ciHigh) })}` : ""}`}
          >
            {ciLow !== null && ciHigh !== null ? (
              <div
                className="pub-bar__ci"
                style={{
                  insetInlineStart: at(ciLow),
                  inlineSize: `calc(${at(ciHigh)} - ${at(ciLow)})`,
                }}
              />
            ) : null}
            <div className="pub-bar__mean" style={{ insetInlineStart: at(value) }} />
          </div>
          {/* the scale's two ends, so a bar can be read without the figure below it */}
          <div className="pub-bar-ends" aria-hidden="true">
            <span>{c.measure === "share" ? f.value(0) : c.scale.min}</span>
            <span>{c.measure === "share" ? f.value(1) : c.scale.max}</span>
          </div>
          <p className="pub-card__figure">
            <strong>{figure}</strong>
            {c.measure === "mean" ? (
              <>
                {" "}
                · <span data-scale>{scaleText(t, c.scale.min, c.scale.max)}</span>
              </>
            ) : null}
          </p>
          <p className="pub-card__ci">
            {ciLow !== null && ciHigh !== null
              ? t("ci", { low: f.value(ciLow), high: f.value(ciHigh) })
              : t("noInterval")}
          </p>
          {change && data.baseline ? (
            <p
              className="pub-card__change"
              data-testid={`public-change-${c.id}`}
              data-key={change.key}
            >
              {t("sinceBaseline", { wave: data.baseline.name })}
              {t(change.key)}
              {change.diff !== null && change.ciLow !== null && change.ciHigh !== null ? (
                <span className="pub-card__detail">
                  {" "}
                  {t(c.measure === "share" ? "changeDetailShare" : "changeDetail", {
                    diff: f.diff(change.diff),
                    low: f.diff(change.ciLow),
                    high: f.diff(change.ciHigh),
                    mdc: change.detectable === null ? "–" : f.diff(change.detectable),
                  })}
                </span>
              ) : null}
            </p>
          ) : null}
        </>
      ) : (
        <p className="pub-card__hidden">{t("hidden")}</p>
      )}
    </article>
  );
}
