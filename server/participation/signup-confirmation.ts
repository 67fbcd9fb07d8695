import type { Types } from "mongoose";
import arTake from "../../locales/ar/take.json";
import enTake from "../../locales/en/take.json";
import heTake from "../../locales/he/take.json";
import ruTake from "../../locales/ru/take.json";
import { audit } from "../audit/service";
import { SEALED } from "../distribution/contacts/model";
import { isOptedOut } from "../distribution/contacts/opt-out-scope";
import { normalizeIsraeliMobile } from "../distribution/phone";
import { SmsSendError, type SmsProvider } from "../distribution/sms/provider";
import { createRateLimiter, type RateLimiter } from "../middleware/rate-limit";
import { databaseBuckets } from "../middleware/rate-buckets";
import type { FieldCipher } from "../privacy/crypto";
import { DEFAULT_LOCALE, type RespondentLocale } from "../shared/locales";
import { countSegments } from "../shared/sms/segments";
import { cleanText } from "../shared/text";

const TEXTS: Record<RespondentLocale, string> = {
  he: heTake.signup.sms,
  ar: arTake.signup.sms,
  en: enTake.signup.sms,
  ru: ruTake.signup.sms,
};

/** Confirmations one number may get in a day: a resident signing up again is fine, a flood is not. */
export const CONFIRMATIONS_PER_NUMBER_PER_DAY = 3;

/** Its own key context: the throttle's keys cannot be matched to contacts' blind index. */
const THROTTLE_CONTEXT = "signups.confirm";

/** How a sign-up's withdrawal link reached the resident: by SMS, or only on the page. */
export type Confirmation = "sms" | "none";

/** What sending a confirmation needs, made once per app from its configuration. */
export interface ConfirmationDeps {
  provider: SmsProvider;
  cipher: FieldCipher;
  sender: string;
  /** Per number, shared between app servers through the database. */
  perNumber: RateLimiter;
}

/** The dependencies with a per-number limiter of its own. */
export function confirmationDeps(
  provider: SmsProvider,
  cipher: FieldCipher,
  sender: string,
): ConfirmationDeps {
  return {
    provider,
    cipher,
    sender,
    perNumber: createRateLimiter({
      perMinute: CONFIRMATIONS_PER_NUMBER_PER_DAY / (24 * 60),
      burst: CONFIRMATIONS_PER_NUMBER_PER_DAY,
      shared: databaseBuckets,
    }),
  };
}

/** The SMS text, from locales/<lng>/take.json (signup.sms), with the link last so a phone shows it whole. */
export function confirmationText(locale: RespondentLocale, link: string): string {
  return cleanText(TEXTS[locale].replace(/\{\{\s*link\s*\}\}/g, link)).trim();
}

/**
 * Sends a new sign-up's withdrawal link to the number the resident gave, at once:
 * they asked for it a moment ago and are holding the phone, so the quiet hours
 * that keep unasked-for invitations out of the night do not hold it back (a reply
 * to a request, as a login code is). Sent directly through the gateway rather
 * than the queue, whose messages are invitations re-rendered at send time from a
 * link the platform can derive again; a withdrawal token is kept only as a hash,
 * so it cannot be. Nothing goes to an email (the platform has no email channel),
 * to a number SMS cannot reach (landlines, abroad), to a number that said STOP,
 * or past the per-number limit. A gateway failure leaves the sign-up stored and
 * the page says the link was not sent. The send is audit-logged, without the number.
 */
export async function sendSignupConfirmation(
  deps: ConfirmationDeps,
  signup: {
    id: Types.ObjectId;
    authorityId: Types.ObjectId;
    locale: RespondentLocale;
    contact: { kind: "phone" | "email"; value: string };
  },
  withdrawUrl: string | undefined,
): Promise<Confirmation> {
  if (!withdrawUrl || signup.contact.kind !== "phone") return "none";
  const phone = normalizeIsraeliMobile(signup.contact.value);
  if (!phone.ok) return "none";
  const index = deps.cipher.blindIndex(phone.e164, SEALED.phoneIndex);
  if (await isOptedOut(index, signup.authorityId)) return "none";
  const throttleKey = `signup-sms:${deps.cipher.blindIndex(phone.e164, THROTTLE_CONTEXT)}`;
  if (deps.perNumber.take(throttleKey) > 0) return "none";
  // Written through now: the next app server to see this number counts this send.
  await deps.perNumber.sync();

  // The page opens in the resident's language; Hebrew is the page's own default.
  const link =
    signup.locale === DEFAULT_LOCALE ? withdrawUrl : `${withdrawUrl}?lang=${signup.locale}`;
  const text = confirmationText(signup.locale, link);
  const target = { kind: "signup", id: signup.id.toHexString() };
  try {
    await deps.provider.send({
      to: phone.e164,
      text,
      reference: `signup:${signup.id.toHexString()}`,
      sender: deps.sender,
    });
  } catch (err) {
    // A gateway's message may quote the number: the audit keeps only whether a retry could help.
    await audit({
      action: "signups.confirmation-failed",
      actor: undefined,
      target,
      authorityId: signup.authorityId,
      details: { channel: "sms", permanent: err instanceof SmsSendError && err.permanent },
    });
    return "none";
  }
  await audit({
    action: "signups.confirmation-sent",
    actor: undefined,
    target,
    authorityId: signup.authorityId,
    details: { channel: "sms", segments: countSegments(text).segments },
  });
  return "sms";
}
