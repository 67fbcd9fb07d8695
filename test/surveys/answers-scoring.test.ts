import { loadInstrumentDraft, loadItemBank } from "../../server/surveys/bank";
import { validateAnswers } from "../../server/surveys/answer-schema";
import {
  constructsOf,
  favourableFlags,
  minValidItems,
  percentFavourable,
  scoreResponse,
  scoreSubscales,
} from "../../server/surveys/scoring";
import { publishSnapshot } from "../../server/surveys/snapshot";

const bank = loadItemBank();
const snapshot = publishSnapshot(bank, loadInstrumentDraft(bank, "core"));

describe("validateAnswers", () => {
  it.each<[string, Record<string, unknown>]>([
    ["consent only", { consent: true }],
    ["scale points", { consent: true, soc_needs_1: 1, soc_belonging_1: 5, sat_services_1: 4 }],
    ["don't know where offered", { consent: true, sat_parks_1: "dk" }],
  ])("accepts %s", (_, answers) => {
    expect(validateAnswers(snapshot, answers)).toEqual({ ok: true, answers });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["no consent", { soc_needs_1: 3 }, "consent", "CONSENT_REQUIRED"],
    ["consent false", { consent: false }, "consent", "CONSENT_REQUIRED"],
    ["consent as a string", { consent: "true" }, "consent", "CONSENT_REQUIRED"],
    ["a number as a string", { consent: true, soc_needs_1: "3" }, "soc_needs_1", "NOT_A_CHOICE"],
    ["a fraction", { consent: true, soc_needs_1: 2.5 }, "soc_needs_1", "NOT_A_CHOICE"],
    ["a value off the scale", { consent: true, soc_needs_1: 9 }, "soc_needs_1", "NOT_A_CHOICE"],
    [
      "5 on a 4-point scale",
      { consent: true, sat_services_1: 5 },
      "sat_services_1",
      "NOT_A_CHOICE",
    ],
    [
      "a query operator",
      { consent: true, soc_needs_1: { $gt: "" } },
      "soc_needs_1",
      "NOT_A_CHOICE",
    ],
    [
      "don't know where not offered",
      { consent: true, ce_trust_1: "dk" },
      "ce_trust_1",
      "NOT_A_CHOICE",
    ],
    ["null", { consent: true, ce_trust_1: null }, "ce_trust_1", "NOT_A_CHOICE"],
    [
      "an unknown question",
      { consent: true, favourite_colour: 2 },
      "favourite_colour",
      "UNKNOWN_QUESTION",
    ],
    ["a $where key", { consent: true, $where: "sleep(1000)" }, "$where", "UNKNOWN_QUESTION"],
    [
      "a __proto__ key",
      JSON.parse('{"consent":true,"__proto__":{"x":1}}'),
      "__proto__",
      "UNKNOWN_QUESTION",
    ],
  ])("refuses %s", (_, answers, path, code) => {
    expect(validateAnswers(snapshot, answers)).toEqual({ ok: false, issues: [{ path, code }] });
  });

  it("reports every problem at once", () => {
    const result = validateAnswers(snapshot, { soc_needs_1: 0, other: 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.code)).toEqual([
      "CONSENT_REQUIRED",
      "NOT_A_CHOICE",
      "UNKNOWN_QUESTION",
    ]);
  });
});

