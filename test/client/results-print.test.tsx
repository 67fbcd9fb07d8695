/**
 * @jest-environment jsdom
 *
 * A printed results report (issue 20) shows its breakdowns rather than a
 * lone "breakdowns" heading over nothing.
 */
import { act, render } from "@testing-library/react";
import type { i18n } from "i18next";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { appResources as resources } from "../../client/app/resources";
import { BreakdownTables } from "../../client/app/results/BreakdownTables";
import { formatsFor } from "../../client/app/results/format";
import type { Construct, Wave } from "../../client/app/results/types";

const wave = (id: string, opensAt: string, closesAt: string | null) =>
  ({ id, name: `Wave ${id}`, opensAt, disclosure: { opensAt, closesAt } }) as unknown as Wave;

const waves = [
  wave("2", "2026-03-01T08:00:00.000Z", null),
  wave("1", "2025-03-02T08:00:00.000Z", "2025-04-20T20:00:00.000Z"),
];

function construct(groups: number): Construct {
  const cell = { waveId: "1", mean: 3.1, n: 40, suppressed: null, deff: null };
  return {
    id: "trust",
    name: "Trust in the council",
    points: [
      { waveId: "1", n: 412 },
      { waveId: "2", n: 57 },
    ],
    breakdowns: [
      {
        dimension: "sex",
        groups: Array.from({ length: groups }, (_, i) => ({
          key: `g${i}`,
          label: `Group ${i}`,
          cells: [cell],
        })),
      },
    ],
  } as unknown as Construct;
}

function renderTables(i18n: i18n, c: Construct) {
  return render(
    <I18nextProvider i18n={i18n}>
      <BreakdownTables construct={c} waves={waves} fmt={formatsFor("en")} />
    </I18nextProvider>,
  );
}

describe("breakdowns in print", () => {
  const i18n = initI18n(resources, "en", ["results", "common"]);

  it("open while the page prints and close again afterwards", () => {
    const { container } = renderTables(i18n, construct(2));
    const details = container.querySelector("details")!;
    expect(details.open).toBe(false);
    act(() => void window.dispatchEvent(new Event("beforeprint")));
    expect(details.open).toBe(true);
    act(() => void window.dispatchEvent(new Event("afterprint")));
    expect(details.open).toBe(false);
  });

  it("stay open after printing when the reader had opened them", () => {
    const { container } = renderTables(i18n, construct(1));
    const details = container.querySelector("details")!;
    details.open = true;
    act(() => void window.dispatchEvent(new Event("beforeprint")));
    act(() => void window.dispatchEvent(new Event("afterprint")));
    expect(details.open).toBe(true);
  });

  it("leave no heading at all when no group can be shown", () => {
    const { container } = renderTables(i18n, construct(0));
    expect(container.textContent).toBe("");
  });
});
