import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LOCALES } from "../shared/locales";
import { loadItemBank } from "./bank";
import { codebookCsv, codebookMarkdown } from "./codebook";
import { snapshotOf } from "./snapshot";
import { buildMultiLocaleSurveyJson, buildSurveyJson } from "./survey-json";
import { snapshotForRussian } from "../take/respondent-texts";

/**
 * Writes, for each instrument of the bank (later editions in `<key>.v<N>/`), `<out>/<key>/survey.<locale>.json`
 * in he, ar, en and ru (what a resident's browser receives), `survey.multi.json`
 * (all four languages, for previews), `codebook.csv` and `codebook.md`. Returns
 * the files written, relative to `outDir`.
 */
export function exportBank(outDir: string, surveysDir?: string): string[] {
  const bank = loadItemBank(surveysDir);
  const written: string[] = [];
  const write = (relative: string, content: string) => {
    const file = path.join(outDir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content, "utf8");
    written.push(relative);
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  // Later editions go to <key>.v<N>/, so each version's codebook stands beside the first.
  for (const [key, byEdition] of bank.editions) {
    for (const edition of [...byEdition.keys()].sort((a, b) => a - b)) {
      const snapshot = snapshotOf(bank, key, edition);
      const dir = edition === 1 ? key : `${key}.v${edition}`;
      for (const locale of LOCALES) {
        write(`${dir}/survey.${locale}.json`, json(buildSurveyJson(snapshot, locale)));
      }
      // Russian is built as the take page builds it: a text without it shows its Hebrew.
      const russian = snapshotForRussian(snapshot).snapshot;
      write(`${dir}/survey.ru.json`, json(buildSurveyJson(russian, "he")));
      write(`${dir}/survey.multi.json`, json(buildMultiLocaleSurveyJson(snapshot)));
      write(`${dir}/codebook.csv`, codebookCsv(snapshot));
      write(`${dir}/codebook.md`, codebookMarkdown(snapshot));
    }
  }
  return written;
}
