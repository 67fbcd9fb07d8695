/**
 * Issue 19 Done-when: the codebook lists source, construct and version history
 * (which item a changed wording replaced, and why), with the Russian wording.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadItemBank } from "../../server/surveys/bank";
import { codebookCsv, codebookMarkdown, codebookRows } from "../../server/surveys/codebook";
import { exportBank } from "../../server/surveys/export";
import { snapshotOf } from "../../server/surveys/snapshot";

const bank = loadItemBank();
const v2 = snapshotOf(bank, "core", 2);

it("gives each replacement item its source, construct and the item it replaced, with why", () => {
  const row = codebookRows(v2).find((r) => r.variable === "soc_connection_1b")!;
  expect(row).toMatchObject({
    construct: "sense_of_community",
    source: expect.stringMatching(/Brief Sense of Community/),
    replaces: "soc_connection_1",
    change: expect.stringMatching(/feeling close/),
  });
  expect(row.text.ru).toMatch(/близость/);
  const unchanged = codebookRows(v2).find((r) => r.variable === "soc_needs_1")!;
  expect(unchanged).toMatchObject({ replaces: "", change: "" });
});

it("adds Russian and history columns at the end of the CSV, keeping the earlier ones", () => {
  const header = codebookCsv(v2).slice(1).split("\r\n")[0]!;
  expect(header).toMatch(/^variable,page,kind,construct,subscale,control,text_he/);
  expect(header).toContain(",source,text_ru,values_ru,replaces,change");
  const line = codebookCsv(v2)
    .split("\r\n")
    .find((l) => l.startsWith("ce_intervene_1b,"))!;
  expect(line).toContain(",ce_intervene_1,");
});

it("says the edition and the history in the Markdown codebook", () => {
  const md = codebookMarkdown(v2, 2);
  expect(md).toMatch(/^# Codebook: .*\(core, edition 2, version 2\)/);
  expect(md).toMatch(/### ce_intervene_1b\n[\s\S]*?- history: replaces `ce_intervene_1`: /);
  expect(md).toContain("| | he | ar | en | ru |");
});

it("exports every edition's codebook beside the first", () => {
  const out = mkdtempSync(path.join(tmpdir(), "export-ed-"));
  try {
    const files = exportBank(out);
    expect(files).toEqual(
      expect.arrayContaining([
        "core/codebook.csv",
        "core.v2/codebook.csv",
        "extended.v2/codebook.md",
      ]),
    );
    expect(readFileSync(path.join(out, "core.v2/codebook.csv"), "utf8")).toContain(
      "soc_connection_1b",
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
