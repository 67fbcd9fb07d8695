import type { ReportingRules } from "../analytics/reporting-rules";
import type { AnalyticsScope } from "../results/analytics-scope";
import type { Principal } from "../access/principal";
import { Authority } from "../authorities/model";
import type { Locale } from "../shared/locales";
import { getSnapshot } from "../instruments/service";
import type { AuthorityResults } from "../results/schema";
import { authorityResults } from "../results/service";
import { DISCLOSURE_COLUMNS, disclosureRows } from "./disclosure-rows";
import { DISTRIBUTION_COLUMNS, distributionRows } from "./distribution-rows";
import { codebookCsv, codebookMarkdown } from "../surveys/codebook";
import { Wave } from "../waves/model";
import { NotFoundError } from "../errors";
import { changeWords } from "./change-words";
import { writeCsv } from "./csv-writer";
import type { ExportValue } from "./rows";
import { authoritiesFor, auditExport, type ExportActor } from "./service";
import { writeXlsx } from "./xlsx-writer";

/** Columns of the results table: one row per authority × wave × construct. */
export const RESULT_COLUMNS = [
  "authority",
  "wave",
  "wave_name",
  "wave_kind",
  "construct",
  "n",
  "suppressed",
  "mean",
  "sd",
  "se",
  "ci_low",
  "ci_high",
  "favourable",
  "favourable_low",
  "favourable_high",
  "change_since_baseline",
  "change_p_holm",
  "change_d",
  "change_reading",
  "benchmark_mean",
  "benchmark_authorities",
  "weighting",
  "deff",
  "suppressed_reason",
  "effective_n",
  "design",
  "change_ci_low",
  "change_ci_high",
  "change_detectable",
  "change_detectable_holm",
  "change_comparable",
  "change_words",
].map((name) => ({ name }));

async function* resultRows(
  analytics: AnalyticsScope,
  principal: Principal,
  slugs: readonly string[],
  locale: Locale,
  rules: Readonly<ReportingRules>,
  seen?: Map<string, AuthorityResults>,
): AsyncGenerator<ExportValue[]> {
  for (const slug of slugs) {
    const r = await authorityResults(analytics, principal, slug, locale, rules);
    seen?.set(slug, r);
    for (const c of r.constructs)
      for (const p of c.points) {
        const w = r.waves.find((x) => x.id === p.waveId)!;
        const ch = c.changes.sinceBaseline.find((x) => x.toWaveId === p.waveId);
        const b = c.benchmark.find((x) => x.waveId === p.waveId);
        yield [
          slug,
          w.id,
          w.name,
          w.kind,
          c.id,
          p.n,
          p.suppressed ? "yes" : "no",
          p.mean,
          p.sd,
          p.se,
          p.ciLow,
          p.ciHigh,
          p.favourable,
          p.favourableLow,
          p.favourableHigh,
          ch?.diff ?? null,
          ch?.pHolm ?? null,
          ch?.d ?? null,
          ch?.label.key ?? null,
          b?.shown ? b.mean : null,
          b?.others ?? null,
          w.weighting.method,
          w.weighting.deff,
          p.suppressedReason ?? null,
          p.effectiveN ?? null,
          w.disclosure.design,
          ch?.ciLow ?? null,
          ch?.ciHigh ?? null,
          ch?.detectable ?? null,
          ch?.detectableHolm ?? null,
          ch?.comparable ?? null,
          changeWords(locale, ch?.label.key ?? null),
        ];
      }
  }
}

/**
 * The dashboard's numbers as a table (CSV or XLSX), suppressed exactly as on
 * screen, for one authority or all. Audit-logged like every export. The XLSX
 * adds the disclosure and the frequency items' distributions as sheets; a CSV
 * holds one table, the results or (`table: "distributions"`) the shares.
 */
export async function exportResultsTable(
  analytics: AnalyticsScope,
  out: NodeJS.WritableStream,
  request: {
    authority: string;
    format: "csv" | "xlsx";
    locale: Locale;
    /** The platform's reporting rules, so the table is suppressed as the dashboard is. */
    rules: Readonly<ReportingRules>;
    /** Which table a CSV holds (an XLSX holds both): the results, or the distributions. */
    table?: "results" | "distributions";
  },
  actor: ExportActor & { principal: Principal },
): Promise<void> {
  const { authorityId } = await authoritiesFor(request.authority, actor.principal);
  const slugs =
    request.authority === "all"
      ? (await Authority.find({}, { slug: 1 }).sort({ slug: 1 }).lean()).map((a) => a.slug)
      : [request.authority];
  await auditExport(actor, "results.exported", authorityId, { format: request.format });
  const seen = new Map<string, AuthorityResults>();
  const rows = resultRows(analytics, actor.principal, slugs, request.locale, request.rules, seen);
  if (request.format === "csv" && request.table === "distributions")
    await writeCsv(
      out,
      DISTRIBUTION_COLUMNS,
      (async function* () {
        for (const slug of slugs) {
          const r = await authorityResults(
            analytics,
            actor.principal,
            slug,
            request.locale,
            request.rules,
          );
          yield* distributionRows(slug, r);
        }
      })(),
    );
  else if (request.format === "csv") await writeCsv(out, RESULT_COLUMNS, rows);
  else
    await writeXlsx(out, [
      { name: "results", columns: RESULT_COLUMNS, rows },
      // Written after the results sheet, from the same results: frame, dates, weighting, AAPOR.
      {
        name: "disclosure",
        columns: DISCLOSURE_COLUMNS,
        rows: (async function* () {
          for (const [slug, r] of seen) yield* disclosureRows(slug, r);
        })(),
      },
      {
        name: "distributions",
        columns: DISTRIBUTION_COLUMNS,
        rows: (async function* () {
          for (const [slug, r] of seen) yield* distributionRows(slug, r);
        })(),
      },
    ]);
}

/**
 * The codebook of the newest instrument version the authority's (or program's)
 * waves use, as CSV (UTF-8 with BOM) or Markdown, its own words in `locale`. It describes the questions,
 * not residents, so it needs no audit record.
 */
export async function codebookFor(
  authority: string,
  format: "csv" | "md",
  locale: Locale = "en",
): Promise<string> {
  const { ids } = await authoritiesFor(authority);
  const filter = ids ? { authorityId: ids[0]! } : {};
  const wave = await Wave.findOne(filter, { instrumentVersionId: 1 })
    .sort({ opensAt: -1, _id: -1 })
    .lean();
  if (!wave) throw new NotFoundError();
  const snapshot = await getSnapshot(wave.instrumentVersionId);
  return format === "csv"
    ? codebookCsv(snapshot, locale)
    : codebookMarkdown(snapshot, snapshot.version, locale);
}
