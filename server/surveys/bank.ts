import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import type { LocalizedText } from "../shared/locales";
import {
  CHOICE_CONTROLS,
  constructFileSchema,
  instrumentFileSchema,
  moduleFileSchema,
  scalesFileSchema,
  textsFileSchema,
  type BankConstruct,
  type BankItem,
  type BankModule,
  type InstrumentDraft,
  type Scale,
  type SurveyTexts,
} from "./bank-schema";
import { collectInstrumentQuestions } from "./instrument-entries";

export * from "./bank-schema";

/**
 * The item bank lives in `surveys/` as JSON reviewed like code. This module reads
 * it, validates every file with zod and cross-checks the files against each other,
 * so a broken translation or a dangling reference stops the server at start-up
 * instead of reaching a resident. Researchers' licensed item sets live in
 * `surveys/licensed/<set>/` (ignored by git) and load the same way when present.
 */

/** The answer key of the consent question, reserved among item ids. */
export const CONSENT_ID = "consent";

/** The whole item bank, validated and cross-checked. */
export interface ItemBank {
  scales: Record<string, Scale>;
  dontKnow: LocalizedText;
  preferNot: LocalizedText;
  texts: SurveyTexts;
  constructs: BankConstruct[];
  /** Every item by id, with the construct it belongs to. */
  items: Map<string, { item: BankItem; constructId: string }>;
  modules: Map<string, BankModule>;
  /** The first edition of each instrument: the default, which existing waves were built on. */
  instruments: Map<string, InstrumentDraft>;
  /** Every edition of each instrument, by key and edition number. */
  editions: Map<string, Map<number, InstrumentDraft>>;
  /** The file each construct, module and instrument came from, relative to the bank. */
  files: Map<string, string>;
  /** Names of the licensed item sets found under `licensed/`. */
  licensedSets: string[];
}

/** A problem in the item bank; the message names the file and the path inside it. */
export class ItemBankError extends Error {
  override name = "ItemBankError";
}

