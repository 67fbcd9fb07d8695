/**
 * @jest-environment jsdom
 */
/**
 * The dashboard shows an agreement construct's distribution tables under its
 * mean (issue 17): folded under "Answers to each question", with the
 * agreement note (not the frequency one) and one table per item.
 */
import { render, screen, within } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { appResources as resources } from "../../client/app/resources";
import { AgreementTables } from "../../client/app/results/AgreementTables";
import { formatsFor } from "../../client/app/results/format";
import type { Construct, Wave } from "../../client/app/results/types";

const i18n = initI18n(resources, "en", ["results", "common"]);
const waves = [{ id: "a", name: "Baseline", kind: "baseline", responses: 40 }] as unknown as Wave[];
const point = {
  waveId: "a",
  n: 40,
  effectiveN: 40,
  deff: 1,
  suppressedReason: null,
  shares: [
    { value: 1, share: 0.25, ciLow: 0.14, ciHigh: 0.41 },
    { value: 2, share: 0.75, ciLow: 0.59, ciHigh: 0.86 },
  ],
};
const construct = {
  id: "soc",
  reportedAs: "mean",
  distributions: [
    {
      itemId: "soc_1",
      text: "I feel I belong",
      categories: [
        { value: 1, label: "Disagree" },
        { value: 2, label: "Agree" },
      ],
      points: [point],
    },
  ],
} as unknown as Construct;

const show = (c: Construct) =>
  render(
    <I18nextProvider i18n={i18n}>
      <AgreementTables construct={c} waves={waves} minCellSize={10} fmt={formatsFor("en")} />
    </I18nextProvider>,
  );

it("folds each agreement item's shares under the mean, with the agreement note", () => {
  show(construct);
  const details = screen.getByTestId("agreement-soc");
  expect(within(details).getByText("Answers to each question").tagName).toBe("SUMMARY");
  expect(details.textContent).toContain(i18n.t("results:distribution.agreementNote"));
  expect(details.textContent).not.toContain(i18n.t("results:distribution.note"));
  const table = within(details).getByTestId("distribution-soc_1");
  expect(within(table).getByText("Agree").closest("tr")!.textContent).toContain("75");
});

it("shows nothing for a construct without such items", () => {
  const { container } = show({ ...construct, distributions: null } as unknown as Construct);
  expect(container.textContent).toBe("");
});
