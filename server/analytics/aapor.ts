/**
 * AAPOR outcome rates (Standard Definitions, 2023 edition; the formulas are
 * unchanged since the 2016 edition). A pure module: counts of final
 * dispositions in, rates out. The codes:
 * - I  complete; P partial;
 * - R  refusal and break-off; NC non-contact; O other eligible non-interview;
 * - UH unknown if household/eligible unit; UO unknown, other;
 * - NE not eligible (not in any denominator).
 */
export interface DispositionCounts {
  I: number;
  P: number;
  R: number;
  NC: number;
  O: number;
  UH: number;
  UO: number;
  NE: number;
}

/** Every rate AAPOR defines from these counts, each a share 0..1 or null (empty denominator). */
export interface AaporRates {
  /** The share of unknown-eligibility cases taken as eligible in RR3, RR4, REF2, CON2. */
  e: number;
  /** How e was obtained: estimated from the known cases, or given by the researcher. */
  eSource: "estimated" | "given";
  RR1: number | null;
  RR2: number | null;
  RR3: number | null;
  RR4: number | null;
  RR5: number | null;
  RR6: number | null;
  COOP1: number | null;
  COOP2: number | null;
  COOP3: number | null;
  COOP4: number | null;
  REF1: number | null;
  REF2: number | null;
  REF3: number | null;
  CON1: number | null;
  CON2: number | null;
  CON3: number | null;
}

/** Counts with every code zero. */
export function emptyDispositionCounts(): DispositionCounts {
  return { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
}

/**
 * The usual estimate of e (the "proportional allocation" or CASRO rule that
 * AAPOR lists first): among cases whose eligibility became known, the share
 * found eligible, (I+P+R+NC+O) / (I+P+R+NC+O+NE). With no case of known
 * eligibility there is nothing to estimate from, and e = 1 (the conservative
 * choice: every unknown case counts as eligible, so RR3 = RR1).
 */
export function estimateEligibility(c: DispositionCounts): number {
  const eligible = c.I + c.P + c.R + c.NC + c.O;
  const known = eligible + c.NE;
  return known > 0 ? eligible / known : 1;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/**
 * AAPOR's response (RR1–RR6), cooperation (COOP1–COOP4), refusal (REF1–REF3)
 * and contact (CON1–CON3) rates:
 * - RR1 = I / ((I+P) + (R+NC+O) + (UH+UO)); RR2 counts partials as respondents;
 * - RR3, RR4 as RR1, RR2 with only e·(UH+UO) of the unknown cases in the denominator;
 * - RR5, RR6 as RR1, RR2 with no unknown case (e = 0);
 * - COOP1 = I / ((I+P) + R + O); COOP2 = (I+P) / ((I+P) + R + O);
 *   COOP3 = I / ((I+P) + R); COOP4 = (I+P) / ((I+P) + R);
 * - REF1 = R / ((I+P) + (R+NC+O) + (UH+UO)); REF2 with e·(UH+UO); REF3 without;
 * - CON1 = ((I+P) + R + O) / ((I+P) + R + O + NC + (UH+UO)); CON2 with e·(UH+UO); CON3 without.
 * `e` defaults to estimateEligibility(c); a researcher's own estimate can be given.
 */
export function aaporRates(c: DispositionCounts, e?: number): AaporRates {
  if (e !== undefined && !(e >= 0 && e <= 1)) throw new RangeError("e must lie in 0..1");
  const share = e ?? estimateEligibility(c);
  const respondents = c.I + c.P;
  const eligibleNon = c.R + c.NC + c.O;
  const unknown = c.UH + c.UO;
  const all = respondents + eligibleNon + unknown;
  const withE = respondents + eligibleNon + share * unknown;
  const known = respondents + eligibleNon;
  const contacted = respondents + c.R + c.O;
  return {
    e: share,
    eSource: e === undefined ? "estimated" : "given",
    RR1: ratio(c.I, all),
    RR2: ratio(respondents, all),
    RR3: ratio(c.I, withE),
    RR4: ratio(respondents, withE),
    RR5: ratio(c.I, known),
    RR6: ratio(respondents, known),
    COOP1: ratio(c.I, respondents + c.R + c.O),
    COOP2: ratio(respondents, respondents + c.R + c.O),
    COOP3: ratio(c.I, respondents + c.R),
    COOP4: ratio(respondents, respondents + c.R),
    REF1: ratio(c.R, all),
    REF2: ratio(c.R, withE),
    REF3: ratio(c.R, known),
    CON1: ratio(contacted, contacted + c.NC + unknown),
    CON2: ratio(contacted, contacted + c.NC + share * unknown),
    CON3: ratio(contacted, contacted + c.NC),
  };
}
