/**
 * Contacts import: a messy real-world file read as CSV (UTF-8 and windows-1255)
 * and as XLSX gives the same per-row report; the import writes sealed contacts
 * with personal links, keeps duplicates and opted-out numbers out, reports
 * progress, and never puts a phone number anywhere in the clear.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import type { Express } from "express";
import { checkContacts, summarizeCheck } from "../../server/distribution/contacts/check";
import { readContactFile } from "../../server/distribution/contacts/file";
import { Contact, OptOut } from "../../server/distribution/contacts/model";
import { Invitation } from "../../server/distribution/invitations/model";
import { createFieldCipher } from "../../server/privacy/crypto";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave } from "./fixtures";
import { MESSY_EXPECTED, MESSY_HEADER, MESSY_ROWS, messyCsv } from "./messy";
import { makeXlsx } from "./xlsx";
import { builtScript, nodeArgsFor } from "../helpers/built-server";

let t: TestStore;
let app: Express;
let coordinator: SignedIn;
let target: Awaited<ReturnType<typeof makeSmsWave>>;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  target = await makeSmsWave();
  coordinator = await signInAs(app, "authority-coordinator", target.authority._id);
});
afterAll(() => t.close());

const base = () => `/api/authorities/${target.authority.slug}/waves/${target.wave._id}`;
const post = (p: string, body: unknown) =>
  coordinator.agent
    .post(p)
    .set("X-CSRF-Token", coordinator.csrf)
    .send(body as object);

/** The report without values, for comparing readers. */
async function reportOf(bytes: Buffer) {
  const s = summarizeCheck(checkContacts(await readContactFile(bytes), "he"));
  return {
    total: s.total,
    valid: s.valid,
    invalid: s.invalid.map(({ line, reason }) => ({ line, reason })),
    duplicates: s.duplicates,
  };
}

describe("reading a messy contacts file", () => {
  it("reports valid rows, invalid rows with reasons and duplicates, from CSV", async () => {
    expect(await reportOf(Buffer.from(messyCsv()))).toEqual(MESSY_EXPECTED);
  });

  it("gives the same report from a UTF-8 CSV with a byte-order mark", async () => {
    expect(await reportOf(Buffer.from(`\uFEFF${messyCsv()}`))).toEqual(MESSY_EXPECTED);
  });

  it("reads Excel's windows-1255 CSV (Hebrew, no Arabic) the same way", async () => {
    const hebrewOnly = [
      MESSY_HEADER,
      ["דנה", "050-1234567", "עברית", "מרכז", "כן"],
      ["יוסי", "02-6234567", "", "", ""],
    ];
    const text = hebrewOnly.map((r) => r.join(",")).join("\r\n");
    // windows-1255 puts Hebrew letters at 0xE0-0xFA in alphabetical order
    const bytes = Buffer.from(
      [...text].map((ch) => {
        const code = ch.charCodeAt(0);
        return code >= 0x5d0 && code <= 0x5ea ? 0xe0 + (code - 0x5d0) : code;
      }),
    );
    const s = summarizeCheck(checkContacts(await readContactFile(bytes), "he"));
    expect(s.columns).toMatchObject({ phone: "טלפון נייד", language: "שפה" });
    expect(s.valid).toBe(1);
    expect(s.invalid).toEqual([{ line: 3, reason: "landline", value: "02-…67" }]);
  });

  it("gives the same report from XLSX, numbers stored as numbers included", async () => {
    expect(await reportOf(makeXlsx([MESSY_HEADER, ...MESSY_ROWS]))).toEqual(MESSY_EXPECTED);
  });

  it("never echoes a whole rejected number", async () => {
    const s = summarizeCheck(checkContacts(await readContactFile(Buffer.from(messyCsv())), "he"));
    expect(JSON.stringify(s)).not.toMatch(/6234567|2025550100/);
  });
});

