/**
 * A wave's point with nothing to show (no responses, or a suppressed cell).
 * A pure module: the dashboard's client fills gaps with the same shape.
 */
export function blankPoint(waveId: string) {
  return {
    waveId,
    n: 0,
    suppressed: true as const,
    mean: null,
    sd: null,
    se: null,
    ciLow: null,
    ciHigh: null,
    favourable: null,
    favourableLow: null,
    favourableHigh: null,
  };
}
