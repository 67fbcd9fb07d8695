/**
 * The browser tests' scan for untranslated keys (test/helpers/key-scan.ts)
 * finds a key of any catalogue and leaves words, e-mails and addresses alone.
 */
import { keysIn } from "../helpers/key-scan";

it("finds a missing key of any catalogue, in any script around it", () => {
  expect(keysIn("ממתינים: queue.counts")).toEqual(["queue.counts"]);
  expect(keysIn("designer.opWords.eq و")).toEqual(["designer.opWords.eq"]);
  expect(keysIn("change.noReliableChange")).toEqual(["change.noReliableChange"]);
});

it("leaves words, e-mail addresses, web addresses and file names alone", () => {
  const text =
    "analyst@ramat-tamar.demo.kehila-pulse.test · https://example.org/queue.html · n = 12.5 · ramat-tamar-results.csv · 050-700-0102";
  expect(keysIn(text)).toEqual([]);
});
