/**
 * The authority calendar form's checks (issue 20, a screen for observedHolidays
 * and location): coordinates come in pairs, as numbers (a comma too), inside
 * the bounds the server accepts; empty ones clear the location.
 */
import {
  calendarBody,
  calendarFormOf,
  checkCalendar,
} from "../../client/app/workspace/authority/calendar-checks";
import { authorityAttributesBody } from "../../server/authorities/schema";

const form = (
  latitude: string,
  longitude: string,
  holidays = [] as ("christmas" | "orthodox-christmas")[],
) => ({
  holidays,
  latitude,
  longitude,
});

it("accepts both coordinates empty, and then clears the location", () => {
  expect(checkCalendar(form("", ""))).toEqual({});
  expect(calendarBody(form(" ", ""))).toEqual({ observedHolidays: [], location: null });
});

it("asks for the other coordinate when only one is given", () => {
  expect(checkCalendar(form("32.79", ""))).toEqual({ longitude: "pair" });
  expect(checkCalendar(form("", "35"))).toEqual({ latitude: "pair" });
});

it("tells a word from a number, and reads a decimal comma", () => {
  expect(checkCalendar(form("north", "35"))).toEqual({ latitude: "number" });
  expect(checkCalendar(form("32,79", "35,01"))).toEqual({});
  expect(calendarBody(form("32,79", "35,01")).location).toEqual({
    latitude: 32.79,
    longitude: 35.01,
  });
});

it("keeps to the server's bounds (Israel)", () => {
  expect(checkCalendar(form("40.7", "-74"))).toEqual({ latitude: "range", longitude: "range" });
  expect(checkCalendar(form("29", "36"))).toEqual({});
});

it("gives a body the server's PATCH schema accepts, holidays in a stable order", () => {
  const body = calendarBody(form("32.79", "35.0", ["orthodox-christmas", "christmas"]));
  expect(body.observedHolidays).toEqual(["christmas", "orthodox-christmas"]);
  expect(authorityAttributesBody.safeParse(body).success).toBe(true);
  expect(authorityAttributesBody.safeParse(calendarBody(form("", ""))).success).toBe(true);
});

it("fills the form from a stored authority", () => {
  expect(
    calendarFormOf({
      observedHolidays: ["orthodox-christmas"],
      location: { latitude: 32.7, longitude: 35.3 },
    }),
  ).toEqual({ holidays: ["orthodox-christmas"], latitude: "32.7", longitude: "35.3" });
});
