import type { Locale } from "../shared/locales";
import type { InstrumentSnapshot, SnapshotItem } from "../surveys/snapshot";

/** One column of the responses export, with what SPSS and a codebook need of it. */
export interface ExportColumn {
  name: string;
  /** "number" columns hold numbers (and the missing code as text in CSV/XLSX). */
  type: "number" | "text";
  label: string;
  /** Value → label, for choice questions. */
  valueLabels: Array<{ value: number; label: string }>;
  /** Whether the question offers "don't know" / "prefer not to say". */
  missingCode: boolean;
  /** Longest text, for SPSS string widths. */
  maxLength?: number;
}

/** The fixed columns every export starts with, in the order issue 9 gives. */
export const FIXED_COLUMNS = [
  "response_id",
  "authority",
  "wave",
  "wave_name",
  "channel",
  "locale",
  "submitted_at",
  "weight",
  "period",
  "arm",
  "instrument_version",
] as const;

const FIXED_LABELS: Record<(typeof FIXED_COLUMNS)[number], string> = {
  response_id: "Response id",
  authority: "Authority (slug)",
  wave: "Wave id",
  wave_name: "Wave name",
  channel: "Channel (open-link, sms, kiosk)",
  locale: "Language of the response",
  submitted_at: "Day submitted (Israel date, YYYY-MM-DD; no time is kept or given)",
  weight: "Raking weight (mean 1 per wave); empty when unweighted",
  period: "Baseline, or the logic model's horizon of a follow-up (2023, 2025, 2027)",
  arm: "In a wave with a split-ballot bridge: bridge (answered the old wording) or main (the new); empty otherwise",
  instrument_version:
    "Id of the instrument version the response answered (a bridge arm's is the old version)",
};

/** The column of a construct's measure (docs/methods.md, section 9). */
export const MEASURE_PREFIX = "measure_";

function questionColumn(item: SnapshotItem, locale: Locale): ExportColumn {
  const choice = item.scale !== undefined;
  return {
    name: item.id,
    type: choice ? "number" : "text",
    label: item.text[locale],
    valueLabels: (item.scale?.points ?? []).map((p) => ({
      value: p.value,
      label: p.label[locale],
    })),
    missingCode: choice && item.dontKnow,
    ...(choice ? {} : { maxLength: item.maxLength ?? 255 }),
  };
}

/**
 * The columns of a responses export over waves that may use different
 * instrument versions: fixed columns, then demographics, then the other
 * questions (consent aside) in the order first asked, then one score_<construct>
 * per construct, then one measure_<construct> per construct in `measured` (those
 * the versions ask as different measures: a series break lies between them).
 * A question missing from a wave's version is empty there.
 */
export function exportLayout(
  snapshots: readonly InstrumentSnapshot[],
  locale: Locale = "en",
  measured: readonly string[] = [],
): ExportColumn[] {
  const fixed = FIXED_COLUMNS.map((name): ExportColumn => ({
    name,
    type: name === "weight" ? "number" : "text",
    label: FIXED_LABELS[name],
    valueLabels: [],
    missingCode: false,
    maxLength: name === "wave_name" ? 120 : 40,
  }));
  const demographics = new Map<string, ExportColumn>();
  const questions = new Map<string, ExportColumn>();
  const scores = new Map<string, ExportColumn>();
  for (const s of snapshots) {
    for (const page of s.pages)
      for (const item of page.items) {
        const target = item.kind === "demographic" ? demographics : questions;
        if (!target.has(item.id)) target.set(item.id, questionColumn(item, locale));
      }
    for (const c of s.constructs)
      if (!scores.has(c.id))
        scores.set(c.id, {
          name: `score_${c.id}`,
          type: "number",
          label: `${c.name[locale]} (score ${c.scale.min}–${c.scale.max})`,
          valueLabels: [],
          missingCode: false,
        });
  }
  // Constructs the file's versions ask as more than one measure: which one each row is.
  const measures = measured.map((id): ExportColumn => ({
    name: `${MEASURE_PREFIX}${id}`,
    type: "number",
    label: `${scores.get(id)?.label ?? id}: measure asked (1, 2, … in the order first asked); rows of two measures are never pooled or compared`,
    valueLabels: [],
    missingCode: false,
  }));
  return [
    ...fixed,
    ...demographics.values(),
    ...questions.values(),
    ...scores.values(),
    ...measures,
  ];
}
