/**
 * @jest-environment jsdom
 */
/**
 * The change summary gives the channel-adjusted change and the share of the
 * pooled change the mix carries, when the channel mix shifted (issue 17).
 */
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { appResources as resources } from "../../client/app/resources";
import { ChangeSummary } from "../../client/app/results/ChangeSummary";
import { formatsFor } from "../../client/app/results/format";
import type { Construct, Wave } from "../../client/app/results/types";

const i18n = initI18n(resources, "en", ["results", "common"]);
const waves = [
  { id: "a", name: "Baseline" },
  { id: "b", name: "Follow-up" },
] as unknown as Wave[];
const change = (adjusted: unknown) => ({
  fromWaveId: "a",
  toWaveId: "b",
  diff: 0.97,
  se: 0.3,
  df: 12,
  t: 3.2,
  p: 0.007,
  pHolm: 0.02,
  d: 0.9,
  ciLow: 0.32,
  ciHigh: 1.62,
  detectable: null,
  detectableHolm: null,
  comparable: "yes",
  label: { key: "change.largeRise", size: "large", direction: "rise" },
  channelMix: {
    differs: true,
    byChannel: [{ channel: "sms", fromN: 4, toN: 4, diff: 1.5, ciLow: 0.5, ciHigh: 2.5 }],
    adjusted,
  },
});
const show = (adjusted: unknown) =>
  render(
    <I18nextProvider i18n={i18n}>
      <ChangeSummary
        construct={
          {
            id: "soc",
            seriesBreaks: [],
            changes: { sinceBaseline: [change(adjusted)], waveOverWave: [], panel: [] },
          } as unknown as Construct
        }
        waves={waves}
        fmt={formatsFor("en")}
      />
    </I18nextProvider>,
  );

it("says the adjusted change, its interval and the mix's part", () => {
  show({ diff: 0.64, ciLow: 0.1, ciHigh: 1.18, gap: 0.33 });
  expect(screen.getByTestId("channel-adjusted-soc").textContent).toBe(
    " Adjusted for channel: +0.64 (+0.10 to +1.18); the mix accounts for +0.33 of the pooled change.",
  );
});

it("says nothing of an adjustment that could not be made", () => {
  show(null);
  expect(screen.getByTestId("channel-mix-soc")).toBeTruthy();
  expect(screen.queryByTestId("channel-adjusted-soc")).toBeNull();
});
