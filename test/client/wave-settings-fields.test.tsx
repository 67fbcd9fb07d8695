/**
 * @jest-environment jsdom
 */
/**
 * The wave settings form as a coordinator uses it: labelled fields that change
 * the draft, the open link's address offered once the open-link channel is on,
 * and the server's problems shown by the field they concern.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { addWorkspaceStrings } from "../../client/app/workspace/resources";
import type { FieldIssue } from "../../client/app/workspace/waves/api";
import { newSettings, type SettingsDraft } from "../../client/app/workspace/waves/settings";
import { WaveSettingsFields } from "../../client/app/workspace/waves/WaveSettingsFields";

const names = { he: "רמת תמר", ar: "رمات تمار", en: "Ramat Tamar" };

/** The form with its draft held as the wave pages hold it; `seen` gets every draft. */
function renderForm(issues: FieldIssue[] = [], seen: SettingsDraft[] = []) {
  const i18n = initI18n({}, "en", ["ws-waves"]);
  addWorkspaceStrings(i18n);
  function Harness() {
    const [draft, setDraft] = useState(() => newSettings(new Date("2026-03-01T09:00:00Z")));
    return (
      <WaveSettingsFields
        value={draft}
        onChange={(next) => {
          seen.push(next);
          setDraft(next);
        }}
        issues={issues}
        slugAllowed
        quietDefaultAllowed
        authorityNames={names}
        waveName={{ he: "גל", ar: "موجة", en: "Wave" }}
      />
    );
  }
  return render(
    <I18nextProvider i18n={i18n}>
      <Harness />
    </I18nextProvider>,
  );
}

it("changes the draft's target through its labelled field", async () => {
  const seen: SettingsDraft[] = [];
  renderForm([], seen);
  const target = screen.getByLabelText("Target completed responses");
  await userEvent.clear(target);
  await userEvent.type(target, "650");
  expect(target).toHaveProperty("value", "650");
  expect(seen.at(-1)?.targetCompletes).toBe("650");
});

it("offers the open link's address only once the open-link channel is on", async () => {
  const seen: SettingsDraft[] = [];
  renderForm([], seen);
  expect(screen.queryByLabelText("Open link address")).toBeNull();
  await userEvent.click(screen.getByRole("checkbox", { name: /Open link/ }));
  expect(seen.at(-1)?.channels).toEqual(expect.arrayContaining(["sms", "open-link"]));
  const slug = screen.getByLabelText("Open link address");
  await userEvent.type(slug, "Ramat-Tamar");
  // Addresses are kept lower case, as the server stores them.
  expect(seen.at(-1)?.openLinkSlug).toBe("ramat-tamar");
});

it("shows the server's problem by its field and marks the field invalid", () => {
  renderForm([{ path: "targetCompletes", code: "too_big" }]);
  const target = screen.getByLabelText("Target completed responses");
  expect(target.getAttribute("aria-invalid")).toBe("true");
  const described = (target.getAttribute("aria-describedby") ?? "").split(" ");
  const texts = described.map((id) => document.getElementById(id)?.textContent);
  expect(texts).toContain("Too long or too large.");
  expect(screen.getAllByTestId("field-error")).toHaveLength(1);
});

it("offers the four resident languages with Hebrew always on, and unticks one", async () => {
  const seen: SettingsDraft[] = [];
  renderForm([], seen);
  const group = screen.getByRole("group", { name: "Languages offered to residents" });
  const hint = document.getElementById(group.getAttribute("aria-describedby")!.split(" ")[0]!);
  expect(hint?.textContent).toMatch(/Hebrew is always offered/);
  const hebrew = screen.getByRole("checkbox", { name: "Hebrew" });
  expect(hebrew).toHaveProperty("checked", true);
  expect(hebrew).toHaveProperty("disabled", true);
  await userEvent.click(screen.getByRole("checkbox", { name: "Russian" }));
  expect(seen.at(-1)?.languages).toEqual(["he", "ar", "en"]);
  await userEvent.click(screen.getByRole("checkbox", { name: "Russian" }));
  expect(seen.at(-1)?.languages).toEqual(["he", "ar", "en", "ru"]);
});
