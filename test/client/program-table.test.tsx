/**
 * @jest-environment jsdom
 */
/**
 * The program's monitoring table: one row per wave, sorted by authority at
 * first; a column header sorts by that column (numbers from the largest,
 * names from A), a second press turns the order round, rows without a value
 * go last, and the sorted column says so to screen readers.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { LocaleProvider } from "../../client/app/locale-context";
import { appResources } from "../../client/app/resources";
import { addWorkspaceStrings } from "../../client/app/workspace/resources";
import { formatsFor } from "../../client/app/workspace/monitoring/format";
import { ProgramTable } from "../../client/app/workspace/monitoring/ProgramTable";
import type { ProgramRow } from "../../client/app/workspace/monitoring/types";

function row(authority: string, target: number | null, completes: number): ProgramRow {
  return {
    authority: { name: authority, slug: authority.toLowerCase() },
    wave: { id: `w-${authority}`, name: `${authority} baseline`, status: "open" },
    target,
    completes,
    sms: { invited: completes * 3, completed: completes },
    responseRate: target === null ? null : completes / (completes * 3),
  } as unknown as ProgramRow;
}

const rows = [row("Ramla", 400, 100), row("Akko", null, 300), row("Nazareth", 400, 380)];

function renderTable() {
  const i18n = initI18n(appResources, "en", ["common"]);
  addWorkspaceStrings(i18n);
  render(
    <I18nextProvider i18n={i18n}>
      <LocaleProvider i18n={i18n} initial="en">
        <ProgramTable rows={rows} fmt={formatsFor("en")} />
      </LocaleProvider>
    </I18nextProvider>,
  );
}

/** The authorities in the order the table shows them. */
const order = () =>
  within(screen.getByTestId("program-table"))
    .getAllByRole("rowheader")
    .map((cell) => cell.textContent);

it("sorts by authority at first, then by the column pressed, and back", async () => {
  renderTable();
  expect(order()).toEqual(["Akko", "Nazareth", "Ramla"]);
  expect(screen.getByTestId("sort-authority").closest("th")!.getAttribute("aria-sort")).toBe(
    "ascending",
  );

  await userEvent.click(screen.getByTestId("sort-completes"));
  expect(order()).toEqual(["Nazareth", "Akko", "Ramla"]);
  expect(screen.getByTestId("sort-completes").closest("th")!.getAttribute("aria-sort")).toBe(
    "descending",
  );
  expect(screen.getByTestId("sort-authority").closest("th")!.hasAttribute("aria-sort")).toBe(false);

  await userEvent.click(screen.getByTestId("sort-completes"));
  expect(order()).toEqual(["Ramla", "Akko", "Nazareth"]);
});

it("puts a wave without a target last, whichever way progress is sorted", async () => {
  renderTable();
  await userEvent.click(screen.getByTestId("sort-progress"));
  expect(order()).toEqual(["Nazareth", "Ramla", "Akko"]);
  await userEvent.click(screen.getByTestId("sort-progress"));
  expect(order()).toEqual(["Ramla", "Nazareth", "Akko"]);
  const akko = screen.getByTestId("program-row-w-Akko");
  expect(akko.textContent).toContain("no target set");
  expect(within(akko).getByRole("link").getAttribute("aria-label")).toBe(
    "Monitoring of Akko baseline, Akko",
  );
});
