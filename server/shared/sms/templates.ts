import arSms from "../../../locales/ar/sms.json";
import enSms from "../../../locales/en/sms.json";
import heSms from "../../../locales/he/sms.json";
import type { Locale } from "../locales";
import { cleanText } from "../text";

export type SmsKind = "invitation" | "reminder";

/** Default texts, from locales/<lng>/sms.json. */
export const DEFAULT_SMS: Record<Locale, Record<SmsKind, string>> = {
  he: heSms,
  ar: arSms,
  en: enSms,
};

/** What the placeholders of a text stand for. */
export interface SmsValues {
  link: string;
  authority: string;
  wave: string;
  /** The authority's public transparency page, for follow-up invitations ("see what changed"). */
  transparency?: string;
}

/** The authority's public page, as a follow-up invitation may point to it. */
export function transparencyUrl(publicBase: string, slug: string): string {
  return `${publicBase.replace(/\/$/, "")}/p/${slug}`;
}

/**
 * The text of one message: the wave's own template for the locale when it has
 * one, else the default, with {{link}}, {{authority}}, {{wave}} and
 * {{transparency}} filled in.
 * The link goes last in the defaults so a phone shows it whole.
 */
export function renderSms(
  kind: SmsKind,
  locale: Locale,
  custom: Partial<Record<Locale, string>> | undefined,
  values: SmsValues,
): string {
  const template = custom?.[locale] || DEFAULT_SMS[locale][kind];
  const filled = template.replace(
    /\{\{\s*(link|authority|wave|transparency)\s*\}\}/g,
    (_m, name: keyof SmsValues) => values[name] ?? "",
  );
  return cleanText(filled).trim();
}
