import type { InstrumentSnapshot } from "../surveys/snapshot";

/** What the demo generator needs to know of an item to answer it plausibly. */
export interface DemoItem {
  id: string;
  constructId: string;
  /** Scale values, lowest first. */
  points: number[];
  reverse: boolean;
  dontKnow: boolean;
}

/** The snapshot's items in page order, reduced to what synthetic answers need. */
export function demoItems(snapshot: InstrumentSnapshot): DemoItem[] {
  return snapshot.pages.flatMap((page) =>
    page.items.map((item) => ({
      id: item.id,
      constructId: item.constructId,
      points: item.scale.points.map((p) => p.value),
      reverse: item.reverse,
      dontKnow: item.dontKnow,
    })),
  );
}
