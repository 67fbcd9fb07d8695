import { CONSENT_ID } from "../surveys/bank";
import type { InstrumentSnapshot } from "../surveys/snapshot";
import { textIn, type LocalizedText } from "../shared/locales";

/** True for a stored text (he, ar and en strings). */
function isLocalizedText(value: unknown): value is LocalizedText {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.he === "string" && typeof v.ar === "string" && typeof v.en === "string";
}

/** Whether any stored text inside `value` lacks a Russian version. */
function lacksRussian(value: unknown): boolean {
  if (isLocalizedText(value)) return !value.ru?.trim();
  if (value === null || typeof value !== "object") return false;
  return Object.values(value).some(lacksRussian);
}

/** `value` with each stored text's Hebrew slot holding what a Russian reader is shown. */
function russianInHebrewSlot<T>(value: T): T {
  if (isLocalizedText(value)) return { ...value, he: textIn(value, "ru") } as T;
  if (Array.isArray(value)) return value.map(russianInHebrewSlot) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, russianInHebrewSlot(v)]),
  ) as T;
}

/**
 * The snapshot as a Russian reader sees it, to build in the Hebrew slot: every text
 * in Russian where the item bank has it, else in Hebrew. `untranslated` names the
 * questions (the consent, for the whole first page) that have a text still in Hebrew, so the page
 * can say so beside them rather than mix languages silently.
 */
export function snapshotForRussian(snapshot: InstrumentSnapshot): {
  snapshot: InstrumentSnapshot;
  untranslated: string[];
} {
  const untranslated = snapshot.pages.flatMap((page) =>
    page.items.filter((item) => lacksRussian(item)).map((item) => item.id),
  );
  // The consent stands for the first page: the survey's title, introduction and consent.
  const { title, intro, consent, consentRequired } = snapshot.texts;
  if (lacksRussian({ title, intro, consent, consentRequired })) untranslated.unshift(CONSENT_ID);
  return { snapshot: russianInHebrewSlot(snapshot), untranslated };
}
