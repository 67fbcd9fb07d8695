/**
 * @jest-environment jsdom
 */
/**
 * What a construct's results chart draws (client/app/results/construct-chart-config.ts):
 * waves oldest first with n under each name, the mean with its interval band,
 * gaps where a point is suppressed, no line or band across a series break, the
 * benchmark only when it is shown, and tooltips that say mean, interval and n.
 */
import type { TooltipItem } from "chart.js";
import { initI18n } from "../../client/shared/i18n";
import { chartDirection } from "../../client/app/chart-direction";
import { appResources as resources } from "../../client/app/resources";
import { constructChartConfig } from "../../client/app/results/construct-chart-config";
import { formatsFor } from "../../client/app/results/format";
import type { Construct, Wave } from "../../client/app/results/types";

const wave = (id: string, opensAt: string) => ({ id, name: `Wave ${id}`, opensAt }) as Wave;
// Given newest first: the chart puts them in time order.
const waves = [
  wave("3", "2027-03-01T08:00:00.000Z"),
  wave("2", "2026-03-01T08:00:00.000Z"),
  wave("1", "2025-03-01T08:00:00.000Z"),
];

/** A construct with only what the chart reads. */
function construct(overrides: Partial<Construct> = {}): Construct {
  return {
    id: "trust",
    name: "Trust in the council",
    scale: { min: 1, max: 5 },
    points: [
      { waveId: "1", n: 412, mean: 3.1, ciLow: 2.9, ciHigh: 3.3, suppressed: false },
      { waveId: "2", n: 12, mean: null, ciLow: null, ciHigh: null, suppressed: true },
      { waveId: "3", n: 380, mean: 3.6, ciLow: 3.4, ciHigh: 3.8, suppressed: false },
    ],
    seriesBreaks: ["3"],
    benchmark: [],
    ...overrides,
  } as unknown as Construct;
}

function config(c: Construct) {
  const i18n = initI18n(resources, "en", ["results", "common"]);
  return constructChartConfig({
    construct: c,
    waves,
    fmt: formatsFor("en"),
    dir: chartDirection("en"),
    t: i18n.t,
  });
}

type SegmentColour = (ctx: { p1DataIndex: number }) => string;

/** The colour a dataset's segment into point `p1DataIndex` gets, for its line or its fill. */
function segmentColour(
  dataset: { segment?: unknown },
  part: "borderColor" | "backgroundColor",
  p1DataIndex: number,
): string {
  const segment = dataset.segment as Record<typeof part, SegmentColour>;
  return segment[part]({ p1DataIndex });
}

it("draws each wave in time order with its n, the mean, its band and a gap where suppressed", () => {
  const { data, options } = config(construct());
  expect(data.labels).toEqual([
    ["Wave 1", "n = 412"],
    ["Wave 2", "n = 12"],
    ["Wave 3", "n = 380"],
  ]);
  const [high, low, mean] = data.datasets;
  expect(high!.data).toEqual([3.3, null, 3.8]);
  expect(low!.data).toEqual([2.9, null, 3.4]);
  expect(mean!.data).toEqual([3.1, null, 3.6]);
  expect(data.datasets).toHaveLength(3);
  expect(options?.scales?.y).toMatchObject({ min: 1, max: 5, position: "left" });
});

it("draws no line or band into a wave after a series break", () => {
  const { data, options } = config(construct());
  const [band, , mean] = data.datasets;
  expect(segmentColour(mean!, "borderColor", 2)).toBe("transparent");
  expect(segmentColour(band!, "backgroundColor", 2)).toBe("transparent");
  expect(segmentColour(mean!, "borderColor", 1)).not.toBe("transparent");
  expect(segmentColour(band!, "backgroundColor", 1)).not.toBe("transparent");
  expect(options?.plugins).toMatchObject({ seriesBreaks: { at: [2] } });
});

it("adds the benchmark only where it is shown", () => {
  const hidden = [{ waveId: "1", round: 1, shown: false, others: 2, mean: null }];
  expect(config(construct({ benchmark: hidden } as Partial<Construct>)).data.datasets).toHaveLength(
    3,
  );
  const shown = [{ waveId: "3", round: 3, shown: true, others: 5, mean: 3.2 }];
  const { data } = config(construct({ benchmark: shown } as Partial<Construct>));
  expect(data.datasets[3]!.label).toBe("Program benchmark");
  expect(data.datasets[3]!.data).toEqual([null, null, 3.2]);
});

it("says the mean, its interval and n in the tooltip", () => {
  const { options } = config(construct());
  const label = options!.plugins!.tooltip!.callbacks!.label!;
  const item = { datasetIndex: 2, dataIndex: 0 } as TooltipItem<"line">;
  expect(label.call({} as never, item)).toEqual([
    expect.stringContaining("3.10"),
    expect.stringMatching(/2\.90.*3\.30/),
    expect.stringContaining("412"),
  ]);
  expect(label.call({} as never, { ...item, dataIndex: 1 })).toBe("");
});
