import { createHash } from "node:crypto";
import { z } from "zod";
import { localizedTextSchema } from "../i18n/localized-text.schema";
import type { InstrumentDraft, ItemBank } from "./bank";

/**
 * A published instrument is a self-contained copy of everything needed to render,
 * validate and score it. Waves point at a snapshot, so later edits of the item
 * bank never change what an earlier wave asked or how it is scored.
 */

const pointSchema = z.object({ value: z.number().int(), label: localizedTextSchema });

const snapshotItemSchema = z.object({
  id: z.string().min(1),
  constructId: z.string().min(1),
  text: localizedTextSchema,
  scale: z.object({
    id: z.string().min(1),
    points: z.array(pointSchema).min(2),
    dontKnowLabel: localizedTextSchema,
  }),
  reverse: z.boolean(),
  dontKnow: z.boolean(),
});

const snapshotConstructSchema = z.object({
  id: z.string().min(1),
  name: localizedTextSchema,
  description: localizedTextSchema,
  source: z.string().min(1),
  scale: z.object({ min: z.number(), max: z.number() }),
  itemIds: z.array(z.string().min(1)).min(1),
});

/** zod: a stored instrument snapshot. */
export const instrumentSnapshotSchema = z.object({
  key: z.string().min(1),
  title: localizedTextSchema,
  texts: z.object({
    title: localizedTextSchema,
    intro: localizedTextSchema,
    consent: localizedTextSchema,
    consentRequired: localizedTextSchema,
    thanks: localizedTextSchema,
  }),
  pages: z
    .array(
      z.object({
        id: z.string().min(1),
        title: localizedTextSchema,
        items: z.array(snapshotItemSchema).min(1),
      }),
    )
    .min(1),
  constructs: z.array(snapshotConstructSchema).min(1),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A published instrument, as stored with its version. */
export type InstrumentSnapshot = z.infer<typeof instrumentSnapshotSchema>;
export type SnapshotItem = InstrumentSnapshot["pages"][number]["items"][number];

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** sha256 (hex) of the canonical JSON of a snapshot without its hash. */
export function contentHashOf(content: Omit<InstrumentSnapshot, "contentHash">): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// structuredClone keeps the snapshot from sharing objects with the bank.
const copy = <T>(value: T): T => structuredClone(value);

/**
 * Freezes a draft into a snapshot: items carry their text and full scale, constructs
 * carry their score range and the items this instrument asks of them, in page order
 * (constructs the instrument does not ask are left out). The result is deeply frozen.
 */
export function publishSnapshot(bank: ItemBank, draft: InstrumentDraft): InstrumentSnapshot {
  const itemIdsByConstruct = new Map<string, string[]>();
  const pages = draft.pages.map((page) => ({
    id: page.id,
    title: copy(page.title),
    items: page.items.map((id) => {
      const entry = bank.items.get(id);
      if (!entry) throw new Error(`Instrument "${draft.key}" asks unknown item "${id}"`);
      const { item, constructId } = entry;
      const list = itemIdsByConstruct.get(constructId) ?? [];
      list.push(id);
      itemIdsByConstruct.set(constructId, list);
      return {
        id,
        constructId,
        text: copy(item.text),
        scale: {
          id: item.scale,
          points: copy(bank.scales[item.scale]!.points),
          dontKnowLabel: copy(bank.dontKnow),
        },
        reverse: item.reverse,
        dontKnow: item.dontKnow,
      };
    }),
  }));

  // Constructs in the order the instrument first asks them, which is how results list them.
  const constructs = [...itemIdsByConstruct].map(([id, itemIds]) => {
    const c = bank.constructs.find((construct) => construct.id === id)!;
    const points = bank.scales[c.items[0]!.scale]!.points;
    return {
      id,
      name: copy(c.name),
      description: copy(c.description),
      source: c.source,
      scale: { min: points[0]!.value, max: points[points.length - 1]!.value },
      itemIds,
    };
  });

  const content = {
    key: draft.key,
    title: copy(draft.title),
    texts: copy(bank.texts),
    pages,
    constructs,
  };
  return deepFreeze({ ...content, contentHash: contentHashOf(content) });
}
