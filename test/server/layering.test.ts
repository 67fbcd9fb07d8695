import fs from "node:fs";
import path from "node:path";

/**
 * The lower layers (access checks, HTTP plumbing, middleware, shared modules) sit
 * under the features and never import one of them: a feature's code reaches them
 * through what app.ts (the composition root) passes in. Sessions and the audit log
 * are the platform's own plumbing, not features, so middleware may use them.
 */
const SERVER = path.resolve(__dirname, "../../server");
const LOWER = ["access", "http", "middleware", "shared"];
const FEATURES = [
  "analytics",
  "authorities",
  "bank",
  "distribution",
  "exports",
  "instruments",
  "kiosk",
  "participation",
  "responses",
  "results",
  "take",
  "users",
  "waves",
];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

describe("layering of the server", () => {
  it("keeps access, http, middleware and shared free of feature imports", () => {
    const upward: string[] = [];
    for (const layer of LOWER)
      for (const file of files(path.join(SERVER, layer))) {
        const source = fs.readFileSync(file, "utf8");
        for (const [, spec] of source.matchAll(/from "(\.[^"]+)"/g)) {
          const target = path.relative(SERVER, path.resolve(path.dirname(file), spec!));
          if (FEATURES.includes(target.split(path.sep)[0]!))
            upward.push(`${path.relative(SERVER, file)} -> ${target}`);
        }
      }
    expect(upward).toEqual([]);
  });

  it("keeps server/shared free of anything but itself, zod and the locale files", () => {
    const outside: string[] = [];
    for (const file of files(path.join(SERVER, "shared"))) {
      const source = fs.readFileSync(file, "utf8");
      for (const [, spec] of source.matchAll(/from "([^"]+)"/g)) {
        const target = spec!.startsWith(".")
          ? path.relative(SERVER, path.resolve(path.dirname(file), spec!))
          : spec!;
        const ok =
          target === "zod" || target.startsWith("shared") || target.startsWith("../locales/");
        if (!ok) outside.push(`${path.relative(SERVER, file)} -> ${target}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