describe("scoreResponse", () => {
  const score = (answers: Record<string, unknown>) =>
    scoreResponse(snapshot, { consent: true, ...answers });

  it("averages a construct's items", () => {
    // (4 + 5 + 2 + 3) / 4 = 3.5
    const s = score({
      soc_needs_1: 4,
      soc_belonging_1: 5,
      soc_influence_1: 2,
      soc_connection_1: 3,
    });
    expect(s.sense_of_community).toBe(3.5);
  });

  it("reverses negatively worded items on the construct's own range", () => {
    // ce_conflict_1 = 2 reversed on 1..5 is 4: (5 + 4 + 4 + 3) / 4 = 4
    const s = score({ ce_cohesion_1: 5, ce_trust_1: 4, ce_conflict_1: 2, ce_intervene_1: 3 });
    expect(s.collective_efficacy).toBe(4);
  });

  it("treats don't know as missing, not as a scale point", () => {
    // (4 + 1) / 2 = 2.5; the two "dk" answers do not count.
    const s = score({
      sat_services_1: 4,
      sat_cleanliness_1: "dk",
      sat_parks_1: 1,
      sat_requests_1: "dk",
    });
    expect(s.satisfaction_with_authority).toBe(2.5);
  });

  it("scores null when fewer than half the items are answered", () => {
    expect(score({ soc_needs_1: 4 }).sense_of_community).toBeNull();
    expect(score({ sat_services_1: 3, sat_parks_1: "dk" }).satisfaction_with_authority).toBeNull();
    expect(score({ soc_needs_1: 4, soc_influence_1: 1 }).sense_of_community).toBe(2.5);
    expect(score({}).collective_efficacy).toBeNull();
  });

  it("scores every construct of the snapshot", () => {
    expect(Object.keys(score({}))).toEqual(snapshot.constructs.map((c) => c.id));
  });
});

describe("subscales and % favourable", () => {
  it("scores subscales with the same reverse and minimum rules", () => {
    // cohesion: 5, 4 and ce_conflict_1 = 2 reversed to 4 -> 13/3; control: only ce_intervene_1 = 2.
    const s = scoreSubscales(snapshot, {
      ce_cohesion_1: 5,
      ce_trust_1: 4,
      ce_conflict_1: 2,
      ce_intervene_1: 2,
    });
    expect(s.collective_efficacy!.cohesion).toBeCloseTo(13 / 3, 12);
    expect(s.collective_efficacy!.control).toBe(2);
    // One of three cohesion items is fewer than ceil(3/2) = 2: missing.
    expect(scoreSubscales(snapshot, { ce_cohesion_1: 5 }).collective_efficacy!.cohesion).toBeNull();
    // Single-subscale constructs and indicators have no separate subscale scores.
    expect(s).not.toHaveProperty("volunteering");
  });

  it("needs half the items rounded up", () => {
    expect([1, 2, 3, 4, 5, 8].map(minValidItems)).toEqual([1, 1, 2, 2, 3, 4]);
  });

  it("flags a response favourable at the top-2 box of its construct's scale", () => {
    const scores = scoreResponse(snapshot, {
      soc_needs_1: 4,
      soc_belonging_1: 4,
      soc_influence_1: 3,
      soc_connection_1: 4, // mean 3.75: below 4
      sat_services_1: 3, // 1..4 scale: a mean of 3.5 is in the top-2 box (3 and 4)
      sat_parks_1: 4,
      vol_frequency: 2, // volunteering counts any volunteering, as the CBS item does
    });
    const flags = favourableFlags(snapshot, scores);
    expect(flags).toMatchObject({
      sense_of_community: false,
      satisfaction_with_authority: true,
      volunteering: true,
      collective_efficacy: null,
    });
    expect(percentFavourable([true, false, null, true])).toBeCloseTo(200 / 3, 12);
    expect(percentFavourable([null])).toBeNull();
  });
});

describe("constructsOf", () => {
  it("gives each construct's names, source and range", () => {
    const all = constructsOf(snapshot);
    const soc = all.find((c) => c.id === "sense_of_community");
    const sat = all.find((c) => c.id === "satisfaction_with_authority");
    expect(soc).toEqual({
      id: "sense_of_community",
      name: expect.objectContaining({ en: "Sense of community" }),
      description: expect.objectContaining({ he: expect.any(String), ar: expect.any(String) }),
      source: "Brief Sense of Community Scale (Peterson, Speer & McMillan, 2008)",
      scale: { min: 1, max: 5 },
    });
    expect(sat!.scale).toEqual({ min: 1, max: 4 });
  });
});
