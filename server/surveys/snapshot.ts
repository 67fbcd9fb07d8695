import {
  favourableFromOf,
  ItemBankError,
  loadInstrumentDraft,
  type InstrumentDraft,
  type ItemBank,
  type SurveyTexts,
} from "./bank";
import { estimateDuration, MINUTES_PLACEHOLDER } from "./duration";
import { collectInstrumentQuestions, type ResolvedEntry } from "./instrument-entries";
import {
  contentHashOf,
  type InstrumentSnapshot,
  type SnapshotConstruct,
  type SnapshotItem,
} from "./snapshot-schema";

export * from "./snapshot-schema";

/**
 * A published instrument is a self-contained copy of everything needed to render,
 * validate and score it. Waves point at a snapshot, so later edits of the item
 * bank never change what an earlier wave asked or how it is scored.
 */

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// structuredClone keeps the snapshot from sharing objects with the bank.
const copy = <T>(value: T): T => structuredClone(value);

function scaleOf(bank: ItemBank, scaleId: string, missing: "dontKnow" | "preferNot") {
  const scale = bank.scales[scaleId]!;
  return {
    id: scaleId,
    kind: scale.kind,
    points: copy(scale.points),
    dontKnowLabel: copy(bank[missing]),
    ...(scale.anchors ? { anchors: copy(scale.anchors) } : {}),
  };
}

function questionOf(bank: ItemBank, entry: ResolvedEntry): SnapshotItem {
  const conditions = {
    required: entry.required,
    ...(entry.visibleIf ? { visibleIf: entry.visibleIf } : {}),
  };
  if (entry.kind === "item") {
    const { item } = entry;
    return {
      id: entry.id,
      kind: "item",
      constructId: entry.constructId,
      subscale: item.subscale,
      text: copy(item.text),
      control: item.control ?? bank.scales[item.scale]!.control,
      scale: scaleOf(bank, item.scale, "dontKnow"),
      reverse: item.reverse,
      dontKnow: item.dontKnow,
      scored: item.scored,
      source: item.source,
      ...(item.replaces ? { replaces: item.replaces, change: item.change } : {}),
      ...conditions,
    };
  }
  const q = entry.question;
  const scale = q.scale
    ? scaleOf(bank, q.scale, "preferNot")
    : q.choices
      ? { id: q.id, points: copy(q.choices), dontKnowLabel: copy(bank.preferNot) }
      : undefined;
  return {
    id: q.id,
    kind: entry.kind,
    text: copy(q.text),
    control: q.control,
    ...(scale ? { scale } : {}),
    reverse: false,
    dontKnow: q.preferNot,
    scored: false,
    ...(q.maxLength !== undefined ? { maxLength: q.maxLength } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...conditions,
  };
}

/**
 * Freezes a draft into a snapshot: questions carry their text, full scale and
 * conditions; constructs carry their score range, favourable threshold and the
 * scored items this instrument asks of them, in page order (constructs the
 * instrument does not score are left out). The result is deeply frozen.
 * `texts` (intro, consent, thanks) default to the bank's; a workspace draft
 * brings its own.
 */
export function publishSnapshot(
  bank: ItemBank,
  draft: InstrumentDraft,
  texts: SurveyTexts = bank.texts,
): InstrumentSnapshot {
  const resolved = collectInstrumentQuestions(bank, draft, (where, message) => {
    throw new ItemBankError(`Instrument "${draft.key}" at ${where}: ${message}`);
  });
  const pages = resolved.map(({ page, entries }) => ({
    id: page.id,
    title: copy(page.title),
    ...(page.description ? { description: copy(page.description) } : {}),
    items: entries.map((entry) => questionOf(bank, entry)),
  }));

  // Constructs in the order the instrument first asks them, which is how results list them.
  const scored = new Map<string, Array<{ id: string; subscale: string; scale: string }>>();
  for (const { entries } of resolved) {
    for (const e of entries) {
      if (e.kind !== "item" || !e.item.scored) continue;
      const list = scored.get(e.constructId) ?? [];
      list.push({ id: e.id, subscale: e.item.subscale, scale: e.item.scale });
      scored.set(e.constructId, list);
    }
  }
  const constructs: SnapshotConstruct[] = [...scored].map(([id, list]) => {
    const c = bank.constructs.find((construct) => construct.id === id)!;
    const scale = bank.scales[list[0]!.scale]!;
    const subscales: Record<string, string[]> = {};
    for (const item of list) (subscales[item.subscale] ??= []).push(item.id);
    return {
      id,
      kind: c.kind,
      name: copy(c.name),
      description: copy(c.description),
      source: c.source,
      scale: { min: scale.points[0]!.value, max: scale.points[scale.points.length - 1]!.value },
      favourableFrom: favourableFromOf(scale),
      itemIds: list.map((i) => i.id),
      subscales,
    };
  });

  // The intro states this instrument's own time, estimated from its questions.
  const { minutes } = estimateDuration({ pages });
  // An instrument's own texts (a youth consent) override the bank's.
  const ownTexts: SurveyTexts = { ...texts, ...draft.texts };
  const intro = Object.fromEntries(
    Object.entries(ownTexts.intro).map(([l, t]) => [
      l,
      t.split(MINUTES_PLACEHOLDER).join(`${minutes}`),
    ]),
  ) as SurveyTexts["intro"];
  const content = {
    key: draft.key,
    // Only later editions say so: a first edition's content (and hash) stays as it was.
    ...(draft.edition && draft.edition > 1 ? { edition: draft.edition } : {}),
    title: copy(draft.title),
    ...(draft.respondents ? { respondents: copy(draft.respondents) } : {}),
    texts: { ...copy(ownTexts), intro },
    pages,
    constructs,
  };
  return deepFreeze({ ...content, contentHash: contentHashOf(content) });
}

/** Loads the bank's draft of an instrument (its first edition by default) and publishes it. */
export function snapshotOf(bank: ItemBank, key: string, edition = 1): InstrumentSnapshot {
  return publishSnapshot(bank, loadInstrumentDraft(bank, key, edition));
}
