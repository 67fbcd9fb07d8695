import type * as ZxcvbnCore from "@zxcvbn-ts/core";
import type * as LanguageCommon from "@zxcvbn-ts/language-common";
import type * as LanguageEn from "@zxcvbn-ts/language-en";
import { PUBLISHED_PASSWORDS } from "../auth/password-rules";

/**
 * How production judges the secrets and the admin password it is given.
 *
 * The admin password, which a person makes up, goes through zxcvbn-ts (Dropbox's
 * estimator, kept up in TypeScript): offline, on dictionaries shipped in the package
 * (common passwords, English words and names, keyboard walks, sequences, repeats, dates,
 * l33t), which a rule on length or character classes does not see ("P@ssw0rd123456!" has
 * four classes and is among the first guesses). Its packages are loaded and it is built on
 * first use: the English dictionaries are decompressed as their module loads, which every
 * process that reads its config (each test file, each script) would pay while only a
 * production start judges an admin password.
 *
 * Secrets are not run through it: it takes seconds on a long random string (1-3 s for
 * 32-64 characters, measured with a script timing `check()`), and secrets should be
 * random rather than made up, so three cheap rules catch what is not.
 */
let estimator: ZxcvbnCore.ZxcvbnFactory | undefined;
function estimate(password: string, userInputs: string[]): number {
  estimator ??= buildEstimator();
  // Its cost grows with length; a weak beginning is reason enough to refuse.
  return estimator.check(password.slice(0, 64), userInputs).guessesLog10;
}

function buildEstimator(): ZxcvbnCore.ZxcvbnFactory {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
  const { ZxcvbnFactory } = require("@zxcvbn-ts/core") as typeof ZxcvbnCore;
  const common = require("@zxcvbn-ts/language-common") as typeof LanguageCommon;
  const en = require("@zxcvbn-ts/language-en") as typeof LanguageEn;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
  });
}

/** Words of this platform an attacker tries first with any password of it. */
const PLATFORM_WORDS = ["kehila", "pulse", "meitiva", "admin", "demo", "survey", "password"];

/** Secrets this platform has published as development defaults. */
export const PUBLISHED_SECRETS: readonly string[] = ["dev-only-secret-change-me-0000000000000000"];

/** Fewest characters of the admin password: NIST SP 800-63B's floor for a sole factor. */
export const ADMIN_PASSWORD_MIN_LENGTH = 15;
/** Estimated guesses (log10) the admin password must need: past zxcvbn's top score (10^10). */
const ADMIN_PASSWORD_MIN_GUESSES_LOG10 = 12;
/**
 * Fewest bits of a secret by its own characters' spread. A random 16-byte hex secret (the
 * weakest one `openssl rand` makes that fits the 32-character floor) had at least 92 in
 * 200,000 draws; 36 × "a" has 0, "ab" × 20 has 40.
 */
const SECRET_MIN_BITS = 80;
/**
 * Largest share of a secret's adjacent pairs that may repeat an earlier pair or step by 0
 * or ±1 (through an alphabet). Random 16-byte hex secrets reached 0.35 and 0.52 in 200,000
 * draws (base64 ones 0.13 and 0.29); "passwordpassword…" and "abcd…789" are far above.
 */
const SECRET_MAX_PATTERN_SHARE = 0.6;

/**
 * Bits in `value` if each character were drawn independently with the frequencies
 * it shows (length × Shannon entropy of its characters): 36 × "a" has 0, a random
 * base64 string about 5.5 per character, a hex one 4.
 */
export function spreadBits(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...value].length;
  let perChar = 0;
  for (const c of counts.values()) perChar -= (c / n) * Math.log2(c / n);
  return n * perChar;
}

/** Share of adjacent pairs that repeat an earlier pair, and share that step by 0 or ±1. */
function patternShares(value: string): { repeated: number; stepped: number } {
  const chars = [...value];
  const seen = new Set<string>();
  let repeated = 0;
  let stepped = 0;
  for (let i = 1; i < chars.length; i += 1) {
    const pair = chars[i - 1]! + chars[i]!;
    if (seen.has(pair)) repeated += 1;
    seen.add(pair);
    if (Math.abs(chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!) <= 1) stepped += 1;
  }
  const pairs = Math.max(1, chars.length - 1);
  return { repeated: repeated / pairs, stepped: stepped / pairs };
}

/**
 * Why a secret (a passphrase or a key) is too weak for production, or undefined when it
 * is fine: not a published default, 80 bits of character spread, and at most 60% of its
 * adjacent pairs repeated ("passwordpassword…") or stepping through an alphabet
 * ("abcd…789"). What `openssl rand -base64 32` or `-hex 32` makes passes. A passphrase of
 * common words may pass too: secrets are for machines, so make them random.
 */
export function secretWeakness(value: string): string | undefined {
  if (PUBLISHED_SECRETS.includes(value)) return "is a published development default";
  if (spreadBits(value) < SECRET_MIN_BITS)
    return `has too little variety (under ${SECRET_MIN_BITS} bits); generate one with \`openssl rand -base64 32\``;
  const { repeated, stepped } = patternShares(value);
  if (repeated > SECRET_MAX_PATTERN_SHARE || stepped > SECRET_MAX_PATTERN_SHARE)
    return "is a repeated or sequential pattern; generate one with `openssl rand -base64 32`";
  return undefined;
}

/** Why a 32-byte key of the keyring is unusable: random keys have ~30 distinct bytes. */
export function keyWeakness(key: Buffer): string | undefined {
  return new Set(key).size < 16
    ? "has a key that is not random; generate one with `openssl rand -base64 32`"
    : undefined;
}

/**
 * Why a password for the admin account is not good enough for production, or
 * undefined: 15 characters or more, not one this platform has published, and not
 * guessable in 10^12 tries by zxcvbn's estimate (its email and this platform's words
 * are among the estimator's first guesses).
 */
export function adminPasswordWeakness(password: string, email: string): string | undefined {
  if (PUBLISHED_PASSWORDS.includes(password)) return "is a published development or demo password";
  if ([...password].length < ADMIN_PASSWORD_MIN_LENGTH)
    return `has fewer than ${ADMIN_PASSWORD_MIN_LENGTH} characters`;
  const userInputs = [...PLATFORM_WORDS, email, ...email.split(/[@.]/)];
  if (estimate(password, userInputs) < ADMIN_PASSWORD_MIN_GUESSES_LOG10)
    return "is too easy to guess (common words, names, patterns or repeats); use a passphrase of several unrelated words";
  return undefined;
}
