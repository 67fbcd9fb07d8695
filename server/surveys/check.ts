import { ConditionRunner, Model } from "survey-core";
import { LOCALES } from "../shared/locales";
import { favourableFromOf, loadItemBank, rangeOf, topTwoFrom, type ItemBank } from "./bank";
import {
  editionName,
  checkConstructRanges,
  checkDontKnow,
  checkDurationStated,
  checkInclusiveLanguage,
  checkRussian,
  checkScaleLabels,
  checkSources,
} from "./check-rules";
import { estimateDuration } from "./duration";
import { snapshotOf, type InstrumentSnapshot } from "./snapshot";
import { buildMultiLocaleSurveyJson, buildSurveyJson } from "./survey-json";

/** What `npm run surveys:check` found: problems fail it, the summary is printed. */
export interface BankReport {
  problems: string[];
  summary: {
    constructs: number;
    items: number;
    scoredItems: number;
    moduleQuestions: number;
    instruments: Array<{
      key: string;
      edition: number;
      pages: number;
      questions: number;
      /** Estimated minutes to answer (server/surveys/duration.ts). */
      minutes: number;
      contentHash: string;
    }>;
    licensedSets: string[];
  };
}

/** Methods rules the schema cannot express: scale sizes, reverse items, scale direction. */
function checkConstructs(bank: ItemBank, problems: string[]): void {
  for (const c of bank.constructs) {
    const where = bank.files.get(`construct:${c.id}`) ?? c.id;
    // Items a later edition replaced stay for the versions that asked them; the
    // construct as asked now is the items nobody replaced.
    const replaced = new Set(c.items.flatMap((i) => (i.replaces ? [i.replaces] : [])));
    const scored = c.items.filter((i) => i.scored && !replaced.has(i.id));
    if (c.kind === "scale" && (scored.length < 3 || scored.length > 8)) {
      problems.push(`${where}: a scale needs 3 to 8 scored items, it has ${scored.length}`);
    }
    if (c.kind === "indicator" && scored.length !== 1) {
      problems.push(`${where}: an indicator has exactly one scored item, it has ${scored.length}`);
    }
    // With every item reversed the construct would be worded against its own name.
    if (scored.length > 1 && scored.every((i) => i.reverse)) {
      problems.push(`${where}: every scored item is reversed; word the construct positively`);
    }
    for (const item of c.items) {
      const scale = bank.scales[item.scale]!;
      const control = item.control ?? scale.control;
      if (item.reverse && !item.scored) {
        problems.push(`${where}: ${item.id} is reversed but not scored`);
      }
      if (item.dontKnow && (control === "boolean" || control === "rating")) {
        problems.push(`${where}: ${item.id} offers "don't know", which a ${control} cannot show`);
      }
    }
  }
}

function checkScales(bank: ItemBank, problems: string[]): void {
  for (const [id, scale] of Object.entries(bank.scales)) {
    const { min, max } = rangeOf(scale);
    // Means and reversal (min + max - v) assume equally spaced, consecutive points.
    if (scale.points.some((p, i) => p.value !== min + i)) {
      problems.push(`scales.json at scales.${id}: values must be consecutive integers`);
    }
    // Every scale ascends from the least to the most favourable answer, in every language:
    // the lowest point is never favourable, and a threshold off the top-2 box says why.
    const top2 = topTwoFrom(scale);
    const from = favourableFromOf(scale);
    if (from <= min || from > max) {
      problems.push(
        `scales.json at scales.${id}: favourableFrom ${from} must lie above the lowest point (${min}) and at most ${max}`,
      );
    }
    if (from !== top2 && !scale.favourableNote) {
      problems.push(
        `scales.json at scales.${id}: favourableFrom departs from the top-2 box without a favourableNote`,
      );
    }
    for (const locale of LOCALES) {
      const labels = scale.points.map((p) => p.label[locale]);
      if (new Set(labels).size !== labels.length) {
        problems.push(`scales.json at scales.${id}: two points share a label in ${locale}`);
      }
    }
    if (scale.control === "boolean" && scale.points.length !== 2) {
      problems.push(`scales.json at scales.${id}: a boolean control needs exactly two points`);
    }
    if (scale.control === "rating" && !scale.anchors) {
      problems.push(`scales.json at scales.${id}: a rating control needs anchors for its ends`);
    }
  }
}

/** Every he/ar string of a JSON value, with its path. */
function rtlStrings(value: unknown, at: string): Array<[string, string]> {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === "string" && (k === "he" || k === "ar")
      ? [[`${at}.${k}`, v] as [string, string]]
      : rtlStrings(v, `${at}.${k}`),
  );
}

/**
 * A range such as 18–24 with an en dash is laid out right to left in Hebrew and
 * Arabic and reads "24–18" (the dash is a neutral between two numbers); a hyphen
 * keeps it one left-to-right number run (Unicode bidi rule W4).
 */
