/**
 * `npm run analyze -- --responses FILE.csv [--margins FILE.csv] [--comparison FILE.csv] [--json] [--min-cell 10]
 *   [--max-ci-half-width-share 0.125] [--probability WAVE,WAVE]`
 * Re-runs the results analysis on a responses export, so researchers and the
 * checks can reproduce every figure the dashboards show.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { analyzeExport, type ExportAnalysis } from "../server/analytics/analyze-export";
import { readComparison } from "../server/analytics/comparison-input";
import { bankDefinitions } from "../server/analytics/construct-definitions";
import { parseCsv } from "../server/analytics/csv";
import { readExport, readMargins } from "../server/analytics/export-input";
import { AnalysisInputError } from "../server/analytics/input-error";
import { DEFAULT_REPORTING_RULES } from "../server/analytics/reporting-rules";
import { DEFAULT_MIN_CELL } from "../server/analytics/suppression";

const USAGE =
  "usage: npm run analyze -- --responses FILE.csv [--margins FILE.csv] [--comparison FILE.csv] [--json] [--min-cell N] [--max-ci-half-width-share S] [--probability WAVE,WAVE]";

function main(): void {
  const { values } = parseArgs({
    options: {
      responses: { type: "string" },
      margins: { type: "string" },
      comparison: { type: "string" },
      json: { type: "boolean", default: false },
      "min-cell": { type: "string", default: String(DEFAULT_MIN_CELL) },
      // The dashboards' REPORTING_MAX_CI_HALF_WIDTH_SHARE: pass the platform's setting.
      "max-ci-half-width-share": {
        type: "string",
        default: String(DEFAULT_REPORTING_RULES.maxHalfWidthShare),
      },
      // Waves a researcher marked as probability samples (the dashboards' sample design).
      probability: { type: "string", default: "" },
    },
    strict: true,
  });
  if (!values.responses) throw new AnalysisInputError(`--responses is required\n${USAGE}`);
  const minCell = Number(values["min-cell"]);
  if (!Number.isInteger(minCell) || minCell < 0)
    throw new AnalysisInputError(`--min-cell must be a whole number ≥ 0`);
  const maxHalfWidthShare = Number(values["max-ci-half-width-share"]);
  if (!(maxHalfWidthShare > 0 && maxHalfWidthShare <= 1))
    throw new AnalysisInputError(`--max-ci-half-width-share must be a number in (0, 1]`);
  const probabilityWaves = new Set(
    values.probability
      .split(",")
      .map((w) => w.trim())
      .filter((w) => w !== ""),
  );
  const data = readExport(parseCsv(readText(values.responses)));
  const margins = values.margins ? readMargins(parseCsv(readText(values.margins))) : undefined;
  const comparison = values.comparison
    ? readComparison(parseCsv(readText(values.comparison)))
    : undefined;
  // Favourable thresholds come from the item bank, as the dashboards' snapshots do.
  const definitions = bankDefinitions();
  const analysis = analyzeExport(data, {
    minCell,
    maxHalfWidthShare,
    probabilityWaves,
    margins,
    comparison,
    definitions,
  });
  process.stdout.write(values.json ? toJson(analysis) : toTable(analysis));
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AnalysisInputError(`cannot read ${path}${code ? ` (${code})` : ""}`);
  }
}

/** The machine-readable shape of issue 9, and nothing more. */
function toJson(a: ExportAnalysis): string {
  const results = a.results.map((r) => ({
    authority: r.authority,
    wave: r.wave,
    construct: r.construct,
    arm: r.arm,
    n: r.n,
    mean: r.mean,
    sd: r.sd,
    se: r.se,
    ci_low: r.ci_low,
    ci_high: r.ci_high,
    suppressed: r.suppressed,
    suppressed_reason: r.suppressed_reason,
    design: r.design,
    favourable: r.favourable?.share ?? null,
    favourable_low: r.favourable?.ciLow ?? null,
    favourable_high: r.favourable?.ciHigh ?? null,
  }));
  const changes = a.changes.map((c) => ({
    authority: c.authority,
    construct: c.construct,
    from_wave: c.from_wave,
    to_wave: c.to_wave,
    diff: c.diff,
    se: c.se,
    df: c.df,
    t: c.t,
    p: c.p,
    p_holm: c.p_holm,
    d: c.d,
    measure: c.measure,
    comparable: c.comparable,
    from_arm: c.from_arm,
    to_arm: c.to_arm,
  }));
  const did = a.did.map((d) => ({
    construct: d.construct,
    from_wave: d.from_wave,
    to_wave: d.to_wave,
    estimate: d.estimate,
    se: d.se,
    df: d.df,
    t: d.t,
    p: d.p,
  }));
  return `${JSON.stringify(a.did.length > 0 ? { results, changes, did } : { results, changes }, null, 2)}\n`;
}

