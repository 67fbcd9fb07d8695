/** Every invitation ends in exactly one disposition, and each maps to its AAPOR code. */
import { aaporRates } from "../../server/analytics/aapor";
import {
  aaporCounts,
  classifyInvitation,
  emptyTally,
  partialThreshold,
  type InvitationFacts,
} from "../../server/analytics/dispositions";

const none: InvitationFacts = {
  invited: false,
  delivered: false,
  opened: false,
  started: false,
  completed: false,
  bounced: false,
  optedOut: false,
  pageReached: null,
};

it("classifies each kind of invitation", () => {
  const from = partialThreshold(6); // 3 of 6 pages
  expect(from).toBe(3);
  const cases: Array<[Partial<InvitationFacts>, string]> = [
    [{}, "unknown"], // queued, never sent (AAPOR 3.11)
    [{ invited: true }, "unknown"], // sent, no receipt, nothing back (3.19)
    [{ invited: true, delivered: true }, "non-contact"],
    [{ invited: true, bounced: true }, "ineligible"],
    [{ invited: true, delivered: true, optedOut: true }, "refusal"],
    [{ invited: true, delivered: true, opened: true }, "break-off"], // logged on, no answer
    [{ invited: true, opened: true, started: true, pageReached: 2 }, "break-off"],
    [{ invited: true, opened: true, started: true, pageReached: 3 }, "partial"],
    [{ invited: true, opened: true, started: true, pageReached: 5, optedOut: true }, "partial"],
    [{ invited: true, opened: true, started: true, optedOut: true }, "refusal"],
    [{ invited: true, opened: true, started: true, completed: true, bounced: true }, "complete"],
  ];
  for (const [facts, expected] of cases)
    expect([facts, classifyInvitation({ ...none, ...facts }, from)]).toEqual([facts, expected]);
  expect(partialThreshold(1)).toBe(1);
});

it("maps a tally to AAPOR's codes: break-offs and refusals both count as R", () => {
  const tally = {
    ...emptyTally(),
    complete: 180,
    partial: 20,
    "break-off": 40,
    refusal: 20,
    "non-contact": 300,
    ineligible: 40,
    unknown: 400,
  };
  const counts = aaporCounts(tally);
  expect(counts).toEqual({ I: 180, P: 20, R: 60, NC: 300, O: 0, UH: 0, UO: 400, NE: 40 });
  // The hand-worked SMS wave of aapor.test.ts: RR1 = 180 / 960.
  expect(aaporRates(counts).RR1).toBeCloseTo(0.1875, 12);
});
