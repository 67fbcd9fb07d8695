/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * Issue 19, TRAPD gate in the designer's publish tab: a draft whose edited
 * intro has no adjudicated Arabic or English final lists it, in words and with
 * its languages, and the publish button stays disabled; a draft of untouched
 * bank wording shows no list.
 */
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Designer } from "../../client/app/workspace/designer/Designer";
import { saveDraft } from "../../server/bank/drafts";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeDraft, researcherPrincipal } from "../workspace/factories";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  await signInPage((await makeUser("researcher")).email);
});
afterAll(() => t.close());

async function openPublishTab(key: string) {
  renderScreen(<Designer draftKey={key} />);
  await screen.findByTestId("designer-toolbar", {}, { timeout: 10_000 });
  await userEvent.click(screen.getByRole("tab", { name: "Publish" }));
}

it("lists an edited intro in Arabic and English and keeps publishing disabled", async () => {
  const draft = await makeDraft();
  const intro = { he: "פתיח חדש לגמרי", ar: "مقدمة جديدة تمامًا", en: "A wholly new intro" };
  await saveDraft(researcherPrincipal(), draft.key, draft.revision, {
    ...draft.content,
    texts: { ...draft.content.texts, intro },
  });
  await openPublishTab(draft.key);
  const list = await screen.findByTestId("publish-trapd", {}, { timeout: 10_000 });
  expect(list.textContent).toContain("2 strings have no adjudicated translation yet");
  const items = within(list)
    .getAllByRole("listitem")
    .map((li) => li.textContent);
  expect(items).toEqual(["Introduction: Arabic", "Introduction: English"]);
  expect((screen.getByTestId("publish") as HTMLButtonElement).disabled).toBe(true);
});

it("shows no list for a draft of untouched bank wording", async () => {
  const draft = await makeDraft();
  await openPublishTab(draft.key);
  await screen.findByTestId("diff-first", {}, { timeout: 10_000 });
  expect(screen.queryByTestId("publish-trapd")).toBeNull();
  expect((screen.getByTestId("publish") as HTMLButtonElement).disabled).toBe(false);
});
