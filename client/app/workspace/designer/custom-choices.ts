import type { BankView, CustomQuestion } from "../types";

type Choice = NonNullable<CustomQuestion["choices"]>[number];

/** The server's limit on a question's own choices (server/bank/schema.ts). */
export const MAX_CHOICES = 20;

const empty = () => ({ he: "", ar: "", en: "" });

/**
 * A question switched from a bank scale to its own answer options, starting
 * from the scale's points (codes and labels) so nothing typed is lost, or from
 * two empty options when it had no scale.
 */
export function toOwnChoices(q: CustomQuestion, scales: BankView["scales"]): CustomQuestion {
  const { scale, ...rest } = q;
  const points = scales.find((s) => s.id === scale)?.points ?? [];
  const choices: Choice[] =
    points.length > 0
      ? points.slice(0, MAX_CHOICES).map((p) => ({ value: p.value, label: { ...p.label } }))
      : [
          { value: 1, label: empty() },
          { value: 2, label: empty() },
        ];
  return { ...rest, choices };
}

/** A question switched back to a bank scale (its own options dropped). */
export function toScale(q: CustomQuestion, scales: BankView["scales"]): CustomQuestion {
  const { choices: _c, ...rest } = q;
  return { ...rest, scale: scales[0]?.id };
}

/**
 * One more empty option, coded one above the highest: codes stay ascending (the
 * server refuses them out of order) and an option's code never changes when
 * another is added or removed, so answers already given keep their meaning.
 */
export function addChoice(choices: readonly Choice[]): Choice[] {
  if (choices.length >= MAX_CHOICES) return [...choices];
  const top = choices.reduce((m, c) => Math.max(m, c.value), 0);
  return [...choices, { value: top + 1, label: empty() }];
}

/** The options without the one coded `value` (the others keep their codes). */
export function removeChoice(choices: readonly Choice[], value: number): Choice[] {
  return choices.filter((c) => c.value !== value);
}
