import type { InstrumentSnapshot } from "../surveys/snapshot";

/** What the demo generator needs to know of a question to answer it plausibly. */
export interface DemoItem {
  id: string;
  /** The construct of an item; "demographics" or "custom" for other questions. */
  constructId: string;
  kind: "item" | "demographic" | "custom";
  /** Choice values, lowest first. */
  points: number[];
  reverse: boolean;
  /** Whether the missing code ("dk": don't know / prefer not to say) is offered. */
  dontKnow: boolean;
}

/**
 * The snapshot's choice questions in page order, reduced to what synthetic answers
 * need: every construct item, and demographic and custom questions answered from
 * their choices. Text questions are left out; synthetic residents leave them blank.
 */
export function demoItems(snapshot: InstrumentSnapshot): DemoItem[] {
  return snapshot.pages.flatMap((page) =>
    page.items.flatMap((item) =>
      item.scale
        ? [
            {
              id: item.id,
              constructId:
                item.constructId ?? (item.kind === "demographic" ? "demographics" : "custom"),
              kind: item.kind,
              points: item.scale.points.map((p) => p.value),
              reverse: item.reverse,
              dontKnow: item.dontKnow,
            },
          ]
        : [],
    ),
  );
}
