/**
 * How many SMS parts a text takes. Pure, so the workspace counts as staff type.
 *
 * GSM-7 (Latin) fits 160 characters in one part and 153 per part of a long one
 * (extension characters such as € and [ count twice). Anything outside it, which
 * is any Hebrew or Arabic, is sent as UCS-2: 70 in one part, 67 per part, where a
 * character outside the Basic Multilingual Plane (an emoji) takes two units.
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

export interface SegmentCount {
  encoding: "gsm7" | "ucs2";
  /** Units used: GSM septets or UTF-16 code units. */
  units: number;
  segments: number;
  /** Units each part holds for this text (160/153 or 70/67). */
  perSegment: number;
  /** Units left before the next part starts. */
  remaining: number;
}

/** Counts the parts of one SMS text. */
export function countSegments(text: string): SegmentCount {
  let gsmUnits = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) gsmUnits += 1;
    else if (GSM_EXTENDED.includes(ch)) gsmUnits += 2;
    else {
      gsm = false;
      break;
    }
  }
  const [single, multi, units] = gsm ? [160, 153, gsmUnits] : [70, 67, text.length];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  const perSegment = segments > 1 ? multi : single;
  const capacity = segments <= 1 ? single : segments * multi;
  return {
    encoding: gsm ? "gsm7" : "ucs2",
    units,
    segments,
    perSegment,
    remaining: capacity - units,
  };
}
