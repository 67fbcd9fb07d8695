/**
 * A chart saved as an image (issue 20) names its construct, authority, each
 * wave's field dates and n, since the image travels without the page.
 */
import { initI18n } from "../../client/shared/i18n";
import { appResources as resources } from "../../client/app/resources";
import { chartCaption } from "../../client/app/results/chart-caption";
import type { Construct, Wave } from "../../client/app/results/types";

const wave = (id: string, opensAt: string, closesAt: string | null) =>
  ({ id, name: `Wave ${id}`, opensAt, disclosure: { opensAt, closesAt } }) as unknown as Wave;

const waves = [
  wave("2", "2026-03-01T08:00:00.000Z", null),
  wave("1", "2025-03-02T08:00:00.000Z", "2025-04-20T20:00:00.000Z"),
];

/** A construct with only what a caption reads: its name and each wave's n. */
const construct = {
  id: "trust",
  name: "Trust in the council",
  points: [
    { waveId: "1", n: 412 },
    { waveId: "2", n: 57 },
  ],
} as unknown as Construct;

describe("a saved chart's caption", () => {
  it("names the construct, the authority, each wave's field dates and n, oldest first", () => {
    const i18n = initI18n(resources, "en", ["results", "common"]);
    const caption = chartCaption({
      construct,
      waves,
      authority: "Ma'alot-Tarshiha",
      locale: "en",
      t: i18n.t,
    });
    expect(caption).toEqual({
      title: "Trust in the council",
      lines: [
        "Ma'alot-Tarshiha",
        "Wave 1: 2 Mar 2025 to 20 Apr 2025, n = 412",
        "Wave 2: 1 Mar 2026 to today (still in the field), n = 57",
      ],
    });
  });

  it("keeps n = … in reading order inside Hebrew and Arabic text", () => {
    for (const locale of ["he", "ar"] as const) {
      const i18n = initI18n(resources, locale, ["results", "common"]);
      const { lines } = chartCaption({
        construct,
        waves,
        authority: "x",
        locale,
        t: i18n.t,
      });
      expect(lines[1]).toContain("\u2066n = 412\u2069");
      // Arabic keeps Western digits, as its tables do.
      expect(lines[1]).toMatch(/2025/);
    }
  });
});
