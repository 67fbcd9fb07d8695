/**
 * AAPOR outcome rates against the published formulas (Standard Definitions
 * 2023, "Calculating rates"), on cases worked by hand. The arithmetic is in the
 * comments; the first case is also the worked example of R's outcomerate
 * package (rOpenSci), whose printed figures agree to three decimals.
 */
import {
  aaporRates,
  emptyDispositionCounts,
  estimateEligibility,
} from "../../server/analytics/aapor";

const close = (x: number | null, y: number) => {
  expect(x).not.toBeNull();
  expect(x!).toBeCloseTo(y, 10);
};

it("gives every rate of a case with one of each kind of non-interview", () => {
  // I=4 P=2 R=1 NC=1 O=1 UH=1 UO=1 NE=1.
  const c = { I: 4, P: 2, R: 1, NC: 1, O: 1, UH: 1, UO: 1, NE: 1 };
  // e = (I+P+R+NC+O) / (I+P+R+NC+O+NE) = 9 / 10.
  expect(estimateEligibility(c)).toBeCloseTo(0.9, 12);
  const r = aaporRates(c);
  expect(r.eSource).toBe("estimated");
  // Denominators: all = (4+2) + (1+1+1) + (1+1) = 11; with e: 9 + 0.9·2 = 10.8; known: 9.
  close(r.RR1, 4 / 11); // 0.364
  close(r.RR2, 6 / 11); // 0.545
  close(r.RR3, 4 / 10.8); // 0.370
  close(r.RR4, 6 / 10.8); // 0.556
  close(r.RR5, 4 / 9); // 0.444
  close(r.RR6, 6 / 9); // 0.667
  // Cooperation: (I+P)+R+O = 8; (I+P)+R = 7.
  close(r.COOP1, 4 / 8); // 0.500
  close(r.COOP2, 6 / 8); // 0.750
  close(r.COOP3, 4 / 7); // 0.571
  close(r.COOP4, 6 / 7); // 0.857
  close(r.REF1, 1 / 11); // 0.091
  close(r.REF2, 1 / 10.8); // 0.093
  close(r.REF3, 1 / 9); // 0.111
  // Contact: contacted = (I+P)+R+O = 8; + NC = 9; + (UH+UO) = 11, or + e·2 = 10.8.
  close(r.CON1, 8 / 11); // 0.727
  close(r.CON2, 8 / 10.8); // 0.741
  close(r.CON3, 8 / 9); // 0.889
  // outcomerate(freq, e = eligibility_rate(freq)) prints these, rounded:
  const printed = {
    RR1: 0.364,
    RR2: 0.545,
    RR3: 0.37,
    RR4: 0.556,
    RR5: 0.444,
    RR6: 0.667,
    COOP1: 0.5,
    COOP2: 0.75,
    COOP3: 0.571,
    COOP4: 0.857,
    REF1: 0.091,
    REF2: 0.093,
    REF3: 0.111,
    CON1: 0.727,
    CON2: 0.741,
    CON3: 0.889,
  } as const;
  for (const [k, v] of Object.entries(printed))
    expect(Math.round(r[k as keyof typeof printed]! * 1000) / 1000).toBe(v);
});

it("works an SMS wave of 1,000 invitations by hand", () => {
  // 1,000 invitations: 180 complete, 20 partial, 40 break-offs + 20 opt-outs (R = 60),
  // 300 delivered and never opened (NC), 400 never confirmed delivered (UO), 40 bounced (NE).
  const c = { ...emptyDispositionCounts(), I: 180, P: 20, R: 60, NC: 300, UO: 400, NE: 40 };
  // e = 560 / (560 + 40) = 0.933…
  const e = 560 / 600;
  const r = aaporRates(c);
  close(r.e, e);
  // all = 200 + 360 + 400 = 960.
  close(r.RR1, 180 / 960); // 0.1875
  close(r.RR2, 200 / 960); // 0.2083
  // with e: 560 + 0.9333·400 = 933.33.
  close(r.RR3, 180 / (560 + e * 400)); // 0.1929
  close(r.RR4, 200 / (560 + e * 400)); // 0.2143
  // O = 0, so COOP1 = COOP3 and COOP2 = COOP4: 180 / 260 and 200 / 260.
  close(r.COOP1, 180 / 260);
  close(r.COOP3, 180 / 260);
  close(r.COOP2, 200 / 260);
  close(r.COOP4, 200 / 260);
  close(r.REF1, 60 / 960); // 0.0625
  close(r.REF2, 60 / (560 + e * 400)); // 0.0643
  close(r.REF3, 60 / 560); // 0.1071
  close(r.CON1, 260 / 960); // 0.2708
  close(r.CON2, 260 / (560 + e * 400)); // 0.2786
  close(r.CON3, 260 / 560); // 0.4643
  // The old rate, completed ÷ invited with the bounces in the denominator, was 180 / 1000.
  expect(r.RR1).not.toBeCloseTo(0.18, 3);
});

it("takes a researcher's e, and says so", () => {
  const c = { ...emptyDispositionCounts(), I: 50, R: 10, NC: 40, UO: 100 };
  const r = aaporRates(c, 0.5);
  expect(r).toMatchObject({ e: 0.5, eSource: "given" });
  // RR3 = 50 / (100 + 0.5·100) = 50 / 150.
  close(r.RR3, 50 / 150);
  // With e = 0 RR3 is RR5: 50 / 100.
  close(aaporRates(c, 0).RR3, 0.5);
  expect(() => aaporRates(c, 1.2)).toThrow(RangeError);
});

it("leaves a rate empty when its denominator is, and takes e = 1 with nothing known", () => {
  const none = aaporRates(emptyDispositionCounts());
  expect(none.e).toBe(1);
  expect(none.RR1).toBeNull();
  expect(none.COOP1).toBeNull();
  // Only unknown cases: e = 1 (no known case to estimate from), RR3 = RR1 = 0, COOP undefined.
  const unknown = aaporRates({ ...emptyDispositionCounts(), UO: 25 });
  expect(unknown.e).toBe(1);
  close(unknown.RR1, 0);
  close(unknown.RR3, 0);
  expect(unknown.RR5).toBeNull();
  expect(unknown.COOP1).toBeNull();
  close(unknown.CON1, 0);
});
