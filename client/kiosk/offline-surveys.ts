import type { OpenSurvey } from "../../server/take/schema";
import { RESPONDENT_LOCALES, type RespondentLocale } from "../shared/locale";

/** A spare ballot the server sent, and the arm it asks (server/take/spare-ballots.ts). */
export interface SpareBallot {
  ballot: string;
  arm: "bridge" | "main";
}

/** The kiosk's survey as the server sends it: in a bridged wave, with spare ballots. */
export type KioskSurvey = OpenSurvey & { spareBallots?: SpareBallot[] };

const SPARES_KEY = "kp:kiosk:spares";
const ARMS_KEY = "kp:kiosk:ballot-arms";
const LANGUAGES_KEY = "kp:kiosk:languages";
/** More than a day at one tablet; the oldest go first. */
const MAX_SPARES = 120;
const MAX_ARMS = 400;
const PLAIN = "plain";

const surveyKey = (locale: string, arm: string) => `kp:kiosk:survey:${locale}:${arm}`;

function read<T>(store: Storage, key: string, fallback: T): T {
  try {
    const raw = store.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Keeps a survey the server sent for use offline: the questionnaire per
 * language and arm, its spare ballots in the stock, and the arm of every ballot
 * seen (so a resident who changes language keeps theirs). A ballot that came
 * with a survey is in use, so it leaves the stock.
 */
export function rememberSurvey(store: Storage, survey: KioskSurvey): void {
  const { spareBallots = [], ...open } = survey;
  const { ballot: _ballot, ...questionnaire } = open;
  void _ballot;
  const arm = open.arm ?? PLAIN;
  // A wave that gained or lost its bridge: the other kind of copy is out of date.
  for (const other of ["bridge", "main", PLAIN]) {
    if ((other === PLAIN) !== (arm === PLAIN)) store.removeItem(surveyKey(open.locale, other));
  }
  store.setItem(surveyKey(open.locale, arm), JSON.stringify(questionnaire));
  keepLanguages(store, open.languages);
  const stock = read<SpareBallot[]>(store, SPARES_KEY, []);
  const known = new Set(stock.map((s) => s.ballot));
  const fresh = spareBallots.filter((s) => !known.has(s.ballot));
  const next = [...stock, ...fresh].filter((s) => s.ballot !== open.ballot).slice(-MAX_SPARES);
  store.setItem(SPARES_KEY, JSON.stringify(arm === PLAIN ? [] : next));
  const arms = read<Record<string, string>>(store, ARMS_KEY, {});
  for (const s of fresh) arms[s.ballot] = s.arm;
  if (open.ballot && open.arm) arms[open.ballot] = open.arm;
  const kept = Object.entries(arms).slice(-MAX_ARMS);
  store.setItem(ARMS_KEY, JSON.stringify(Object.fromEntries(kept)));
}

/** Keeps the languages the kiosk's wave offers, as pairing or a survey said. */
export function keepLanguages(store: Storage, languages: readonly RespondentLocale[]): void {
  store.setItem(LANGUAGES_KEY, JSON.stringify(languages));
}

/**
 * The languages the kiosk's wave offers, as pairing or its last survey said: the first screen
 * shows only these. With nothing kept (a tablet paired before the setting), all four.
 */
export function keptLanguages(store: Storage): readonly RespondentLocale[] {
  const kept = read<unknown>(store, LANGUAGES_KEY, null);
  const known = Array.isArray(kept)
    ? RESPONDENT_LOCALES.filter((l) => (kept as unknown[]).includes(l))
    : [];
  return known.length > 0 ? known : RESPONDENT_LOCALES;
}

function cached(store: Storage, locale: string, arm: string): OpenSurvey | null {
  return read<OpenSurvey | null>(store, surveyKey(locale, arm), null);
}

/**
 * The survey for a resident while the tablet is offline, or null when it cannot
 * be started. With `ballot` (a resident changing language): their ballot, in
 * their arm. Without: the next spare ballot whose arm's questionnaire is kept,
 * spent so that no other resident gets it. A wave without a bridge has one
 * questionnaire for all.
 */
export function offlineSurvey(store: Storage, locale: string, ballot?: string): OpenSurvey | null {
  const plain = cached(store, locale, PLAIN);
  if (plain) return plain;
  if (ballot) {
    const arm = read<Record<string, string>>(store, ARMS_KEY, {})[ballot];
    const survey = arm ? cached(store, locale, arm) : null;
    return survey ? { ...survey, ballot } : null;
  }
  const stock = read<SpareBallot[]>(store, SPARES_KEY, []);
  const i = stock.findIndex((s) => cached(store, locale, s.arm) !== null);
  if (i < 0) return null;
  const [spare] = stock.splice(i, 1);
  store.setItem(SPARES_KEY, JSON.stringify(stock));
  return { ...cached(store, locale, spare!.arm)!, arm: spare!.arm, ballot: spare!.ballot };
}

/**
 * A spare ballot of an arm whose questionnaire is not kept yet in `locale`, to
 * fetch it while online; null when both arms are kept (or the wave has no bridge).
 */
export function spareForMissingArm(store: Storage, locale: string): string | null {
  if (cached(store, locale, PLAIN)) return null;
  const stock = read<SpareBallot[]>(store, SPARES_KEY, []);
  return stock.find((s) => cached(store, locale, s.arm) === null)?.ballot ?? null;
}
