/**
 * @jest-environment jsdom
 *
 * While a background job brings an authority's figures up to date (issue 22),
 * the dashboard says so in the reader's language, as a status a screen reader
 * announces, with the job's progress.
 */
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { appResources as resources } from "../../client/app/resources";
import { UpdatingNote } from "../../client/app/results/UpdatingNote";
import { formatsFor } from "../../client/app/results/format";

function note(
  locale: "en" | "he" | "ar",
  updating: Parameters<typeof UpdatingNote>[0]["updating"],
) {
  const i18n = initI18n(resources, locale, ["results", "common"]);
  return render(
    <I18nextProvider i18n={i18n}>
      <UpdatingNote updating={updating} fmt={formatsFor(locale)} />
    </I18nextProvider>,
  );
}

it("says that arrivals are being added, with the share done", () => {
  note("en", { reason: "arrived", unit: "responses", done: 1200, total: 48000 });
  const status = screen.getByRole("status");
  expect(status.textContent).toContain("New responses are being added");
  expect(status.textContent).toContain("1200 of 48000");
  const bar = screen.getByRole("progressbar", { name: "Progress of the update" });
  expect(bar.getAttribute("value")).toBe("1200");
  expect(bar.getAttribute("max")).toBe("48000");
});

it("says a recomputation shows the last figures, in Hebrew and Arabic", () => {
  const he = note("he", { reason: "margins", unit: "waves", done: 1, total: 3 });
  expect(he.getByRole("status").textContent).toContain("מחושבים מחדש");
  expect(he.getByRole("progressbar", { name: "התקדמות העדכון" })).toBeTruthy();
  he.unmount();
  const ar = note("ar", { reason: "removed", unit: "waves", done: 0, total: 2 });
  expect(ar.getByRole("status").textContent).toContain("يُعاد حساب");
});
