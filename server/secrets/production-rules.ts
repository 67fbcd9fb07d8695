import { adminPasswordWeakness, keyWeakness, secretWeakness } from "./strength";

/** The settings production judges before it starts, as the environment gave them. */
export interface SecretSettings {
  SESSION_SECRET?: string | undefined;
  DATA_ENCRYPTION_KEY?: string | undefined;
  LINK_SECRET?: string | undefined;
  SMS_WEBHOOK_SECRET?: string | undefined;
  ADMIN_PASSWORD?: string | undefined;
  ADMIN_EMAIL: string;
}

/** One reason production will not start: the variable, and what is wrong with it. */
export interface Refusal {
  variable: keyof SecretSettings;
  problem: string;
}

const KEYRING_ENTRY = /^([a-z0-9_-]{1,16}):(\S+)$/i;

/**
 * The entries of DATA_ENCRYPTION_KEY when it is a keyring (`id:base64key,...`), or
 * undefined when it is one passphrase.
 */
export function keyringEntries(value: string): Array<{ id: string; base64: string }> | undefined {
  const matches = value.split(",").map((e) => KEYRING_ENTRY.exec(e.trim()));
  if (!matches.every((m) => m !== null)) return undefined;
  return matches.map((m) => ({ id: m![1]!, base64: m![2]! }));
}

const REQUIRED = ["SESSION_SECRET", "DATA_ENCRYPTION_KEY", "ADMIN_PASSWORD"] as const;
const SECRETS = [
  "SESSION_SECRET",
  "DATA_ENCRYPTION_KEY",
  "LINK_SECRET",
  "SMS_WEBHOOK_SECRET",
] as const;

/**
 * Everything that keeps production from starting, one line per variable (never its
 * value): a required secret unset, a weak secret or keyring key, two secrets alike (a
 * leak of one would give the other), or an admin password that is short, published or
 * guessable. LINK_SECRET and SMS_WEBHOOK_SECRET may stay unset: they are then derived
 * from SESSION_SECRET.
 */
export function productionRefusals(s: SecretSettings): Refusal[] {
  const refusals: Refusal[] = [];
  for (const variable of REQUIRED) {
    if (s[variable] === undefined)
      refusals.push({ variable, problem: "is not set (production generates no secret)" });
  }
  for (const variable of SECRETS) {
    const value = s[variable];
    if (value === undefined) continue;
    const ring = variable === "DATA_ENCRYPTION_KEY" ? keyringEntries(value) : undefined;
    const problem = ring
      ? ring.map((k) => keyWeakness(Buffer.from(k.base64, "base64"))).find(Boolean)
      : secretWeakness(value);
    if (problem) refusals.push({ variable, problem });
  }
  const named = [...SECRETS, "ADMIN_PASSWORD" as const].filter((v) => s[v] !== undefined);
  for (const [i, a] of named.entries()) {
    const twin = named.slice(0, i).find((b) => s[b] === s[a]);
    if (twin)
      refusals.push({ variable: a, problem: `is the same as ${twin}; each must be its own` });
  }
  if (s.ADMIN_PASSWORD !== undefined) {
    const problem = adminPasswordWeakness(s.ADMIN_PASSWORD, s.ADMIN_EMAIL);
    if (problem) refusals.push({ variable: "ADMIN_PASSWORD", problem });
  }
  return refusals;
}
