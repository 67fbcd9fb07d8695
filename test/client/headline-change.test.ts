/**
 * The dashboard's headline change: baseline → the last wave with enough
 * responses, not blindly the newest (issue 20).
 */
import { headlineChange } from "../../client/app/results/headline-change";
import type { Construct } from "../../client/app/results/types";

type Change = Construct["changes"]["sinceBaseline"][number];

const BLANK = {
  se: null,
  df: null,
  t: null,
  p: null,
  pHolm: null,
  d: null,
  ciLow: null,
  ciHigh: null,
  detectable: null,
  detectableHolm: null,
  channelMix: null,
};

function change(to: string, diff: number | null, comparable: Change["comparable"] = "yes") {
  return {
    ...BLANK,
    fromWaveId: "w1",
    toWaveId: to,
    diff,
    comparable,
    label: {
      key: diff === null ? "change.notEnoughData" : "change.smallRise",
      size: null,
      direction: null,
    },
  } as unknown as Change;
}

it("skips a newest wave with too few responses for the last usable one", () => {
  const h = headlineChange([change("w2", 0.4), change("w3", 0.6), change("w4", null)]);
  expect(h).toEqual({ change: expect.objectContaining({ toWaveId: "w3" }), latest: false });
});

it("reports the newest wave when it is usable", () => {
  const h = headlineChange([change("w2", 0.4), change("w3", 0.6)]);
  expect(h).toEqual({ change: expect.objectContaining({ toWaveId: "w3" }), latest: true });
});

it("keeps a series break at the newest wave: it explains itself", () => {
  const h = headlineChange([change("w2", 0.4), change("w3", null, "seriesBreak")]);
  expect(h?.change.toWaveId).toBe("w3");
});

it("says not enough data when no wave is usable, and nothing without changes", () => {
  expect(headlineChange([change("w2", null), change("w3", null)])?.change.toWaveId).toBe("w3");
  expect(headlineChange([])).toBeNull();
});
