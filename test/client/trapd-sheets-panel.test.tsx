/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * Issue 19, TRAPD translation sheets in the designer: the translation review
 * tab links the language's sheet, and a filled sheet uploaded there (moving
 * strings on) is taken back and said in words; the review is read again.
 */
import { PassThrough } from "node:stream";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Designer } from "../../client/app/workspace/designer/Designer";
import { SHEET_COLUMNS } from "../../server/bank/trapd-sheet";
import { trapdView } from "../../server/bank/trapd";
import { writeXlsx } from "../../server/exports/xlsx-writer";
import { makeUser } from "../factories/users";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeDraft } from "../workspace/factories";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  await signInPage((await makeUser("researcher")).email);
});
afterAll(() => t.close());

async function sheetWithIntro(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  async function* rows() {
    yield ["texts.intro", "text", "", "", "translate", "مقدمة أ", "مقدمة ب", "", "", ""];
  }
  await writeXlsx(out, [
    { name: "ar", columns: SHEET_COLUMNS.map((name) => ({ name })), rows: rows() },
  ]);
  out.end();
  return Buffer.concat(chunks);
}

it("links the sheet and takes a filled one back, moving the intro on to review", async () => {
  const draft = await makeDraft();
  renderScreen(<Designer draftKey={draft.key} />);
  await screen.findByTestId("designer-toolbar", {}, { timeout: 10_000 });
  await userEvent.click(screen.getByRole("tab", { name: "Translation review (TRAPD)" }));
  const box = await screen.findByTestId("trapd-sheets", {}, { timeout: 10_000 });
  expect(within(box).getByTestId("trapd-sheet-download").getAttribute("href")).toBe(
    `/api/bank/drafts/${draft.key}/trapd/sheets/ar`,
  );
  await userEvent.click(within(box).getByRole("checkbox"));
  const file = new File([new Uint8Array(await sheetWithIntro())], "ar.xlsx", {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  await userEvent.upload(within(box).getByTestId("trapd-sheet-upload"), file);
  await waitFor(
    () =>
      expect(within(box).getByRole("status").textContent).toBe("Saved 0, moved on 1, unchanged 0."),
    { timeout: 10_000 },
  );
  const view = await trapdView(draft.key);
  const intro = view.units.find((u) => u.path === "texts.intro")!;
  expect(intro.entries.find((e) => e.locale === "ar")).toMatchObject({
    stage: "review",
    translationA: "مقدمة أ",
  });
});
