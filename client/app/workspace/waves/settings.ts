import { RESPONDENT_LOCALES, type Locale, type RespondentLocale } from "../../../shared/locale";
import type { WaveView } from "./api";

export type Channel = WaveView["channels"][number];
export const CHANNELS: readonly Channel[] = ["open-link", "sms", "kiosk"];
export type SmsKind = "invitation" | "reminder";
export const SMS_KINDS: readonly SmsKind[] = ["invitation", "reminder"];
export type QuietHours = WaveView["quietHours"];
export type Texts = Record<Locale, string>;

/** What the wave forms edit, as the inputs hold it (strings until sent). */
export interface SettingsDraft {
  /** yyyy-mm-dd, the browser's calendar day. */
  opensAt: string;
  closesAt: string;
  channels: Channel[];
  openLinkSlug: string;
  targetCompletes: string;
  /** The languages offered to residents, Hebrew always among them. */
  languages: RespondentLocale[];
  templates: Record<SmsKind, Texts>;
  /** Up to three reminders, days after the invitation; "" is none. */
  reminderDays: [string, string, string];
  /** Null: each authority's default quiet hours (new waves only). */
  quietHours: QuietHours | null;
}

/** The platform's default quiet hours (the Sabbath rest is dropped in Arab localities). */
export const DEFAULT_QUIET: QuietHours = {
  nightStart: "21:00",
  nightEnd: "08:00",
  weekendRest: true,
  weekendStart: "14:00",
  weekendEnd: "20:00",
};

const EMPTY_TEXTS: Texts = { he: "", ar: "", en: "" };

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar day of an instant, in the browser's time zone, for a date input. */
export function dayOf(iso: string | Date): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A day from a date input as an instant: its start, or (closing) its last minute. */
export function instantOf(day: string, end = false): string {
  return new Date(`${day}T${end ? "23:59:00" : "00:00:00"}`).toISOString();
}

/** A new wave's settings: opening today, closing in six weeks, SMS, two reminders. */
export function newSettings(today = new Date()): SettingsDraft {
  const closes = new Date(today.getTime() + 42 * 86_400_000);
  return {
    opensAt: dayOf(today),
    closesAt: dayOf(closes),
    channels: ["sms"],
    openLinkSlug: "",
    targetCompletes: "400",
    languages: [...RESPONDENT_LOCALES],
    templates: { invitation: { ...EMPTY_TEXTS }, reminder: { ...EMPTY_TEXTS } },
    reminderDays: ["3", "7", ""],
    quietHours: null,
  };
}

/** The settings of a stored wave, for its page's form. */
export function settingsOf(wave: WaveView): SettingsDraft {
  const days = wave.reminderDays.map(String);
  return {
    opensAt: dayOf(wave.opensAt),
    closesAt: wave.closesAt ? dayOf(wave.closesAt) : "",
    channels: [...wave.channels],
    openLinkSlug: wave.openLinkSlug ?? "",
    targetCompletes: wave.targetCompletes === null ? "" : String(wave.targetCompletes),
    languages: [...wave.languages],
    templates: {
      invitation: { ...EMPTY_TEXTS, ...wave.smsTemplates.invitation },
      reminder: { ...EMPTY_TEXTS, ...wave.smsTemplates.reminder },
    },
    reminderDays: [days[0] ?? "", days[1] ?? "", days[2] ?? ""],
    quietHours: { ...wave.quietHours },
  };
}

/** Only the languages that were written: the rest keep the default texts. */
function written(texts: Texts): Partial<Texts> {
  return Object.fromEntries(
    Object.entries(texts).filter(([, v]) => v.trim() !== ""),
  ) as Partial<Texts>;
}

/**
 * The settings as the API takes them. A number field left empty or not a number
 * is sent as typed (NaN becomes null), so the server's answer points at it.
 */
export function settingsBody(s: SettingsDraft) {
  return {
    opensAt: s.opensAt ? instantOf(s.opensAt) : "",
    closesAt: s.closesAt ? instantOf(s.closesAt, true) : null,
    channels: s.channels,
    targetCompletes: Number(s.targetCompletes === "" ? NaN : s.targetCompletes),
    languages: s.languages,
    reminderDays: s.reminderDays.filter((d) => d.trim() !== "").map(Number),
    // Both kinds always: a language emptied here goes back to the default text.
    smsTemplates: {
      invitation: written(s.templates.invitation),
      reminder: written(s.templates.reminder),
    },
    ...(s.quietHours ? { quietHours: s.quietHours } : {}),
  };
}
