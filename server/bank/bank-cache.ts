import { loadItemBank, type ItemBank } from "../surveys/bank";

let cached: { dir: string | undefined; bank: ItemBank } | undefined;

/**
 * The item bank, read once per process: its files are reviewed like code and
 * change only with a deploy, so the workspace need not re-read them per request.
 */
export function currentBank(surveysDir?: string): ItemBank {
  if (!cached || cached.dir !== surveysDir)
    cached = { dir: surveysDir, bank: loadItemBank(surveysDir) };
  return cached.bank;
}
