import type * as SurveyCore from "survey-core";
import type { InstrumentSnapshot } from "./snapshot";

/**
 * Which questions a resident saw. Conditions are evaluated by survey-core's own
 * expression engine (the ConditionRunner its Model uses for `visibleIf`), so the
 * server reads a condition exactly as the browser did. Not the whole Model: it
 * gives the same answers but builds every page and question on each submission,
 * and the runners alone are what the check needs, since instruments set
 * conditions on questions only, not on pages or panels.
 * test/surveys/visibility.test.ts holds the two to the same result.
 */
interface Conditions {
  /** The questions with a condition, each with its runner. */
  runners: Array<[string, SurveyCore.ConditionRunner]>;
}

/*
 * survey-core is one 2.7 MB script: it loads with the first instrument that has a
 * condition, not with the server, so a process that takes no answers (a test file of
 * the workspace, a script) does not compile it.
 */
let surveyCore: typeof SurveyCore | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
const loadSurveyCore = () => (surveyCore ??= require("survey-core") as typeof SurveyCore);

// Snapshots are immutable, so what is built for one stays right for its life.
const built = new WeakMap<InstrumentSnapshot, Conditions>();

function conditionsOf(snapshot: InstrumentSnapshot): Conditions {
  let conditions = built.get(snapshot);
  if (!conditions) {
    const items = snapshot.pages.flatMap((p) => p.items);
    conditions = {
      runners: items.flatMap((i) =>
        i.visibleIf ? [[i.id, new (loadSurveyCore().ConditionRunner)(i.visibleIf)] as const] : [],
      ),
    };
    built.set(snapshot, conditions);
  }
  return conditions;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The answers without those to questions hidden by their conditions, and the ids
 * of the questions hidden. Hiding is applied until nothing changes, so a question
 * that depends on a hidden one is judged on what is left, as SurveyJS does when it
 * clears invisible values on completion. Every submission passes through here:
 * what needs no change is returned as it was.
 */
export function applyVisibility<T>(
  snapshot: InstrumentSnapshot,
  answers: Record<string, T>,
): { answers: Record<string, T>; hidden: ReadonlySet<string> } {
  const { runners: conditional } = conditionsOf(snapshot);
  if (conditional.length === 0) return { answers, hidden: NONE };
  let data = answers;
  for (let round = 0; round <= conditional.length; round += 1) {
    // One copy per round for the runners to read, so none can touch the resident's answers.
    const values = { ...data };
    let hidden: Set<string> | undefined;
    for (const [id, runner] of conditional) {
      if (runner.runValues(values) !== true) (hidden ??= new Set()).add(id);
    }
    if (!hidden) return { answers: data, hidden: NONE };
    const gone = hidden;
    if (!Object.keys(data).some((k) => gone.has(k))) return { answers: data, hidden: gone };
    data = Object.fromEntries(Object.entries(data).filter(([k]) => !gone.has(k)));
  }
  throw new Error(`Conditions of instrument "${snapshot.key}" do not settle`);
}
