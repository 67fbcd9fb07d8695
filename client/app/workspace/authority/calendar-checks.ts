/**
 * The authority calendar form's checks, before it asks the server
 * (PATCH /api/authorities/:slug, server/authorities/schema.ts): the holidays a
 * locality keeps beyond its population group's, and its coordinates, which end
 * Shabbat at its own nightfall. The bounds are the server's (Israel).
 */
export const HOLIDAYS = ["christmas", "orthodox-christmas"] as const;
export type Holiday = (typeof HOLIDAYS)[number];

/** Latitude and longitude bounds the server accepts (the country's box). */
export const BOUNDS = {
  latitude: { min: 29, max: 34 },
  longitude: { min: 34, max: 36 },
} as const;

/** The form as typed: coordinates as text, so a half-typed number is not lost. */
export interface CalendarForm {
  holidays: Holiday[];
  latitude: string;
  longitude: string;
}

export type CalendarField = "latitude" | "longitude";
/** Per field, what is wrong: a key under calendar.errors. */
export type CalendarErrors = Partial<Record<CalendarField, "pair" | "number" | "range">>;

/** The form of a stored authority's attributes. */
export function calendarFormOf(a: {
  observedHolidays: readonly string[];
  location: { latitude: number; longitude: number } | null;
}): CalendarForm {
  return {
    holidays: HOLIDAYS.filter((h) => a.observedHolidays.includes(h)),
    latitude: a.location ? String(a.location.latitude) : "",
    longitude: a.location ? String(a.location.longitude) : "",
  };
}

/** A decimal typed with a comma (as Hebrew and Arabic keyboards often give) or a point. */
function parseDecimal(text: string): number | null {
  const t = text.trim().replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** What is wrong with each coordinate: both or neither, numbers, inside the bounds. */
export function checkCalendar(form: CalendarForm): CalendarErrors {
  const errors: CalendarErrors = {};
  const lat = form.latitude.trim();
  const lon = form.longitude.trim();
  if (lat === "" && lon === "") return errors;
  for (const f of ["latitude", "longitude"] as const) {
    const text = f === "latitude" ? lat : lon;
    if (text === "") {
      errors[f] = "pair";
      continue;
    }
    const x = parseDecimal(text);
    if (x === null) errors[f] = "number";
    else if (x < BOUNDS[f].min || x > BOUNDS[f].max) errors[f] = "range";
  }
  return errors;
}

/** The PATCH body of a checked form: empty coordinates clear the location (null). */
export function calendarBody(form: CalendarForm): {
  observedHolidays: Holiday[];
  location: { latitude: number; longitude: number } | null;
} {
  const lat = parseDecimal(form.latitude);
  const lon = parseDecimal(form.longitude);
  return {
    observedHolidays: HOLIDAYS.filter((h) => form.holidays.includes(h)),
    location: lat !== null && lon !== null ? { latitude: lat, longitude: lon } : null,
  };
}
