/** A question of a SurveyJS definition, as much of it as tests need. */
interface SurveyElement {
  type: string;
  name?: string;
  choices?: Array<{ value: unknown } | string | number>;
  elements?: SurveyElement[];
}

/** Every question of a SurveyJS definition, panels flattened. */
export function questionsOf(survey: Record<string, unknown>): SurveyElement[] {
  const out: SurveyElement[] = [];
  const walk = (elements: SurveyElement[] | undefined) => {
    for (const e of elements ?? []) {
      if (e.elements) walk(e.elements);
      else if (e.name) out.push(e);
    }
  };
  for (const page of (survey.pages as Array<{ elements?: SurveyElement[] }>) ?? [])
    walk(page.elements);
  return out;
}

function choiceValues(q: SurveyElement): unknown[] {
  return (q.choices ?? []).map((c) => (typeof c === "object" && c !== null ? c.value : c));
}

/**
 * A complete, valid set of answers: consent given and every rated question
 * answered with the scale point `pick` chooses (default: the first point).
 */
export function answerAll(
  survey: Record<string, unknown>,
  pick: (values: number[], name: string) => number = (v) => v[0]!,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questionsOf(survey)) {
    if (q.name === "consent") {
      answers[q.name] = true;
      continue;
    }
    const points = choiceValues(q).filter((v): v is number => typeof v === "number");
    if (points.length > 0) answers[q.name!] = pick(points, q.name!);
  }
  return answers;
}