function checkRtlNumbers(bank: ItemBank, problems: string[]): void {
  const sources: Array<[string, unknown]> = [
    ["scales.json", bank.scales],
    ...bank.constructs.map((c) => [`construct ${c.id}`, c] as [string, unknown]),
    ...[...bank.modules.values()].map((m) => [`module ${m.id}`, m] as [string, unknown]),
    ...[...bank.editions.values()].flatMap((byEdition) =>
      [...byEdition.values()].map(
        (d) => [`instrument ${d.key} edition ${d.edition}`, d] as [string, unknown],
      ),
    ),
  ];
  for (const [name, value] of sources) {
    for (const [at, text] of rtlStrings(value, name)) {
      if (/\d\s*[\u2013\u2014]\s*\d/.test(text)) {
        problems.push(
          `${at}: "${text}" has a number range with a dash that reads backwards right to left; use a hyphen (-)`,
        );
      }
    }
  }
}

type JsonQuestion = { name: string; title: unknown; choices?: Array<{ value: unknown }> };

/** Compiles an instrument in every locale and loads each in survey-core, as a browser would. */
function checkCompiled(snapshot: InstrumentSnapshot, problems: string[]): void {
  const where = `instrument ${editionName(snapshot)}`;
  const order = new Map<string, string>();
  for (const locale of LOCALES) {
    const json = buildSurveyJson(snapshot, locale);
    const model = new Model(json);
    for (const e of model.jsonErrors ?? []) {
      problems.push(`${where} (${locale}): survey-core: ${e.message}`);
    }
    for (const page of snapshot.pages) {
      for (const item of page.items) {
        const q = model.getQuestionByName(item.id);
        if (!q) {
          problems.push(`${where} (${locale}): survey-core lost question ${item.id}`);
          continue;
        }
        if (!q.title || q.title === item.id) {
          problems.push(`${where} (${locale}): ${item.id} has no title`);
        }
        const values = JSON.stringify(
          ((q.toJSON() as JsonQuestion).choices ?? []).map((c) => c.value),
        );
        const seen = order.get(item.id);
        if (seen !== undefined && seen !== values) {
          problems.push(`${where} (${locale}): ${item.id} lists its choices in another order`);
        }
        order.set(item.id, values);
        if (item.visibleIf && !new ConditionRunner(item.visibleIf).canRun()) {
          problems.push(`${where}: ${item.id} has a condition survey-core cannot run`);
        }
      }
    }
  }
  const multi = new Model(buildMultiLocaleSurveyJson(snapshot));
  for (const locale of LOCALES) {
    multi.locale = locale;
    for (const item of snapshot.pages.flatMap((p) => p.items)) {
      if (multi.getQuestionByName(item.id)?.title !== item.text[locale]) {
        problems.push(`${where} (multi-locale, ${locale}): ${item.id} shows another text`);
      }
    }
  }
}

/**
 * Validates the item bank in `surveysDir`: its schema and cross-references (the
 * loader), methods rules on constructs and scales, and every instrument compiled
 * in he/ar/en and loaded in survey-core. Never throws on a broken bank; reports.
 */
export function checkBank(surveysDir?: string): BankReport {
  const problems: string[] = [];
  const summary: BankReport["summary"] = {
    constructs: 0,
    items: 0,
    scoredItems: 0,
    moduleQuestions: 0,
    instruments: [],
    licensedSets: [],
  };
  let bank: ItemBank;
  try {
    bank = loadItemBank(surveysDir);
  } catch (err) {
    return { problems: [(err as Error).message], summary };
  }
  checkScales(bank, problems);
  checkConstructs(bank, problems);
  checkRtlNumbers(bank, problems);
  checkInclusiveLanguage(bank, problems);
  checkRussian(bank, problems);
  checkDurationStated(bank, problems);
  summary.constructs = bank.constructs.length;
  summary.items = bank.items.size;
  summary.scoredItems = [...bank.items.values()].filter((e) => e.item.scored).length;
  summary.moduleQuestions = [...bank.modules.values()].reduce((n, m) => n + m.questions.length, 0);
  summary.licensedSets = bank.licensedSets;
  const snapshots: InstrumentSnapshot[] = [];
  const editions = [...bank.editions].flatMap(([key, byEdition]) =>
    [...byEdition.keys()].sort((a, b) => a - b).map((edition) => ({ key, edition })),
  );
  for (const { key, edition } of editions) {
    try {
      const snapshot = snapshotOf(bank, key, edition);
      snapshots.push(snapshot);
      checkCompiled(snapshot, problems);
      summary.instruments.push({
        key,
        edition,
        pages: snapshot.pages.length,
        questions: snapshot.pages.reduce((n, p) => n + p.items.length, 0),
        minutes: estimateDuration(snapshot).minutes,
        contentHash: snapshot.contentHash,
      });
    } catch (err) {
      problems.push(`instrument ${key} edition ${edition}: ${(err as Error).message}`);
    }
  }
  checkScaleLabels(snapshots, problems);
  checkDontKnow(snapshots, problems);
  checkConstructRanges(snapshots, problems);
  checkSources(snapshots, problems);
  return { problems, summary };
}
