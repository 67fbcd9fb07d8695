/**
 * @jest-environment jsdom
 */
/**
 * The results page says a bridged wave's two arms apart (issue 17): the old
 * wording's and the new wording's figure with their n, never one pooled value.
 */
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { appResources as resources } from "../../client/app/resources";
import { BridgeArms } from "../../client/app/results/BridgeArms";
import { formatsFor } from "../../client/app/results/format";
import type { Construct, Point, Wave } from "../../client/app/results/types";

const i18n = initI18n(resources, "en", ["results", "common"]);
const waves = [{ id: "w", name: "Spring 2026" }] as unknown as Wave[];
const point = (n: number, mean: number | null, favourable: number | null) =>
  ({ waveId: "w", n, suppressed: mean === null, mean, favourable }) as unknown as Point;
const show = (c: Partial<Construct>) =>
  render(
    <I18nextProvider i18n={i18n}>
      <BridgeArms construct={c as Construct} waves={waves} fmt={formatsFor("en")} />
    </I18nextProvider>,
  );

it("gives the old and the new wording's mean apart, with their n", () => {
  show({
    id: "soc",
    reportedAs: "mean",
    bridgeArms: [{ waveId: "w", bridge: point(41, 4, 0.9), main: point(39, 1, 0.1) }],
  });
  const line = screen.getByTestId("bridge-arms-soc").textContent!;
  expect(line).toContain("Spring 2026");
  expect(line).toContain("old wording 4.00 (n\u00a0=\u00a041)");
  expect(line).toContain("new wording 1.00 (n\u00a0=\u00a039)");
});

it("gives a frequency construct's favourable share, and says a withheld arm is withheld", () => {
  show({
    id: "inv",
    reportedAs: "distribution",
    bridgeArms: [{ waveId: "w", bridge: point(8, null, null), main: point(39, 2.1, 0.25) }],
  });
  const line = screen.getByTestId("bridge-arms-inv").textContent!;
  expect(line).toContain("old wording withheld (n\u00a0=\u00a08)");
  expect(line).toContain("new wording 25% (n\u00a0=\u00a039)");
});

it("shows nothing without a bridged wave", () => {
  const { container } = show({ id: "x", reportedAs: "mean", bridgeArms: [] });
  expect(container.textContent).toBe("");
});
