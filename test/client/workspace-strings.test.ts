/**
 * Every string the workspace asks i18next for exists: each literal key of a
 * `t("…")` call in client/app/workspace resolves in the file's namespace (or the
 * one it names with `ns:`), and each key built from a template has its prefix.
 * With the parity test of locales/*, this means no workspace string is missing
 * from any language.
 */
import fs from "node:fs";
import path from "node:path";

type Tree = { [key: string]: string | Tree };

const ROOT = path.join(process.cwd(), "client", "app", "workspace");
const PLURAL = ["zero", "one", "two", "few", "many", "other"];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const catalogues = new Map<string, Tree>();
function catalogue(ns: string): Tree {
  let tree = catalogues.get(ns);
  if (!tree) {
    const file = path.join(process.cwd(), "locales", "he", `${ns}.json`);
    tree = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Tree) : {};
    catalogues.set(ns, tree);
  }
  return tree;
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return node;
}

/** A whole key: a string, or the base of plural forms. */
function hasKey(ns: string, key: string): boolean {
  const tree = catalogue(ns);
  if (typeof lookup(tree, key) === "string") return true;
  return PLURAL.some((form) => typeof lookup(tree, `${key}_${form}`) === "string");
}

/** The static start of a key built from a template: it must lead somewhere. */
function hasPrefix(ns: string, prefix: string): boolean {
  const dotted = prefix.replace(/\.$/, "");
  if (dotted === "") return true;
  if (prefix.endsWith(".")) return typeof lookup(catalogue(ns), dotted) === "object";
  // `nav.${page}` style without a dot at the end: some key at that level starts with it
  const parent = dotted.includes(".") ? dotted.slice(0, dotted.lastIndexOf(".")) : "";
  const last = dotted.slice(dotted.lastIndexOf(".") + 1);
  const node = parent ? lookup(catalogue(ns), parent) : catalogue(ns);
  return typeof node === "object" && Object.keys(node).some((k) => k.startsWith(last));
}

interface Use {
  file: string;
  key: string;
}

/** Each file's `t(…)` keys, resolved against the namespace its useTranslation names first. */
function uses(): { missing: Use[]; checked: number } {
  const missing: Use[] = [];
  let checked = 0;
  for (const file of sources(ROOT)) {
    const text = fs.readFileSync(file, "utf8");
    const declared = /useTranslation\(\s*(?:\[\s*)?["']([\w-]+)["']/.exec(text)?.[1];
    const calls = text.matchAll(/\bt\(\s*(?:"([^"]+)"|'([^']+)'|`([^`]*)`)/g);
    for (const m of calls) {
      const raw = m[1] ?? m[2] ?? m[3]!;
      const template = m[3] !== undefined && raw.includes("${");
      const [ns, key] = raw.includes(":")
        ? (raw.split(":", 2) as [string, string])
        : [declared, raw];
      if (!ns) continue; // a helper taking `t` from its caller; the caller's keys are checked
      checked++;
      const ok = template ? hasPrefix(ns, key.slice(0, key.indexOf("${"))) : hasKey(ns, key);
      if (!ok) missing.push({ file: path.relative(process.cwd(), file), key: `${ns}:${key}` });
    }
  }
  return { missing, checked };
}

describe("workspace strings", () => {
  it("finds every key the workspace asks for in its catalogue", () => {
    const { missing, checked } = uses();
    expect(checked).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it("would notice a key that is not there", () => {
    expect(hasKey("workspace", "nav.bank")).toBe(true);
    expect(hasKey("workspace", "nav.nowhere")).toBe(false);
    expect(hasKey("workspace", "bank.count")).toBe(true); // plural forms only
    expect(hasPrefix("workspace", "nav.")).toBe(true);
    expect(hasPrefix("workspace", "nowhere.")).toBe(false);
  });
});
