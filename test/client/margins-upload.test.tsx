/**
 * @jest-environment ./test/client/support/api-environment.ts
 */
/**
 * The research team's margins upload against the real server: a file is
 * checked (nothing stored), its problems listed by row, and a good file saved
 * as a version only when "save" is pressed.
 */
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { addMarginsStrings } from "../../client/app/results/margins-strings";
import { MarginsUpload } from "../../client/app/results/MarginsUpload";
import { MarginSet } from "../../server/results/margin-set-model";
import { makeUser } from "../factories/users";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";
import { serveApp } from "./support/api-fetch";
import { renderScreen, signInPage } from "./support/page";

let t: TestStore;
let slug: string;

const rows = (...shares: string[]) =>
  ["source,year,variable,category,share", ...shares.map((s) => `CBS localities,2022,${s}`)].join(
    "\n",
  );

// jsdom's Blob has no text() yet; a browser's reads the file the same way FileReader does.
if (!Blob.prototype.text)
  Blob.prototype.text = function text(this: Blob) {
    return new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsText(this);
    });
  };

beforeAll(async () => {
  t = await startTestStore();
  serveApp(testApp(t));
  ({
    authority: { slug },
  } = await makeOpenWave());
  const researcher = await makeUser("researcher");
  await signInPage(researcher.email);
});
afterAll(() => t.close());

/** The margins screen's strings travel with its chunk: MarginsPage adds them as this does. */
function WithMarginsStrings({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  addMarginsStrings(i18n);
  return children;
}

function renderUpload(onSaved: () => void) {
  renderScreen(
    <WithMarginsStrings>
      <MarginsUpload slug={slug} waves={[]} onSaved={onSaved} />
    </WithMarginsStrings>,
  );
}

async function choose(csv: string) {
  const file = new File([csv], "margins.csv", { type: "text/csv" });
  await userEvent.upload(screen.getByLabelText("CSV file"), file);
  const check = screen.getByTestId("margins-check");
  await waitFor(() => expect((check as HTMLButtonElement).disabled).toBe(false));
  await userEvent.click(check);
}

it("lists a bad file's problems by row and stores nothing", async () => {
  renderUpload(jest.fn());
  await choose(rows("sex,1,0.48", "sex,2,many"));
  const problems = await screen.findByTestId("margins-problems", {}, { timeout: 10_000 });
  expect(problems.getAttribute("role")).toBe("alert");
  expect(problems.textContent).toContain("3");
  expect(await MarginSet.countDocuments({})).toBe(0);
});

it("checks a good file, then saves it as a version when asked", async () => {
  const onSaved = jest.fn();
  renderUpload(onSaved);
  await choose(rows("sex,1,0.48", "sex,2,0.52"));
  await screen.findByTestId("margins-preview", {}, { timeout: 10_000 });
  expect(await MarginSet.countDocuments({})).toBe(0);
  await userEvent.click(screen.getByTestId("margins-save"));
  const saved = await screen.findByTestId("margins-saved", {}, { timeout: 10_000 });
  expect(saved.textContent).toContain("1");
  expect(onSaved).toHaveBeenCalled();
  expect(await MarginSet.countDocuments({})).toBe(1);
});
