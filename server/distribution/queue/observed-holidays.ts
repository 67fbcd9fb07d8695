/**
 * Holidays an authority may observe beyond those its population group implies
 * (server/distribution/queue/rest-calendar.ts): Christian localities keep
 * Christmas, on 25 December (Catholic and Protestant communities) or on
 * 7 January (the Orthodox, the largest Christian community in Israel).
 */
export const OBSERVED_HOLIDAYS = ["christmas", "orthodox-christmas"] as const;
export type ObservedHoliday = (typeof OBSERVED_HOLIDAYS)[number];

/** Fixed civil dates of each observed holiday, with the calendar name a hold reports. */
export const OBSERVED_HOLIDAY_DATES: Record<
  ObservedHoliday,
  { month: number; day: number; name: string }
> = {
  christmas: { month: 12, day: 25, name: "Christmas" },
  "orthodox-christmas": { month: 1, day: 7, name: "Orthodox Christmas" },
};

/** A locality's coordinates, for its own sunset and nightfall. */
export interface Coordinates {
  latitude: number;
  longitude: number;
}
