import type { LocalizedText } from "../shared/locales";

/** The fictional localities of the demo program; no real authority's data. */
export const DEMO_AUTHORITIES: Array<{
  slug: string;
  name: LocalizedText;
  population: "jewish" | "arab" | "mixed";
  /** Where residents start on each construct's scale, as a share of its range. */
  level: number;
  /** Comparison localities are surveyed alike but are not in the program. */
  programStatus: "treated" | "comparison";
  socioEconomicCluster: number;
  peripheryCluster: number;
  populationSize: number;
  /** How much of the follow-up's improvement this locality shows (1 for the program's). */
  change: number;
}> = [
  {
    slug: "ramat-tamar",
    name: { he: "רמת תמר", ar: "رمات تمار", en: "Ramat Tamar", ru: "Рамат-Тамар" },
    population: "jewish",
    level: 0.55,
    programStatus: "treated",
    socioEconomicCluster: 4,
    peripheryCluster: 3,
    populationSize: 24_000,
    change: 1,
  },
  {
    slug: "kafr-zahra",
    name: { he: "כפר זהרה", ar: "كفر زهرة", en: "Kafr Zahra", ru: "Кафр-Захра" },
    population: "arab",
    level: 0.5,
    programStatus: "treated",
    socioEconomicCluster: 2,
    peripheryCluster: 3,
    populationSize: 18_000,
    change: 1,
  },
  {
    slug: "neve-shalem",
    name: { he: "נווה שלם", ar: "نفيه شاليم", en: "Neve Shalem", ru: "Неве-Шалем" },
    population: "mixed",
    level: 0.47,
    programStatus: "treated",
    socioEconomicCluster: 3,
    peripheryCluster: 2,
    populationSize: 31_000,
    change: 1,
  },
  {
    slug: "givat-oren",
    name: { he: "גבעת אורן", ar: "جفعات أورن", en: "Givat Oren", ru: "Гиват-Орен" },
    population: "jewish",
    level: 0.54,
    programStatus: "comparison",
    socioEconomicCluster: 4,
    peripheryCluster: 3,
    populationSize: 22_000,
    change: 0.3,
  },
  {
    slug: "ein-al-wadi",
    name: { he: "עין אל-ואדי", ar: "عين الوادي", en: "Ein al-Wadi", ru: "Эйн-эль-Вади" },
    population: "arab",
    level: 0.5,
    programStatus: "comparison",
    socioEconomicCluster: 2,
    peripheryCluster: 2,
    populationSize: 16_000,
    change: 0.3,
  },
  {
    slug: "migdal-nof",
    name: { he: "מגדל נוף", ar: "مجدال نوف", en: "Migdal Nof", ru: "Мигдаль-Ноф" },
    population: "mixed",
    level: 0.48,
    programStatus: "comparison",
    socioEconomicCluster: 3,
    peripheryCluster: 3,
    populationSize: 28_000,
    change: 0.3,
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
