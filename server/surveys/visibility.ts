import { ConditionRunner } from "survey-core";
import type { InstrumentSnapshot } from "./snapshot";

/**
 * Which questions a resident saw. Conditions are evaluated by survey-core's own
 * expression engine (the ConditionRunner its Model uses for `visibleIf`), so the
 * server reads a condition exactly as the browser did. The whole Model gave the
 * same answers but cost about 9 ms per submission on the core survey (100 calls
 * in 910 ms, measured with tsx); the runners alone are what the check needs,
 * since instruments set conditions on questions only, not on pages or panels.
 * test/surveys/visibility.test.ts holds the two to the same result.
 */
const runners = new WeakMap<InstrumentSnapshot, Array<[string, ConditionRunner]>>();

function runnersOf(snapshot: InstrumentSnapshot): Array<[string, ConditionRunner]> {
  let list = runners.get(snapshot);
  if (!list) {
    list = snapshot.pages.flatMap((p) =>
      p.items.flatMap((i) =>
        i.visibleIf ? [[i.id, new ConditionRunner(i.visibleIf)] as [string, ConditionRunner]] : [],
      ),
    );
    runners.set(snapshot, list);
  }
  return list;
}

const questionIds = new WeakMap<InstrumentSnapshot, string[]>();

function idsOf(snapshot: InstrumentSnapshot): string[] {
  let ids = questionIds.get(snapshot);
  if (!ids) {
    ids = snapshot.pages.flatMap((p) => p.items.map((i) => i.id));
    questionIds.set(snapshot, ids);
  }
  return ids;
}

/**
 * The answers without those to questions hidden by their conditions, and the ids
 * of the questions that are visible. Hiding is applied until nothing changes, so
 * a question that depends on a hidden one is judged on what is left, as SurveyJS
 * does when it clears invisible values on completion.
 */
export function applyVisibility<T>(
  snapshot: InstrumentSnapshot,
  answers: Record<string, T>,
): { answers: Record<string, T>; visible: Set<string> } {
  const ids = idsOf(snapshot);
  const conditional = runnersOf(snapshot);
  let data = answers;
  for (let round = 0; round <= conditional.length; round += 1) {
    // One copy per round for the runners to read, so none can touch the resident's answers.
    const values = { ...data };
    const hidden = new Set(
      conditional.filter(([, runner]) => runner.runValues(values) !== true).map(([id]) => id),
    );
    const stale = Object.keys(data).filter((k) => hidden.has(k));
    if (stale.length === 0) {
      return { answers: data, visible: new Set(ids.filter((id) => !hidden.has(id))) };
    }
    data = Object.fromEntries(Object.entries(data).filter(([k]) => !hidden.has(k)));
  }
  throw new Error(`Conditions of instrument "${snapshot.key}" do not settle`);
}
