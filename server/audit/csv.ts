/**
 * The audit log as a CSV file: every event a filter matches, newest first,
 * read from the store with a cursor and written with back-pressure, so the
 * file never sits in memory however long the log is.
 */
import fs from "node:fs";
import path from "node:path";
import mongoose, { type Types } from "mongoose";
import { writeCsv } from "../exports/csv-writer";
import type { Locale } from "../shared/locales";
import { AuditEvent } from "./model";
import { filterOf, presentAuditEvents, type AuditFilter, type StoredAuditEvent } from "./service";

/** The file's columns; `action` is in the request's language, `code` is the stable action name. */
export const AUDIT_CSV_COLUMNS = [
  "at",
  "who",
  "role",
  "action",
  "code",
  "target",
  "authority",
  "personal",
  "ip",
].map((name) => ({ name }));

/** Events looked up (emails, slugs) and written per batch. */
const BATCH = 500;

interface AuditWords {
  actions: Record<string, Record<string, string>>;
  system: string;
  anonymous: string;
  kiosk: string;
}
const wordsCache = new Map<Locale, AuditWords>();

/** The audit screen's own words (locales/<locale>/admin.json), so the file reads as the screen does. */
function wordsOf(locale: Locale): AuditWords {
  let words = wordsCache.get(locale);
  if (!words) {
    const file = path.join(process.cwd(), "locales", locale, "admin.json");
    words = (JSON.parse(fs.readFileSync(file, "utf8")) as { audit: AuditWords }).audit;
    wordsCache.set(locale, words);
  }
  return words;
}

/** "contacts.revealed" in words; an action with no words yet keeps its code. */
function actionWords(words: AuditWords, action: string): string {
  const dot = action.indexOf(".");
  return words.actions[action.slice(0, dot)]?.[action.slice(dot + 1)] ?? action;
}

/** The rows of the events the filter matches, at or before `asOf`, without the export's own event. */
async function* auditRows(
  filter: Omit<AuditFilter, "limit">,
  asOf: Date,
  except: Types.ObjectId,
  locale: Locale,
): AsyncGenerator<(string | null)[]> {
  const words = wordsOf(locale);
  const query = mongoose.trusted({
    $and: [
      filterOf(filter),
      { at: mongoose.trusted({ $lte: asOf }) },
      { _id: mongoose.trusted({ $ne: except }) },
    ],
  });
  const cursor = AuditEvent.find(query)
    .sort({ at: -1, _id: -1 })
    .lean()
    .cursor({ batchSize: BATCH }) as AsyncIterable<StoredAuditEvent>;
  let batch: StoredAuditEvent[] = [];
  const flush = async () => {
    const shown = await presentAuditEvents(batch);
    batch = [];
    return shown.map((e) => [
      e.at,
      e.actor.kind === "user" ? (e.actor.email ?? e.actor.id) : words[e.actor.kind as "system"],
      e.actor.role,
      actionWords(words, e.action),
      e.action,
      e.target.id ? `${e.target.kind}:${e.target.id}` : e.target.kind,
      e.authoritySlug,
      e.personal ? "1" : "0",
      e.ip,
    ]);
  };
  for await (const event of cursor) {
    batch.push(event);
    if (batch.length === BATCH) yield* await flush();
  }
  if (batch.length > 0) yield* await flush();
}

/** How many events the file will hold: counted before the download is audited. */
export async function countAuditEvents(filter: Omit<AuditFilter, "limit">, asOf: Date) {
  if (filter.authorityId === null) return 0;
  return AuditEvent.countDocuments(
    mongoose.trusted({ $and: [filterOf(filter), { at: mongoose.trusted({ $lte: asOf }) }] }),
  );
}

/**
 * Writes the events the filter matches as CSV (UTF-8 with BOM, formula-safe
 * cells), as they stood at `asOf`: events written while the file streams,
 * the export's own record among them, stay out of it.
 */
export async function writeAuditCsv(
  out: NodeJS.WritableStream,
  filter: Omit<AuditFilter, "limit">,
  asOf: Date,
  except: Types.ObjectId,
  locale: Locale,
): Promise<void> {
  const rows: AsyncIterable<(string | null)[]> =
    filter.authorityId === null
      ? (async function* () {})()
      : auditRows(filter, asOf, except, locale);
  await writeCsv(out, AUDIT_CSV_COLUMNS, rows);
}
