/**
 * @jest-environment jsdom
 */
/**
 * The export's progress line as an analyst sees it while a large responses
 * export downloads (issue 22): "preparing" until the server knows the job,
 * rows written of the total while it runs, then done or failed, and no more
 * questions to the server once it has ended or the line is gone.
 */
import { act, render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { initI18n } from "../../client/shared/i18n";
import { appResources as resources } from "../../client/app/resources";
import { ExportProgress } from "../../client/app/results/ExportProgress";

/** The job endpoint's answers, in order; the last one repeats. `null` is a 404. */
let answers: Array<{ total: number; written: number; state: string } | null>;
let asked: string[];

beforeEach(() => {
  jest.useFakeTimers();
  asked = [];
  globalThis.fetch = jest.fn(async (url: string) => {
    asked.push(url);
    const body = answers.length > 1 ? answers.shift()! : answers[0]!;
    return body
      ? { ok: true, status: 200, json: async () => body }
      : { ok: false, status: 404, json: async () => ({ code: "NOT_FOUND" }) };
  }) as unknown as typeof fetch;
});
afterEach(() => jest.useRealTimers());

function show(job: string, locale: "en" | "he" = "en") {
  const i18n = initI18n(resources, locale, ["results", "common"]);
  return render(
    <I18nextProvider i18n={i18n}>
      <ExportProgress job={job} />
    </I18nextProvider>,
  );
}

/** Lets the pending fetch answer, then moves the clock one poll on. */
async function nextPoll() {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(1000);
  });
}

it("says it is preparing until the server knows the job, then counts rows to done", async () => {
  answers = [
    null,
    { total: 2000, written: 500, state: "running" },
    { total: 2000, written: 2000, state: "done" },
  ];
  show("job/1 a");
  expect(screen.getByRole("status").textContent).toBe("Preparing the export…");
  await act(async () => {
    await jest.advanceTimersByTimeAsync(0);
  });
  expect(screen.getByRole("status").textContent).toBe("Preparing the export…");
  await nextPoll();
  expect(screen.getByRole("status").textContent).toContain("Exporting: 500 of 2000 rows");
  const bar = screen.getByRole("progressbar") as HTMLProgressElement;
  expect([bar.max, bar.value]).toEqual([2000, 500]);
  await nextPoll();
  expect(screen.getByRole("status").textContent).toContain("Export ready: 2000 rows");
  // The job's id goes in the path encoded, and a finished job is not asked about again.
  expect(asked[0]).toBe("/api/exports/jobs/job%2F1%20a");
  const count = asked.length;
  await nextPoll();
  await nextPoll();
  expect(asked).toHaveLength(count);
});

it("says the export failed and stops asking", async () => {
  answers = [{ total: 10, written: 3, state: "failed" }];
  show("j2");
  await act(async () => {
    await jest.advanceTimersByTimeAsync(0);
  });
  expect(screen.getByRole("status").textContent).toContain("The export failed. Try again.");
  await nextPoll();
  expect(asked).toHaveLength(1);
});

it("stops asking once the line is taken off the page", async () => {
  answers = [{ total: 10, written: 3, state: "running" }];
  const { unmount } = show("j3");
  await nextPoll();
  const count = asked.length;
  unmount();
  await nextPoll();
  await nextPoll();
  expect(asked).toHaveLength(count);
});

it("counts rows in Hebrew too", async () => {
  answers = [{ total: 2000, written: 500, state: "running" }];
  show("j4", "he");
  await act(async () => {
    await jest.advanceTimersByTimeAsync(0);
  });
  const text = screen.getByRole("status").textContent ?? "";
  expect(text).toMatch(/500/);
  expect(text).toMatch(/2000/);
  expect(text).not.toContain("Exporting");
});
