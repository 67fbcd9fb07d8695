import { randomUUID } from "node:crypto";
import { Authority } from "../../server/authorities/model";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";

let counter = 0;
const next = () => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** An authority with names in every locale. */
export async function makeAuthority(overrides: { slug?: string } = {}) {
  const id = next();
  return Authority.create({
    slug: overrides.slug ?? `town-${id}`,
    name: { he: `עיר ${id}`, ar: `مدينة ${id}`, en: `Town ${id}` },
    population: "mixed",
  });
}

/** A wave with an open link, pinned to the core instrument as published from the bank. */
export async function makeOpenWave(
  overrides: {
    status?: "draft" | "open" | "paused" | "closed";
    slug?: string;
    kind?: "baseline" | "follow-up";
    opensAt?: Date;
  } = {},
) {
  const authority = await makeAuthority();
  const instrument = await publishInstrument("core");
  const slug = overrides.slug ?? `link-${next()}`;
  const wave = await Wave.create({
    authorityId: authority._id,
    instrumentVersionId: instrument.id,
    name: { he: "גל בדיקה", ar: "جولة اختبار", en: "Test wave" },
    kind: overrides.kind ?? "baseline",
    status: overrides.status ?? "open",
    opensAt: overrides.opensAt ?? new Date(Date.now() - 86_400_000),
    channels: ["open-link"],
    openLinkSlug: slug,
  });
  return { authority, wave, slug, instrument };
}

/** A fresh submission envelope around the given answers. */
export function submission(answers: Record<string, unknown>, locale: "he" | "ar" | "en" = "he") {
  return { locale, submissionId: randomUUID(), answers };
}
