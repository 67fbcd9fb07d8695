import { StoredElements } from "./stored-keys";

/**
 * Updates that only add top-level fields, written to the journal as the added
 * elements instead of the whole document: marking a response as folded adds a
 * few bytes to a document of more than a kilobyte, and a restart reads the
 * journal back. Replaying such a change puts each element in by its name, in
 * place of an element of the same name or else at the end, so it gives the
 * same document whether the state it is replayed over already holds the
 * change or not (engine.ts, `Effect`).
 */

const WAS = new StoredElements();
const ADDED = new StoredElements();

/**
 * The elements `now` has after all of `was`'s, when `now` is `was` with
 * elements added at its end (two BSON documents); undefined when it differs
 * in any other way.
 */
export function appendedElements(was: Buffer, now: Buffer): Buffer | undefined {
  const wasEnd = was.length - 1;
  if (now.length <= was.length) return undefined;
  // Everything between the length and the end byte is the same, element for element.
  if (now.compare(was, 4, wasEnd, 4, wasEnd) !== 0) return undefined;
  return now.subarray(wasEnd, now.length - 1);
}

/**
 * `doc` with each element of `elements` (a sequence of BSON elements) put in
 * place of the element of the same name, or at the end where it has none;
 * undefined when either does not read as BSON.
 */
export function withElements(doc: Buffer, elements: Buffer): Buffer | undefined {
  if (!ADDED.readElements(elements, 0, elements.length) || !WAS.read(doc)) return undefined;
  const parts: Buffer[] = [];
  let from = 4;
  const appended: Buffer[] = [];
  // Replaced elements in the order they stand in `doc`, the others after its last.
  const replacing: Array<[number, Buffer]> = [];
  for (let i = 0; i < ADDED.count; i += 1) {
    const [start, end] = ADDED.spanOf(i);
    const element = elements.subarray(start, end);
    const at = WAS.findNameOf(ADDED, i);
    if (at < 0) appended.push(element);
    else replacing.push([at, element]);
  }
  replacing.sort((a, b) => a[0] - b[0]);
  for (const [at, element] of replacing) {
    const [start, end] = WAS.spanOf(at);
    parts.push(doc.subarray(from, start), element);
    from = end;
  }
  parts.push(doc.subarray(from, doc.length - 1), ...appended);
  const size = 4 + parts.reduce((sum, p) => sum + p.length, 0) + 1;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let at = 4;
  for (const p of parts) at += p.copy(out, at);
  out[at] = 0;
  return out;
}
