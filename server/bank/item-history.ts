import mongoose from "mongoose";
import { NotFoundError } from "../errors";
import { InstrumentVersion } from "../instruments/model";
import { instrumentSnapshotSchema } from "../surveys/snapshot-schema";
import type { ItemBank } from "../surveys/bank";
import { currentBank } from "./bank-cache";
import type { ItemHistory } from "./item-history-schema";

/**
 * The item and every item it replaced or was replaced by (a changed wording is a
 * new item id whose `replaces` names the old one), oldest first.
 */
function lineageOf(bank: ItemBank, id: string): string[] {
  const replacedBy = new Map<string, string>();
  for (const [itemId, { item }] of bank.items)
    if (item.replaces) replacedBy.set(item.replaces, itemId);
  const older: string[] = [];
  for (let cur = bank.items.get(id)?.item.replaces; cur && !older.includes(cur);) {
    older.unshift(cur);
    cur = bank.items.get(cur)?.item.replaces;
  }
  const newer: string[] = [];
  for (let cur = replacedBy.get(id); cur && !newer.includes(cur) && cur !== id;) {
    newer.push(cur);
    cur = replacedBy.get(cur);
  }
  return [...older, id, ...newer];
}

/**
 * An item's history of wording: each published version (of any instrument) that
 * asked it or an item of its lineage, with the wording per language as that
 * version fixed it and when it was published, oldest first. Read from the stored
 * versions' snapshots, which never change; `changed` marks a wording that differs
 * from the one before it in the list.
 */
export async function itemHistory(id: string): Promise<ItemHistory> {
  const bank = currentBank();
  const lineage = lineageOf(bank, id);
  const docs = await InstrumentVersion.find(
    // One equality per id: the embedded store's $in does not reach through two
    // levels of arrays (pages, then items), an equality does on both stores.
    mongoose.trusted({ $or: lineage.map((x) => ({ "snapshot.pages.items.id": x })) }),
    { key: 1, version: 1, publishedAt: 1, snapshot: 1 },
  )
    .sort({ publishedAt: 1, key: 1, version: 1 })
    .lean();
  if (docs.length === 0 && !bank.items.has(id)) throw new NotFoundError();
  const versions: ItemHistory["versions"] = [];
  let previous: string | null = null;
  for (const doc of docs) {
    const snapshot = instrumentSnapshotSchema.parse(doc.snapshot);
    for (const page of snapshot.pages) {
      for (const q of page.items) {
        if (!lineage.includes(q.id)) continue;
        const text = { he: q.text.he, ar: q.text.ar, en: q.text.en, ru: q.text.ru ?? "" };
        const wording = JSON.stringify([text.he, text.ar, text.en, text.ru]);
        versions.push({
          itemId: q.id,
          key: doc.key,
          version: doc.version,
          publishedAt: doc.publishedAt.toISOString(),
          text,
          changed: previous !== null && wording !== previous,
        });
        previous = wording;
      }
    }
  }
  const bankItem = bank.items.get(id)?.item;
  return {
    id,
    lineage,
    current: bankItem
      ? {
          he: bankItem.text.he,
          ar: bankItem.text.ar,
          en: bankItem.text.en,
          ru: bankItem.text.ru ?? "",
        }
      : null,
    versions,
  };
}
