/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The instrument designer as a researcher uses it, against the real server:
 * an edit is marked unsaved until saved, and the saved draft on the server
 * holds it; a save over a revision someone else stored meanwhile is refused
 * and the page says so, offering to reload, without overwriting their work.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Designer } from "../../client/app/workspace/designer/Designer";
import { loadDraft, saveDraft } from "../../server/bank/drafts";
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

/** Opens the draft's texts tab and gives the English field of the instrument's name. */
async function englishName(key: string) {
  renderScreen(<Designer draftKey={key} />);
  await screen.findByTestId("designer-toolbar", {}, { timeout: 10_000 });
  await userEvent.click(screen.getByRole("tab", { name: "Intro and consent" }));
  const name = screen.getByRole("group", { name: "Instrument name" });
  return within(name).getByLabelText(/^English/);
}

it("saves an edit to the server and says so", async () => {
  const draft = await makeDraft();
  const field = await englishName(draft.key);
  await userEvent.clear(field);
  await userEvent.type(field, "Town survey 2027");
  expect(screen.getByTestId("save-status").textContent).toBe("Unsaved changes");

  await userEvent.click(screen.getByTestId("save"));
  await waitFor(() =>
    expect(screen.getByTestId("save-status").textContent).toBe(
      `Saved (revision ${draft.revision + 1})`,
    ),
  );
  const stored = await loadDraft(draft.key);
  expect(stored.content.title.en).toBe("Town survey 2027");
  expect(stored.revision).toBe(draft.revision + 1);
});

it("refuses to save over someone else's newer revision and offers a reload", async () => {
  const draft = await makeDraft();
  const field = await englishName(draft.key);
  await userEvent.type(field, " (mine)");
  // A colleague saves the same draft first.
  const theirs = await loadDraft(draft.key);
  const title = { ...theirs.content.title, en: "Their title" };
  await saveDraft(researcherPrincipal(), draft.key, theirs.revision, {
    ...theirs.content,
    title,
  });

  await userEvent.click(screen.getByTestId("save"));
  const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
  expect(alert.textContent).toContain("Someone else saved this draft");
  expect(within(alert).getByRole("button", { name: "Reload the draft" })).toBeTruthy();
  expect((await loadDraft(draft.key)).content.title.en).toBe("Their title");
});

it("edits a resident text in Russian, in its own field, and saves it; the name has none", async () => {
  const draft = await makeDraft();
  await englishName(draft.key);
  const name = screen.getByRole("group", { name: "Instrument name" });
  expect(within(name).queryByLabelText(/^Русский/)).toBeNull();
  const thanks = screen.getByRole("group", { name: "Thank-you message" });
  const russian = within(thanks).getByLabelText(/^Русский/) as HTMLTextAreaElement;
  expect(russian.lang).toBe("ru");
  expect(russian.dir).toBe("ltr");
  // Started from the bank: the thank-you text comes with the bank's Russian.
  expect(russian.value).toMatch(/[\u0400-\u04FF]/);
  await userEvent.clear(russian);
  await userEvent.type(russian, "Спасибо за ответы!");
  await userEvent.click(screen.getByTestId("save"));
  await waitFor(() =>
    expect(screen.getByTestId("save-status").textContent).toBe(
      `Saved (revision ${draft.revision + 1})`,
    ),
  );
  expect((await loadDraft(draft.key)).content.texts.thanks.ru).toBe("Спасибо за ответы!");
});