describe("the contacts:check verb", () => {
  it("prints the same report as the API's pre-flight, and --json for machines", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-contacts-"));
    const file = path.join(dir, "contacts.xlsx");
    fs.writeFileSync(file, makeXlsx([MESSY_HEADER, ...MESSY_ROWS]));
    const run = (...args: string[]) =>
      execFileSync(
        process.execPath,
        [...nodeArgsFor(builtScript("scripts/contacts-check.ts")), ...args],
        {
          encoding: "utf8",
          env: { ...process.env, LOG_LEVEL: "silent" },
        },
      );
    const json = JSON.parse(run(file, "--json"));
    const api = await post(`${base()}/contact-imports/check`, {
      content: fs.readFileSync(file).toString("base64"),
    }).expect(200);
    expect(json).toEqual(api.body);
    const text = run(file);
    expect(text).toMatch(/valid:\s+5/);
    expect(text).toMatch(/line 10: language-default/);
    expect(text).toMatch(/line 6: landline/);
    expect(text).toMatch(/line 5: duplicate of line 2/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});

describe("importing through the API", () => {
  async function importFile(bytes: Buffer) {
    const res = await post(`${base()}/contact-imports`, {
      filename: "residents.xlsx",
      content: bytes.toString("base64"),
    }).expect(201);
    let job = res.body;
    for (let i = 0; i < 100 && job.status === "processing"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await coordinator.agent.get(`${base()}/contact-imports/${job.id}`).expect(200)).body;
    }
    return job;
  }

  it("writes sealed contacts and one personal link each, and reports per row", async () => {
    const job = await importFile(makeXlsx([MESSY_HEADER, ...MESSY_ROWS]));
    expect(job).toMatchObject({ status: "done", total: 5, processed: 5, created: 5, invited: 5 });
    expect(job.invalid.map((r: { line: number }) => r.line)).toEqual([6, 7, 8, 9, 12]);
    expect(job.duplicates).toHaveLength(2);

    const contacts = await Contact.find({ authorityId: target.authority._id }).lean();
    expect(contacts).toHaveLength(5);
    const cipher = createFieldCipher(t.config.dataKeys);
    const phones = contacts.map((c) => cipher.decrypt(c.phoneSealed, "contacts.phone")).sort();
    expect(phones).toEqual([
      "+972501234567",
      "+972523334444",
      "+972527654321",
      "+972541112233",
      "+972554443322",
    ]);
    // panel consent recorded apart, with a pseudonym only for those who gave it
    const consenting = contacts.filter((c) => c.panelConsent?.given);
    expect(consenting).toHaveLength(3);
    expect(consenting.every((c) => /^p_[\w-]{16}$/.test(c.panelId ?? ""))).toBe(true);
    expect(await Invitation.countDocuments({ waveId: target.wave._id })).toBe(5);
    const ar = await Invitation.findOne({ waveId: target.wave._id, locale: "ar" }).lean();
    expect(ar?.neighbourhood).toBe("الحي الشرقي");
  });

  it("keeps no phone number or name in the clear anywhere in the store", async () => {
    const db = mongoose.connection.db!;
    for (const c of await db.collections()) {
      const text = JSON.stringify(await c.find({}).toArray());
      expect({
        collection: c.collectionName,
        leaks: /501234567|7654321|דנה כהן|Ahmad/.test(text),
      }).toEqual({
        collection: c.collectionName,
        leaks: false,
      });
    }
  });

  it("imports the same file again without duplicates and keeps links", async () => {
    const before = await Invitation.find({ waveId: target.wave._id }, { tokenHash: 1 })
      .sort({ _id: 1 })
      .lean();
    const job = await importFile(makeXlsx([MESSY_HEADER, ...MESSY_ROWS]));
    expect(job).toMatchObject({ status: "done", created: 0, existing: 5, invited: 0 });
    const after = await Invitation.find({ waveId: target.wave._id }, { tokenHash: 1 })
      .sort({ _id: 1 })
      .lean();
    expect(after).toEqual(before);
  });

  it("keeps a number that opted out out of a later import", async () => {
    const cipher = createFieldCipher(t.config.dataKeys);
    await OptOut.create({
      phoneIndex: cipher.blindIndex("+972509998877", "contacts.phone"),
      at: new Date(),
      source: "sms",
    });
    const job = await importFile(Buffer.from("טלפון\n050-999-8877\n"));
    expect(job).toMatchObject({ status: "done", created: 1, optedOut: 1, invited: 0 });
  });

  it("refuses a file it cannot read, with a translated reason", async () => {
    const res = await post(`${base()}/contact-imports?lang=ar`, {
      content: Buffer.from("name,city\nx,y\n").toString("base64"),
    }).expect(400);
    expect(res.body.error.code).toBe("CONTACTS_FILE_INVALID");
    expect(res.body.error.details).toEqual([{ path: "body.content", code: "no-phone-column" }]);
    expect(res.body.error.message).toMatch(/[\u0600-\u06FF]/);
  });

  it("takes a file larger than the API's usual body limit", async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `05${String(20_000_000 + i).padStart(8, "0")},he`,
    );
    const bytes = Buffer.from(`phone,language\n${rows.join("\n")}\n`);
    expect(bytes.length).toBeGreaterThan(t.config.maxBodyBytes);
    const res = await post(`${base()}/contact-imports/check`, {
      content: bytes.toString("base64"),
    }).expect(200);
    expect(res.body.valid).toBe(20_000);
  });
});