const fmt = (x: number | null, digits = 3) => (x === null ? "—" : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? "—" : `${(100 * x).toFixed(1)}%`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function toTable(a: ExportAnalysis): string {
  const results = table(
    ["authority", "wave", "construct", "n", "mean", "sd", "se", "95% CI", "favourable (95% CI)"],
    a.results.map((r) => [
      r.authority,
      r.wave,
      // A bridged wave's arms of a construct its bridge splits: two measures.
      r.arm
        ? `${r.construct} (${r.arm === "bridge" ? "old wording" : "new wording"})`
        : r.construct,
      String(r.n),
      r.suppressed ? `withheld (${r.suppressed_reason})` : fmt(r.mean),
      fmt(r.sd),
      fmt(r.se),
      r.ci_low === null
        ? r.design === "engagement"
          ? "engagement"
          : "—"
        : `${fmt(r.ci_low)} – ${fmt(r.ci_high)}`,
      r.favourable
        ? `${pct(r.favourable.share)} (${pct(r.favourable.ciLow)} – ${pct(r.favourable.ciHigh)})`
        : "—",
    ]),
  );
  const changes = table(
    [
      "authority",
      "construct",
      "from",
      "to",
      "diff",
      "se",
      "df",
      "t",
      "p",
      "p (Holm)",
      "d / h",
      "reading",
    ],
    a.changes.map((c) => [
      c.authority,
      // A frequency construct's change is of its favourable share, sized by Cohen's h.
      c.measure === "share" ? `${c.construct} (share)` : c.construct,
      c.from_arm ? `${c.from_wave} (new wording)` : c.from_wave,
      c.to_arm ? `${c.to_wave} (old wording)` : c.to_wave,
      fmt(c.diff),
      fmt(c.se),
      fmt(c.df, 1),
      fmt(c.t, 2),
      fmt(c.p, 4),
      fmt(c.p_holm, 4),
      fmt(c.d, 2),
      c.label.key,
    ]),
  );
  const weighting = table(
    ["authority", "wave", "weights", "n", "deff", "effective n", "raking"],
    a.weighting.map((w) => [
      w.authority,
      w.wave,
      w.method,
      String(w.n),
      fmt(w.deff, 2),
      fmt(w.effectiveN, 1),
      w.converged === null
        ? "—"
        : `${w.converged ? "converged" : "NOT converged"} in ${w.iterations}`,
    ]),
  );
  const did =
    a.did.length === 0
      ? []
      : [
          "Difference in differences: (treated change) − (comparison change), SE with the authority as the cluster (svyglm)",
          table(
            ["construct", "from", "to", "estimate", "se", "df", "t", "p"],
            a.did.map((d) => [
              d.construct,
              d.from_wave,
              d.to_wave,
              d.suppressed_reason ? `withheld (${d.suppressed_reason})` : fmt(d.estimate),
              fmt(d.se),
              d.df === null ? "—" : String(d.df),
              fmt(d.t, 2),
              d.engagement ? "engagement" : fmt(d.p, 4),
            ]),
          ),
          "",
        ];
  return [
    `Waves in order of first submission: ${a.waveOrder.join(", ")}`,
    "",
    "Results",
    results,
    "",
    "Change from the previous wave (Welch; Holm over the constructs of each pair of waves)",
    changes,
    "",
    "Weights (deff = 1 + CV², CV with the population variance of the weights)",
    weighting,
    "",
    ...did,
  ].join("\n");
}

try {
  main();
} catch (err) {
  const known =
    err instanceof AnalysisInputError ||
    (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(`analyze: ${err instanceof Error ? err.message : String(err)}`);
  if (!known) console.error(err);
  process.exit(known ? 2 : 1);
}
