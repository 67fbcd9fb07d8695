import type { LocalizedText } from "../i18n/locales";

/** The fictional localities of the demo program; no real authority's data. */
export const DEMO_AUTHORITIES: Array<{
  slug: string;
  name: LocalizedText;
  population: "jewish" | "arab" | "mixed";
  /** Where residents start on each construct's scale, as a share of its range. */
  level: number;
}> = [
  {
    slug: "ramat-tamar",
    name: { he: "רמת תמר", ar: "رمات تمار", en: "Ramat Tamar" },
    population: "jewish",
    level: 0.55,
  },
  {
    slug: "kafr-zahra",
    name: { he: "כפר זהרה", ar: "كفر زهرة", en: "Kafr Zahra" },
    population: "arab",
    level: 0.5,
  },
  {
    slug: "neve-shalem",
    name: { he: "נווה שלם", ar: "نفيه شاليم", en: "Neve Shalem" },
    population: "mixed",
    level: 0.47,
  },
];

export const DEMO_WAVES = [
  {
    kind: "baseline" as const,
    status: "closed" as const,
    opensAt: new Date("2025-03-02T06:00:00Z"),
    closesAt: new Date("2025-05-01T21:00:00Z"),
    name: { he: "מדידת בסיס 2025", ar: "القياس الأساسي 2025", en: "Baseline 2025" },
    /** Shift of the latent level against baseline, in SD units: a small, plausible change. */
    shift: 0,
  },
  {
    kind: "follow-up" as const,
    status: "open" as const,
    opensAt: new Date("2026-10-04T06:00:00Z"),
    closesAt: undefined,
    name: { he: "מדידת המשך 2026", ar: "قياس المتابعة 2026", en: "Follow-up 2026" },
    shift: 0.2,
  },
];
