/**
 * Issue 19, youth module (12-17): the contacts import reads a parental-consent
 * column (he/ar/en headers), records a parent's or guardian's consent on the
 * contact with when it was recorded, never assumes it, takes a later "no" as a
 * withdrawal, and refuses a row whose cell says neither yes nor no.
 */
import { checkContacts } from "../../server/distribution/contacts/check";
import { readContactFile } from "../../server/distribution/contacts/file";
import { importContacts } from "../../server/distribution/contacts/import";
import { Contact, SEALED } from "../../server/distribution/contacts/model";
import { createFieldCipher } from "../../server/privacy/crypto";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeSmsWave } from "./fixtures";

let t: TestStore;
let target: Awaited<ReturnType<typeof makeSmsWave>>;

beforeAll(async () => {
  t = await startTestStore();
  target = await makeSmsWave();
});
afterAll(() => t.close());

async function check(csv: string) {
  return checkContacts(await readContactFile(Buffer.from(csv)), "he");
}

async function importCsv(csv: string) {
  const c = await check(csv);
  await importContacts(
    c,
    { authorityId: target.wave.authorityId, waveId: target.wave._id },
    { cipher: createFieldCipher(t.config.dataKeys), linkSecret: t.config.linkSecret },
  );
  return c;
}

const consentOf = async (phone: string) => {
  const cipher = createFieldCipher(t.config.dataKeys);
  const c = await Contact.findOne({
    authorityId: target.wave.authorityId,
    phoneIndex: cipher.blindIndex(phone, SEALED.phoneIndex),
  }).lean();
  return c?.parentalConsent ?? null;
};

it("finds the column by its Hebrew, Arabic or English header", async () => {
  for (const header of ["parental consent", "הסכמת הורים", "موافقة الأهل"]) {
    const c = await check(`phone,${header}\n0501111111,yes\n`);
    expect(c.columns.parentalConsent).toBe(header);
    expect(c.valid[0]!.parentalConsent).toBe(true);
  }
});

it("records consent given, not given, and a later withdrawal; refuses an unclear cell", async () => {
  const first = await importCsv(
    ["phone,parental consent", "0502222221,כן", "0502222222,", "0502222223,maybe later"].join("\n"),
  );
  expect(first.invalid).toEqual([{ line: 4, reason: "parental-consent", value: "may…er" }]);
  const given = await consentOf("+972502222221");
  expect(given?.given).toBe(true);
  expect(given?.recordedAt).toBeInstanceOf(Date);
  expect((await consentOf("+972502222222"))?.given).toBe(false);

  await importCsv(["phone,parental consent", "0502222221,לא"].join("\n"));
  expect((await consentOf("+972502222221"))?.given).toBe(false);
});

it("leaves a contact's consent alone when the file has no such column", async () => {
  await importCsv(["phone,parental consent", "0503333331,yes"].join("\n"));
  await importCsv(["phone,language", "0503333331,he"].join("\n"));
  expect((await consentOf("+972503333331"))?.given).toBe(true);
  const plain = await check("phone\n0503333332\n");
  expect(plain.valid[0]!.parentalConsent).toBeUndefined();
});
