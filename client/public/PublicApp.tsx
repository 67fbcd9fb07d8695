import type { i18n } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Transparency } from "../../server/participation/schema";
import { errorMessage, getJson, postJson } from "../shared/api";
import { numberFormat, RESPONDENT_LOCALES, type RespondentLocale } from "../shared/locale";
import { DisclosureBlock } from "../shared/DisclosureBlock";
import { AccessibilityStatement } from "./AccessibilityStatement";
import { PageShell } from "../shared/PageShell";
import { useLocale } from "../shared/use-locale";

/**
 * `/p/<slug>` (transparency), `/w/<token>` (withdraw a sign-up), or the
 * accessibility statement: `/accessibility`, or `/p/<slug>/accessibility` with
 * that authority's contact.
 */
export function routeOf(
  pathname: string,
):
  | { kind: "page"; slug: string }
  | { kind: "withdraw"; token: string }
  | { kind: "accessibility"; slug: string | null }
  | null {
  if (/^\/accessibility\/?$/.test(pathname)) return { kind: "accessibility", slug: null };
  const statement = /^\/p\/([a-z0-9-]{2,60})\/accessibility\/?$/.exec(pathname);
  if (statement) return { kind: "accessibility", slug: statement[1]! };
  const page = /^\/p\/([a-z0-9-]{2,60})\/?$/.exec(pathname);
  if (page) return { kind: "page", slug: page[1]! };
  const withdraw = /^\/w\/([A-Za-z0-9_-]{20,64})\/?$/.exec(pathname);
  return withdraw ? { kind: "withdraw", token: withdraw[1]! } : null;
}

/**
 * "Mean on a 1–4 scale" with the range isolated left to right (U+2066…U+2069):
 * inside Hebrew or Arabic, "1–4" would otherwise be reordered to read "4–1".
 */
function scaleText(
  t: (key: string, o: Record<string, unknown>) => string,
  min: number,
  max: number,
) {
  return t("scale", { min: `\u2066${min}`, max: `${max}\u2069` });
}

/** How one construct's figures are written: a mean on its scale, or a share in percent. */
function figuresOf(c: Transparency["constructs"][number], locale: RespondentLocale) {
  if (c.measure === "share") {
    const pct = numberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
    // A change of shares reads in percentage points, with one decimal.
    const points = numberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    return {
      min: 0,
      max: 1,
      value: (v: number) => pct.format(v),
      diff: (v: number) => points.format(v * 100),
    };
  }
  const fmt = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return {
    min: c.scale.min,
    max: c.scale.max,
    value: (v: number) => fmt.format(v),
    diff: (v: number) => fmt.format(v),
  };
}

function ConstructCard({
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

function TransparencyPage({ slug, locale }: { slug: string; locale: RespondentLocale }) {
  const { t } = useTranslation("public");
  const [data, setData] = useState<Transparency | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const abort = new AbortController();
    getJson<Transparency>(`/api/public/authorities/${slug}?lang=${locale}`, abort.signal).then(
      setData,
      (e: unknown) => {
        if (!abort.signal.aborted) setError(e);
      },
    );
    return () => abort.abort();
  }, [slug, locale]);
  useEffect(() => {
    document.title = data ? `${data.authority.name} · ${t("pageTitle")}` : t("pageTitle");
  }, [data, t]);
  if (error)
    return (
      <p role="alert" className="notice notice--error">
        {errorMessage(error, t) || t("notFound")}
      </p>
    );
  if (!data) return <p role="status">{t("loading")}</p>;
  const dateFmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
    dateStyle: "long",
  });
  return (
    <div className="pub" data-testid="transparency">
      <h2>{data.authority.name}</h2>
      <nav className="pub-jump" aria-label={t("jumpTo")}>
        <a href="#pub-updates">{t("updates")}</a>
        <a href="#pub-results">
          {data.wave ? t("latestWave", { wave: data.wave.name }) : t("results")}
        </a>
      </nav>
      <section aria-labelledby="pub-updates" data-testid="updates">
        <h3 id="pub-updates">{t("updates")}</h3>
        {data.updates.length === 0 ? (
          <p>{t("noUpdates")}</p>
        ) : (
          <ul className="pub-updates">
            {data.updates.map((u) => (
              <li key={`${u.date}-${u.text.slice(0, 20)}`}>
                <time dateTime={u.date}>{dateFmt.format(new Date(u.date))}</time>
                <p>{u.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="pub-results">
        <h3 id="pub-results">
          {data.wave ? t("latestWave", { wave: data.wave.name }) : t("results")}
        </h3>
        {data.wave ? (
          <div className="pub-grid">
            {data.constructs.map((c) => (
              <ConstructCard key={c.id} c={c} data={data} locale={locale} />
            ))}
          </div>
        ) : (
          <p>{t("noWave")}</p>
        )}
        <p className="pub-note">{t("note", { min: data.minCellSize })}</p>
        {data.disclosure ? <DisclosureBlock d={data.disclosure} locale={locale} /> : null}
      </section>
    </div>
  );
}

function WithdrawPage({ token }: { token: string }) {
  const { t } = useTranslation("take");
  const [state, setState] = useState<"ready" | "sending" | "done" | "missing" | "failed">("ready");
  async function withdraw() {
    setState("sending");
    try {
      await postJson(`/api/signups/withdraw/${token}`);
      setState("done");
    } catch (err) {
      setState((err as { status?: number }).status === 404 ? "missing" : "failed");
    }
  }
  // The page's heading (PageShell) already says what it is for: the tab says it too.
  useEffect(() => {
    document.title = t("signup.withdrawTitle");
  }, [t]);
  return (
    <section className="pub">
      {state === "done" ? (
        <p role="status" data-testid="withdrawn">
          {t("signup.withdrawn")}
        </p>
      ) : state === "missing" ? (
        <p role="alert">{t("signup.withdrawMissing")}</p>
      ) : (
        <>
          {state === "failed" ? (
            <p role="alert" className="notice notice--error">
              {t("signup.error")}
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={withdraw}
            disabled={state === "sending"}
          >
            {t("signup.withdrawButton")}
          </button>
        </>
      )}
    </section>
  );
}

/** The platform's public pages: an authority's transparency page, and withdrawing a sign-up. */
export function PublicApp({
  i18n,
  initialLocale,
}: {
  i18n: i18n;
  initialLocale: RespondentLocale;
}) {
  const { t } = useTranslation("public");
  const [locale, setLocale] = useLocale(i18n, initialLocale);
  const [route] = useState(() => routeOf(window.location.pathname));
  return (
    <PageShell
      locale={locale}
      onLocaleChange={setLocale}
      locales={RESPONDENT_LOCALES}
      title={
        route?.kind === "accessibility"
          ? t("a11y.title")
          : route?.kind === "withdraw"
            ? t("take:signup.withdrawTitle")
            : t("pageTitle")
      }
      authoritySlug={route && "slug" in route ? route.slug : null}
    >
      {route?.kind === "accessibility" ? (
        <AccessibilityStatement slug={route.slug} locale={locale} />
      ) : route?.kind === "page" ? (
        <TransparencyPage slug={route.slug} locale={locale} />
      ) : route?.kind === "withdraw" ? (
        <WithdrawPage token={route.token} />
      ) : (
        <p role="alert">{t("notFound")}</p>
      )}
    </PageShell>
  );
}
