/**
 * A small, independent reader of uncompressed little-endian SPSS system files,
 * written from the PSPP manual's "System File Format" to check what the export
 * writes: variables (with long names), labels, value labels, missing values and
 * the cases.
 */
export interface SavFile {
  header: { product: string; caseSize: number; cases: number; label: string };
  variables: Array<{
    short: string;
    name: string;
    width: number;
    label: string | null;
    missing: number[];
    valueLabels: Map<number, string>;
  }>;
  encoding: string | null;
  cases: Array<Array<number | string | null>>;
}

const SYSMIS = -Number.MAX_VALUE;

export function readSav(buf: Buffer): SavFile {
  let at = 0;
  const int = () => ((at += 4), buf.readInt32LE(at - 4));
  const dbl = () => ((at += 8), buf.readDoubleLE(at - 8));
  const bytes = (n: number) => ((at += n), buf.subarray(at - n, at));
  const text = (n: number) => bytes(n).toString("utf8");
  if (text(4) !== "$FL2") throw new Error("not a system file");
  const product = text(60).trimEnd();
  if (int() !== 2) throw new Error("layout code is not 2 (not little-endian)");
  const caseSize = int();
  if (int() !== 0) throw new Error("compressed files are not read here");
  int(); // weight index
  const cases = int();
  if (dbl() !== 100) throw new Error("bias is not 100");
  bytes(17);
  const label = text(64).trimEnd();
  bytes(3);

  const slots: Array<SavFile["variables"][number] | null> = [];
  const variables: SavFile["variables"] = [];
  let encoding: string | null = null;
  for (;;) {
    const type = int();
    if (type === 2) {
      const width = int();
      const hasLabel = int();
      const nMissing = int();
      int();
      int();
      const short = text(8).trimEnd();
      let varLabel: string | null = null;
      if (hasLabel) {
        const len = int();
        varLabel = bytes(Math.ceil(len / 4) * 4)
          .subarray(0, len)
          .toString("utf8");
      }
      const missing = Array.from({ length: Math.abs(nMissing) }, () => dbl());
      if (width === -1) {
        slots.push(null);
        continue;
      }
      const v = { short, name: short, width, label: varLabel, missing, valueLabels: new Map() };
      variables.push(v);
      slots.push(v);
    } else if (type === 3) {
      const count = int();
      const labels: Array<[number, string]> = [];
      for (let i = 0; i < count; i++) {
        const value = dbl();
        const len = buf[at]!;
        const raw = bytes(Math.ceil((len + 1) / 8) * 8);
        labels.push([value, raw.subarray(1, 1 + len).toString("utf8")]);
      }
      if (int() !== 4) throw new Error("value labels not followed by a type 4 record");
      const n = int();
      for (let i = 0; i < n; i++) {
        const v = slots[int() - 1];
        if (!v) throw new Error("value labels point at a continuation slot");
        for (const [value, l] of labels) v.valueLabels.set(value, l);
      }
    } else if (type === 7) {
      const subtype = int();
      const size = int();
      const count = int();
      const data = bytes(size * count);
      if (subtype === 13)
        for (const pair of data.toString("utf8").split("\t")) {
          const [short, long] = pair.split("=");
          const v = variables.find((x) => x.short === short);
          if (v && long) v.name = long;
        }
      if (subtype === 20) encoding = data.toString("latin1");
    } else if (type === 999) {
      int();
      break;
    } else throw new Error(`unknown record type ${type} at ${at - 4}`);
  }
  if (slots.length !== caseSize) throw new Error(`${slots.length} slots, header says ${caseSize}`);
  const rows: SavFile["cases"] = [];
  while (at < buf.length) {
    const row: Array<number | string | null> = [];
    for (const v of variables) {
      if (v.width === 0) {
        const x = dbl();
        row.push(x === SYSMIS ? null : x);
      } else {
        row.push(
          bytes(Math.ceil(v.width / 8) * 8)
            .subarray(0, v.width)
            .toString("utf8")
            .trimEnd(),
        );
      }
    }
    rows.push(row);
  }
  if (cases !== -1 && rows.length !== cases)
    throw new Error(`${rows.length} cases, header says ${cases}`);
  return { header: { product, caseSize, cases, label }, variables, encoding, cases: rows };
}
