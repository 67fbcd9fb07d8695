import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { testApp } from "../helpers/app";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

describe("content security policy", () => {
  it("allows scripts from this origin only: no inline, no eval, no third party", async () => {
    const res = await request(testApp(t)).get("/api/health");
    const csp = String(res.headers["content-security-policy"]);
    const scripts = /script-src ([^;]+)/.exec(csp)![1]!;
    expect(scripts.trim()).toBe("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).not.toMatch(/https?:\/\//);
  });

  it.each(["index.html", "take.html"])("the built %s has no inline script", (page) => {
    const file = path.join(process.cwd(), "dist", "client", page);
    if (!fs.existsSync(file))
      throw new Error("No client build: run `npm run build` (npm test does)");
    const html = fs.readFileSync(file, "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\ssrc="\/assets\//);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
  });
});
