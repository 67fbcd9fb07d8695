/**
 * Issue 19: a youth instrument (12-17) with the consent rules a minor needs, a
 * short professionals' survey, and a consent that says "anonymous" only where it
 * is true ("confidential" where a panel links answers to a contact).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadItemBank } from "../../server/surveys/bank";
import { consentTextOf, mayStart } from "../../server/surveys/consent";
import { questionsOfSnapshot, snapshotOf } from "../../server/surveys/snapshot";

const SURVEYS = path.join(__dirname, "../../surveys");
const bank = loadItemBank(SURVEYS);
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the youth instrument", () => {
  const youth = snapshotOf(bank, "youth");

  it("is for ages 12-17 and needs a parent's or guardian's consent first", () => {
    expect(youth.respondents).toEqual({
      audience: "youth",
      minAge: 12,
      maxAge: 17,
      parentalConsent: true,
    });
    expect(mayStart(youth, { parentalConsent: false })).toBe(false);
    expect(mayStart(youth, { parentalConsent: true })).toBe(true);
    expect(mayStart(snapshotOf(bank, "core"), { parentalConsent: false })).toBe(true);
  });

  it("tells the minor that the choice is still theirs, in four languages", () => {
    expect(youth.texts.consent.he).toMatch(/ההורה או האפוטרופוס\/ית/);
    expect(youth.texts.consent.en).toMatch(/parent or guardian.*your choice/s);
    expect(youth.texts.consent.ar).toMatch(/الوصيّ/);
    expect(youth.texts.consent.ru).toMatch(/опекун/);
  });

  it("asks its own age bands, never the adults' 18+ module", () => {
    const ids = questionsOfSnapshot(youth).map((q) => q.id);
    expect(ids).toContain("yth_age");
    expect(ids).not.toContain("dem_age_band");
    expect(youth.constructs.map((c) => c.id)).toEqual(["youth_connection"]);
  });

  it("cannot be declared for minors without parental consent", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bank-youth-"));
    temps.push(dir);
    cpSync(SURVEYS, dir, { recursive: true });
    const file = path.join(dir, "instruments/youth.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.respondents.parentalConsent = false;
    writeFileSync(file, JSON.stringify(json));
    expect(() => loadItemBank(dir)).toThrow(/an instrument for minors needs parentalConsent/);
  });
});

describe("the professionals' survey", () => {
  const pros = snapshotOf(bank, "professionals");
  it("is short, scores system capacity and asks the role, not residents' demographics", () => {
    expect(pros.respondents?.audience).toBe("professionals");
    expect(pros.constructs.map((c) => c.id)).toEqual(["system_capacity"]);
    const ids = questionsOfSnapshot(pros).map((q) => q.id);
    expect(ids).toContain("pro_role");
    expect(ids.some((id) => id.startsWith("dem_"))).toBe(false);
    expect(ids.length).toBeLessThanOrEqual(10);
  });
});

describe("the survey title a respondent reads", () => {
  // The bank's standard title addresses residents about their neighbourhood.
  it.each(["youth", "professionals"])("is the %s survey's own, in four languages", (key) => {
    const own = snapshotOf(bank, key).texts.title;
    for (const l of ["he", "ar", "en", "ru"] as const) {
      expect(own[l]).toBeTruthy();
      expect(own[l]).not.toBe(bank.texts.title[l]);
    }
  });
});

describe("consent wording", () => {
  const core = snapshotOf(bank, "core", 2);
  it("says confidential, never anonymous, to a panel member", () => {
    const text = consentTextOf(core, { panel: true });
    expect(text.en).toMatch(/confidential/);
    expect(text.en).not.toMatch(/anonymous/i);
    expect(text.he).toMatch(/בסודיות/);
    expect(text.he).not.toMatch(/אנונימי/);
    expect(text.ar).toMatch(/سرّية/);
    expect(text.ar).not.toMatch(/مجهولة/);
  });

  it("says anonymous where answers cannot be linked to anyone", () => {
    expect(consentTextOf(core, { panel: false }).en).toMatch(/anonymous/);
  });

  it("falls back to the one text of a version published before the panel wording", () => {
    const old = { texts: { ...core.texts, consentPanel: undefined } };
    expect(consentTextOf(old, { panel: true })).toEqual(core.texts.consent);
  });
});
