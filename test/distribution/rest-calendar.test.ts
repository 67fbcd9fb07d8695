/**
 * Quiet hours from the calendar (issue 20): Shabbat to nightfall, not a fixed
 * 20:00; the Israeli yom tov days in Jewish localities; Eid al-Fitr and Eid
 * al-Adha (Umm al-Qura) in Arab localities; both in mixed ones. Each hold says why.
 */
import { restSpans } from "../../server/distribution/queue/rest-calendar";
import { sendWindow } from "../../server/distribution/queue/send-window";
import { defaultQuietHours } from "../../server/waves/lifecycle";

function windowAt(iso: string, population: "jewish" | "arab" | "mixed") {
  const q = defaultQuietHours(population);
  const at = new Date(iso);
  return sendWindow(at, q, restSpans({ population, ...q }, at));
}

const israelClock = (d: Date) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Jerusalem",
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d);

it("holds a summer Saturday evening until nightfall, past 20:00", () => {
  // Saturday 20 June 2026, 20:10 in Israel (UTC+3): the stars are not out yet
  const w = windowAt("2026-06-20T17:10:00Z", "jewish");
  expect(w.reason).toBe("shabbat");
  expect(w.at.getTime()).toBeGreaterThan(new Date("2026-06-20T17:20:00Z").getTime());
  expect(w.at.getTime()).toBeLessThan(new Date("2026-06-20T17:45:00Z").getTime());
});

it("keeps the winter Saturday at the wave's 20:00, nightfall being earlier", () => {
  const w = windowAt("2026-01-17T17:00:00Z", "jewish");
  expect(w.reason).toBe("shabbat");
  expect(w.at).toEqual(new Date("2026-01-17T18:00:00Z"));
});

it("holds Yom Kippur and its eve in a Jewish locality, and says it is a holiday", () => {
  // Yom Kippur 5787: Monday 21 September 2026; its eve is Sunday afternoon
  const eve = windowAt("2026-09-20T12:00:00Z", "jewish"); // Sunday 15:00
  expect(eve.reason).toBe("holiday");
  const day = windowAt("2026-09-21T09:00:00Z", "jewish"); // Monday 12:00
  expect(day.reason).toBe("holiday");
  // nightfall (about 19:00) or the wave's weekendEnd (20:00), whichever is later
  expect(israelClock(day.at)).toBe("Mon 21 Sept, 20:00");
  // an Arab locality sends that day
  expect(windowAt("2026-09-21T09:00:00Z", "arab").reason).toBeNull();
});

it("holds Rosh Hashana's two days into Shabbat, as one wait", () => {
  // Rosh Hashana 5787: Saturday 12 and Sunday 13 September 2026
  const w = windowAt("2026-09-11T12:00:00Z", "jewish"); // Friday 15:00
  expect(w.reason).toBe("holiday");
  expect(israelClock(w.at)).toBe("Sun 13 Sept, 20:00");
});

it("holds Eid al-Fitr in Arab and mixed localities, not in Jewish ones", () => {
  // 1 Shawwal 1447 (Umm al-Qura): Friday 20 March 2026; the Eid runs to Sunday 22
  expect(windowAt("2026-03-21T10:00:00Z", "arab").reason).toBe("holiday");
  expect(windowAt("2026-03-22T10:00:00Z", "mixed").reason).toBe("holiday");
  expect(windowAt("2026-03-22T10:00:00Z", "jewish").reason).toBeNull();
  const end = windowAt("2026-03-22T10:00:00Z", "arab").at;
  expect(israelClock(end)).toBe("Mon 23 Mar, 08:00"); // after the Eid, then after the night
});

it("holds Eid al-Adha (10–13 Dhu al-Hijjah)", () => {
  // 10 Dhu al-Hijjah 1447: Wednesday 27 May 2026
  expect(windowAt("2026-05-27T09:00:00Z", "arab").reason).toBe("holiday");
  expect(windowAt("2026-05-26T09:00:00Z", "arab").reason).toBeNull();
});

it("says night for a weekday night, and nothing in the daytime", () => {
  expect(windowAt("2026-01-13T21:00:00Z", "jewish").reason).toBe("night"); // Tue 23:00
  expect(windowAt("2026-01-14T10:00:00Z", "jewish")).toEqual({
    at: new Date("2026-01-14T10:00:00Z"),
    reason: null,
  });
});