function readJson<T>(surveysDir: string, relative: string, schema: z.ZodType<T>): T {
  const file = path.join(surveysDir, relative);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ItemBankError(`Item bank: cannot read ${file}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${relative} at ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`,
    );
    throw new ItemBankError(`Item bank in ${surveysDir} is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** JSON files of a folder relative to the bank, sorted so load order never depends on the disk. */
function jsonFilesIn(surveysDir: string, folder: string): string[] {
  const dir = path.join(surveysDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => `${folder}/${f}`);
}

function licensedSetsIn(surveysDir: string): string[] {
  const dir = path.join(surveysDir, "licensed");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** The lowest and highest value of a scale. */
export function rangeOf(scale: Scale): { min: number; max: number } {
  return { min: scale.points[0]!.value, max: scale.points[scale.points.length - 1]!.value };
}

/**
 * The top-2 box of a scale: the lowest value of its two highest points (its top
 * point when it has only two). A scale may set `favourableFrom` to depart from it.
 */
export function topTwoFrom(scale: Scale): number {
  const { points } = scale;
  return points[points.length <= 2 ? points.length - 1 : points.length - 2]!.value;
}

/** The lowest value counted as favourable: the scale's own choice, else the top-2 box. */
export function favourableFromOf(scale: Scale): number {
  return scale.favourableFrom ?? topTwoFrom(scale);
}

/**
 * Reads and validates the item bank: every file against its schema, then ids
 * unique across files (items, module questions, constructs), scale references
 * known, items on choice scales, the scored items of a construct on one range
 * (its score range) and instrument keys matching their file names. Throws an
 * ItemBankError naming the file and path of the problem.
 */
export function loadItemBank(surveysDir = path.join(process.cwd(), "surveys")): ItemBank {
  const { scales, dontKnow, preferNot } = readJson(surveysDir, "scales.json", scalesFileSchema);
  const texts = readJson(surveysDir, "texts.json", textsFileSchema);
  const fail = (message: string): never => {
    throw new ItemBankError(`Item bank in ${surveysDir} is invalid:\n  ${message}`);
  };
  const licensedSets = licensedSetsIn(surveysDir);
  const sets = ["", ...licensedSets.map((s) => `licensed/${s}/`)];

  const files = new Map<string, string>();
  const questionFiles = new Map<string, string>();
  const claim = (kind: string, id: string, where: string, relative: string) => {
    const key = `${kind}:${id}`;
    const other = files.get(key);
    if (other) fail(`${where}: ${kind} "${id}" is also defined in ${other}`);
    files.set(key, relative);
  };
  const claimQuestion = (id: string, where: string, relative: string) => {
    const other = questionFiles.get(id);
    if (other) fail(`${where}: item "${id}" is also defined in ${other}`);
    // The consent question is named "consent"; an item of that name would clash with it.
    if (id === CONSENT_ID) fail(`${where}: "${CONSENT_ID}" is reserved`);
    questionFiles.set(id, relative);
  };

  const constructs: BankConstruct[] = [];
  const items: ItemBank["items"] = new Map();
  for (const relative of sets.flatMap((s) => jsonFilesIn(surveysDir, `${s}constructs`))) {
    const construct = readJson(surveysDir, relative, constructFileSchema);
    claim("construct", construct.id, `${relative} at id`, relative);
    let range: { min: number; max: number } | undefined;
    // A replaced item may sit on the scale its replacement changed; only the items
    // asked now must share the construct's range.
    const replaced = new Set(construct.items.flatMap((i) => (i.replaces ? [i.replaces] : [])));
    construct.items.forEach((item, i) => {
      const at = `${relative} at items.${i}`;
      claimQuestion(item.id, `${at}.id`, relative);
      const scale = scales[item.scale] ?? fail(`${at}.scale: unknown scale "${item.scale}"`);
      if (!CHOICE_CONTROLS.has(item.control ?? scale.control)) {
        fail(`${at}.control: an item is answered on its scale's choices, not as text`);
      }
      if (item.scored && !replaced.has(item.id)) {
        const r = rangeOf(scale);
        range ??= r;
        // One score range per construct: its mean must stay on the scale residents saw.
        if (r.min !== range.min || r.max !== range.max) {
          fail(`${at}.scale: all scored items of a construct must share one range`);
        }
      }
      items.set(item.id, { item, constructId: construct.id });
    });
    if (!range) fail(`${relative} at items: a construct needs at least one scored item`);
    // Items of one construct inside one instrument must still share a range; the
    // snapshot's construct scale comes from them (surveys:check, checkConstructRanges).
    constructs.push(construct);
  }
  if (constructs.length === 0) fail("constructs/: no construct files");

  const modules = new Map<string, BankModule>();
  for (const relative of sets.flatMap((s) => jsonFilesIn(surveysDir, `${s}modules`))) {
    const mod = readJson(surveysDir, relative, moduleFileSchema);
    claim("module", mod.id, `${relative} at id`, relative);
    mod.questions.forEach((q, i) => {
      claimQuestion(q.id, `${relative} at questions.${i}.id`, relative);
      if (q.scale && !Object.hasOwn(scales, q.scale)) {
        fail(`${relative} at questions.${i}.scale: unknown scale "${q.scale}"`);
      }
    });
    modules.set(mod.id, mod);
  }

  const instruments = new Map<string, InstrumentDraft>();
  const editions: ItemBank["editions"] = new Map();
  for (const relative of sets.flatMap((s) => jsonFilesIn(surveysDir, `${s}instruments`))) {
    const draft = readJson(surveysDir, relative, instrumentFileSchema);
    const expected =
      draft.edition === 1 ? `${draft.key}.json` : `${draft.key}.v${draft.edition}.json`;
    if (expected !== path.basename(relative)) {
      fail(`${relative} at key: must match the file name (${expected})`);
    }
    if (draft.edition === 1) {
      claim("instrument", draft.key, `${relative} at key`, relative);
      instruments.set(draft.key, draft);
    } else {
      claim("instrument", `${draft.key}.v${draft.edition}`, `${relative} at key`, relative);
    }
    const byEdition = editions.get(draft.key) ?? new Map<number, InstrumentDraft>();
    byEdition.set(draft.edition, draft);
    editions.set(draft.key, byEdition);
  }
  for (const [key, byEdition] of editions) {
    if (!byEdition.has(1)) fail(`instruments/${key}.json: a later edition needs the first one`);
  }
  for (const [id, { item }] of items) {
    if (item.replaces && !items.has(item.replaces)) {
      fail(
        `${constructFileOf(files, items, id)}: ${id} replaces "${item.replaces}", which the bank lacks`,
      );
    }
  }
  const bank: ItemBank = {
    scales,
    dontKnow,
    preferNot,
    texts,
    constructs,
    items,
    modules,
    instruments,
    editions,
    files,
    licensedSets,
  };
  // Check every edition now, so a dangling item id fails at start-up, not on publish.
  for (const [key, byEdition] of editions) {
    for (const edition of byEdition.keys()) loadInstrumentDraft(bank, key, edition);
  }
  return bank;
}

/** The construct file an item is defined in, for messages. */
function constructFileOf(files: Map<string, string>, items: ItemBank["items"], id: string): string {
  return files.get(`construct:${items.get(id)!.constructId}`) ?? id;
}

/**
 * The draft of one edition of an instrument (the first by default). Throws when
 * the key or edition is unknown, or when a page names an item or module the bank
 * lacks, asks a question twice, or a condition names a question the instrument
 * does not ask.
 */
export function loadInstrumentDraft(bank: ItemBank, key: string, edition = 1): InstrumentDraft {
  // The first edition is the `instruments` entry, which callers may replace in place.
  const draft = edition === 1 ? bank.instruments.get(key) : bank.editions.get(key)?.get(edition);
  if (!draft) {
    throw new ItemBankError(
      `Item bank: unknown instrument "${key}"${edition === 1 ? "" : ` edition ${edition}`}`,
    );
  }
  const name = edition === 1 ? key : `${key}.v${edition}`;
  const file = bank.files.get(`instrument:${name}`) ?? `instruments/${name}.json`;
  collectInstrumentQuestions(bank, draft, (where, message) => {
    throw new ItemBankError(`Item bank: ${file} at ${where}: ${message}`);
  });
  return draft;
}
