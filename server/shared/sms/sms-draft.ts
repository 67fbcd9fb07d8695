/**
 * An SMS template as a resident would receive it, its parts, and what is wrong
 * with it. Pure (no store, no Node APIs), so the workspace counts parts live as
 * staff type, with the same rendering and counting the sender uses, and the
 * readiness checklist judges templates with the same rules.
 */
import type { Locale } from "../locales";
import { countSegments, type SegmentCount } from "./segments";
import { renderSms, type SmsKind, type SmsValues } from "./templates";

/** The placeholders a template may use, each written {{name}}. */
export const SMS_PLACEHOLDERS = ["link", "authority", "wave", "transparency"] as const;

/** A personal link token is 43 characters (256 bits, base64url). */
const TOKEN_LENGTH = 43;

/** A link as long as a real personal link (`<base>/r/<token>`), for counting parts. */
export function sampleLink(publicBase: string): string {
  return `${publicBase.replace(/\/$/, "")}/r/${"x".repeat(TOKEN_LENGTH)}`;
}

/**
 * The words a resident replies to opt out, one of which every text must name (its
 * opt-out line: "Reply STOP", "להסרה השיבו הסר", "للإلغاء أرسلوا إلغاء"). The
 * inbound webhook takes these and their variants (server/distribution/webhooks).
 */
export const OPT_OUT_WORDS = ["STOP", "הסר", "إلغاء", "الغاء"] as const;

const OPT_OUT_LINE = new RegExp(`(^|[^\\p{L}])(${OPT_OUT_WORDS.join("|")})($|[^\\p{L}])`, "iu");

/**
 * - `no_link`: the text has no {{link}}, so the resident cannot reach the survey;
 * - `no_opt_out`: the text does not tell the resident how to stop (a STOP word);
 * - `unknown_placeholder`: braces left over after filling in ({link} with single
 *   braces, a misspelt {{lnk}}), which would reach residents as typed.
 */
export type SmsProblem = "no_link" | "no_opt_out" | "unknown_placeholder";

export interface SmsDraft extends SegmentCount {
  text: string;
  problems: SmsProblem[];
}

/**
 * Renders `template` (or the default text when it is empty) with `values` and
 * counts its parts. `values.link` should be as long as a real link.
 */
export function draftSms(
  kind: SmsKind,
  locale: Locale,
  template: string | undefined,
  values: SmsValues,
): SmsDraft {
  const custom = template && template.trim() !== "" ? { [locale]: template } : undefined;
  const text = renderSms(kind, locale, custom, values);
  const problems: SmsProblem[] = [];
  if (!text.includes(values.link)) problems.push("no_link");
  if (!OPT_OUT_LINE.test(text.split(values.link).join(" "))) problems.push("no_opt_out");
  if (/[{}]/.test(text.split(values.link).join(""))) problems.push("unknown_placeholder");
  return { text, problems, ...countSegments(text) };
}
