import { useTranslation } from "react-i18next";
import type { Disclosure } from "../../server/results/disclosure-schema";
import { numberFormat, type RespondentLocale } from "./locale";
import "./disclosure.css";

const SHOWN_RATES = ["RR1", "RR2", "RR3", "RR4", "COOP1", "REF1", "CON1"] as const;

/**
 * What a reader must know to judge a wave's figures: how residents were
 * reached (frame and modes), when, whether and how answers were weighted,
 * whether figures carry intervals (the sample design), and the AAPOR response
 * rates. The same block on the results page and the public page.
 */
export function DisclosureBlock({ d, locale }: { d: Disclosure; locale: RespondentLocale }) {
  const { t } = useTranslation("common");
  const pct = numberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const num = numberFormat(locale, { maximumFractionDigits: 2 });
  const count = numberFormat(locale);
  const date = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { dateStyle: "medium" });
  const channel = (c: string) => t(`disclosure.channel.${c}`);
  const w = d.weighting;
  return (
    <section className="disclosure" data-testid={`disclosure-${d.waveId}`} data-design={d.design}>
      <h4>{t("disclosure.title")}</h4>
      <dl>
        <dt>{t("disclosure.design")}</dt>
        <dd data-testid="disclosure-design">{t(`disclosure.designs.${d.design}`)}</dd>
        <dt>{t("disclosure.frame")}</dt>
        <dd>
          <ul>
            {d.outcomes.map((o) => (
              <li key={o.channel}>
                {t(`disclosure.frames.${o.frame}`, {
                  channel: channel(o.channel),
                  responses: count.format(o.responses),
                })}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("disclosure.dates")}</dt>
        <dd>
          {d.closesAt
            ? t("disclosure.dateRange", {
                from: date.format(new Date(d.opensAt)),
                to: date.format(new Date(d.closesAt)),
              })
            : t("disclosure.dateOpen", { from: date.format(new Date(d.opensAt)) })}
          {d.closed ? null : ` ${t("disclosure.provisional")}`}
        </dd>
        <dt>{t("disclosure.weighting")}</dt>
        <dd data-testid="disclosure-weighting">
          {w.method === "raked"
            ? t("disclosure.raked", {
                variables: w.variables.map((v) => t(`disclosure.variables.${v}`, v)).join(", "),
                deff: num.format(w.deff),
                effectiveN: count.format(Math.round(w.effectiveN)),
              })
            : t(`disclosure.weightingMethod.${w.method}`)}
          {w.method === "failed" && w.failure ? (
            <div data-testid="weighting-failure" data-code={w.failure.code}>
              {t("disclosure.failureReason", {
                reason: t(`disclosure.weightingFailure.${w.failure.code}`, {
                  variable: w.failure.variable
                    ? t(`disclosure.variables.${w.failure.variable}`, w.failure.variable)
                    : "",
                }),
              })}
            </div>
          ) : null}
          {w.method === "raked" && w.marginSet
            ? ` ${t("disclosure.marginSet", w.marginSet)}`
            : null}
          {w.method === "raked" && w.trimming && w.trimming.rounds > 0
            ? ` ${t("disclosure.trimmed", { cap: num.format(w.trimming.cap) })}`
            : null}
          {w.nonResponse && !w.nonResponse.applied && w.nonResponse.reason ? (
            <div data-testid="disclosure-nonresponse" data-reason={w.nonResponse.reason}>
              {t(`disclosure.nonResponse.${w.nonResponse.reason}`)}
            </div>
          ) : null}
          {w.nonResponse?.applied ? (
            <div data-testid="disclosure-nonresponse" data-reason="applied">
              {t("disclosure.nonResponse.applied", {
                variables:
                  w.nonResponse.variables.length > 0
                    ? w.nonResponse.variables
                        .map((v) => t(`disclosure.nonResponse.frameVariables.${v}`, v))
                        .join(", ")
                    : t("disclosure.nonResponse.wholeList"),
                min: num.format(Math.min(...w.nonResponse.cells.map((c) => c.factor))),
                max: num.format(Math.max(...w.nonResponse.cells.map((c) => c.factor))),
              })}
            </div>
          ) : null}
        </dd>
        <dt>{t("disclosure.rates")}</dt>
        <dd>
          {d.outcomes.map((o) =>
            o.rates && o.dispositions ? (
              <div key={o.channel} data-testid={`rates-${o.channel}`}>
                <p>
                  {t("disclosure.invitations", {
                    channel: channel(o.channel),
                    invitations: count.format(o.invitations ?? 0),
                  })}
                </p>
                <ul className="disclosure__rates">
                  {SHOWN_RATES.map((r) => (
                    <li key={r}>
                      <abbr title={t(`disclosure.rateNames.${r}`)}>{r}</abbr>{" "}
                      <bdi>{o.rates![r] === null ? "–" : pct.format(o.rates![r]!)}</bdi>
                    </li>
                  ))}
                </ul>
                <p className="disclosure__e">
                  {t(`disclosure.e.${o.rates.eSource}`, { e: num.format(o.rates.e) })}
                </p>
                <details>
                  <summary>{t("disclosure.dispositions")}</summary>
                  <ul>
                    {Object.entries(o.dispositions).map(([k, n]) => (
                      <li key={k}>
                        {t(`disclosure.disposition.${k}`)}: <bdi>{count.format(n)}</bdi>
                      </li>
                    ))}
                  </ul>
                </details>
              </div>
            ) : (
              <p key={o.channel}>{t("disclosure.noFrame", { channel: channel(o.channel) })}</p>
            ),
          )}
        </dd>
      </dl>
    </section>
  );
}
