import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { LocalizedText } from "../i18n/locales";

/**
 * The item bank lives in `surveys/` as JSON reviewed like code. This module reads
 * it, validates every file with zod and cross-checks the files against each other,
 * so a broken translation or a dangling reference stops the server at start-up
 * instead of reaching a resident.
 */

// Blank text is as bad as missing text for a resident reading it.
const nonBlank = z.string().refine((s) => s.trim().length > 0, "must not be empty");

/** Text in he, ar and en, each non-blank; no other keys. */
export const bankTextSchema = z.object({ he: nonBlank, ar: nonBlank, en: nonBlank }).strict();

// Ids end up as answer keys in MongoDB and as SurveyJS question names: no dots, no `$`.
const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "must be lowercase letters, digits and underscores only");

const scaleSchema = z
  .object({
    points: z.array(z.object({ value: z.number().int(), label: bankTextSchema }).strict()).min(2),
  })
  .strict()
  .refine(
    (s) => s.points.every((p, i) => i === 0 || p.value > s.points[i - 1]!.value),
    "point values must be strictly increasing",
  );

/** `surveys/scales.json`: the shared response scales and the "don't know" label. */
export const scalesFileSchema = z
  .object({ scales: z.record(idSchema, scaleSchema), dontKnow: bankTextSchema })
  .strict();

const itemSchema = z
  .object({
    id: idSchema,
    text: bankTextSchema,
    scale: idSchema,
    reverse: z.boolean(),
    dontKnow: z.boolean(),
  })
  .strict();

/** `surveys/constructs/*.json`: one construct and its items. */
export const constructFileSchema = z
  .object({
    id: idSchema,
    name: bankTextSchema,
    description: bankTextSchema,
    source: nonBlank,
    items: z.array(itemSchema).min(1),
  })
  .strict();

/** `surveys/texts.json`: the texts around the questions. */
export const textsFileSchema = z
  .object({
    title: bankTextSchema,
    intro: bankTextSchema,
    consent: bankTextSchema,
    consentRequired: bankTextSchema,
    thanks: bankTextSchema,
  })
  .strict();

/** `surveys/instruments/*.json`: which items an instrument asks, page by page. */
export const instrumentFileSchema = z
  .object({
    key: idSchema,
    title: bankTextSchema,
    pages: z
      .array(
        z.object({ id: idSchema, title: bankTextSchema, items: z.array(idSchema).min(1) }).strict(),
      )
      .min(1),
  })
  .strict();

/** The answer key of the consent question, reserved among item ids. */
export const CONSENT_ID = "consent";

export type Scale = z.infer<typeof scaleSchema>;
export type BankItem = z.infer<typeof itemSchema>;
export type BankConstruct = z.infer<typeof constructFileSchema>;
export type SurveyTexts = z.infer<typeof textsFileSchema>;
export type InstrumentDraft = z.infer<typeof instrumentFileSchema>;

/** The whole item bank, validated and cross-checked. */
export interface ItemBank {
  scales: Record<string, Scale>;
  dontKnow: LocalizedText;
  texts: SurveyTexts;
  constructs: BankConstruct[];
  /** Every item by id, with the construct it belongs to. */
  items: Map<string, { item: BankItem; constructId: string }>;
  instruments: Map<string, InstrumentDraft>;
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

function jsonFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Reads and validates the item bank: every file against its schema, then item and
 * construct ids unique across files, scale references known, one scale per
 * construct (its score range comes from that scale) and instrument keys matching
 * their file names. Throws an ItemBankError naming the file and path of the problem.
 */
export function loadItemBank(surveysDir = path.join(process.cwd(), "surveys")): ItemBank {
  const { scales, dontKnow } = readJson(surveysDir, "scales.json", scalesFileSchema);
  const texts = readJson(surveysDir, "texts.json", textsFileSchema);
  const fail = (message: string): never => {
    throw new ItemBankError(`Item bank in ${surveysDir} is invalid:\n  ${message}`);
  };

  const constructs: BankConstruct[] = [];
  const items: ItemBank["items"] = new Map();
  const constructFiles = new Map<string, string>();
  const itemFiles = new Map<string, string>();
  for (const name of jsonFilesIn(path.join(surveysDir, "constructs"))) {
    const relative = `constructs/${name}`;
    const construct = readJson(surveysDir, relative, constructFileSchema);
    const seen = constructFiles.get(construct.id);
    if (seen) fail(`${relative} at id: construct "${construct.id}" is also defined in ${seen}`);
    constructFiles.set(construct.id, relative);
    construct.items.forEach((item, i) => {
      const other = itemFiles.get(item.id);
      if (other)
        fail(`${relative} at items.${i}.id: item "${item.id}" is also defined in ${other}`);
      // The consent question is named "consent"; an item of that name would clash with it.
      if (item.id === CONSENT_ID) fail(`${relative} at items.${i}.id: "${CONSENT_ID}" is reserved`);
      if (!Object.hasOwn(scales, item.scale)) {
        fail(`${relative} at items.${i}.scale: unknown scale "${item.scale}"`);
      }
      if (item.scale !== construct.items[0]!.scale) {
        fail(`${relative} at items.${i}.scale: all items of a construct must share one scale`);
      }
      itemFiles.set(item.id, relative);
      items.set(item.id, { item, constructId: construct.id });
    });
    constructs.push(construct);
  }
  if (constructs.length === 0) fail("constructs/: no construct files");

  const instruments = new Map<string, InstrumentDraft>();
  for (const name of jsonFilesIn(path.join(surveysDir, "instruments"))) {
    const relative = `instruments/${name}`;
    const draft = readJson(surveysDir, relative, instrumentFileSchema);
    if (`${draft.key}.json` !== name) fail(`${relative} at key: must match the file name`);
    instruments.set(draft.key, draft);
  }
  const bank = { scales, dontKnow, texts, constructs, items, instruments };
  // Check every instrument now, so a dangling item id fails at start-up, not on publish.
  for (const key of instruments.keys()) loadInstrumentDraft(bank, key);
  return bank;
}

/**
 * The draft of one instrument. Throws when the key is unknown, or when a page names
 * an item the bank lacks or names an item twice.
 */
export function loadInstrumentDraft(bank: ItemBank, key: string): InstrumentDraft {
  const draft = bank.instruments.get(key);
  if (!draft) throw new ItemBankError(`Item bank: unknown instrument "${key}"`);
  const seen = new Set<string>();
  draft.pages.forEach((page, p) =>
    page.items.forEach((id, i) => {
      const where = `instruments/${key}.json at pages.${p}.items.${i}`;
      if (!bank.items.has(id)) throw new ItemBankError(`Item bank: ${where}: unknown item "${id}"`);
      if (seen.has(id)) throw new ItemBankError(`Item bank: ${where}: item "${id}" asked twice`);
      seen.add(id);
    }),
  );
  return draft;
}
