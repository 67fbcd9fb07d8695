/** Pure pieces of distribution: phone numbers, SMS parts, stop words, quiet hours, send rate. */
import { normalizeIsraeliMobile, maskPhone } from "../../server/distribution/phone";
import { countSegments } from "../../server/shared/sms/segments";
import { renderSms } from "../../server/shared/sms/templates";
import { isStopText } from "../../server/distribution/webhooks/service";
import { israelMinuteOfWeek, nextAllowedTime } from "../../server/distribution/queue/quiet-hours";
import { SendRate } from "../../server/distribution/queue/rate-limit";
import { defaultQuietHours } from "../../server/waves/lifecycle";

describe("Israeli mobile numbers", () => {
  it.each([
    ["050-1234567", "+972501234567"],
    ["0501234567", "+972501234567"],
    ["+972 50 123 4567", "+972501234567"],
    ["+972-50-123-4567", "+972501234567"],
    ["972501234567", "+972501234567"],
    ["00972501234567", "+972501234567"],
    ["+972-050-1234567", "+972501234567"],
    ["(054) 765-4321", "+972547654321"],
    ["\u200F052.765.4321\u200E", "+972527654321"],
    ["058 765 43 21", "+972587654321"],
    ["501234567", "+972501234567"],
  ])("%s → %s", (raw, e164) => {
    expect(normalizeIsraeliMobile(raw)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "not-a-number"],
    ["050-123456a", "not-a-number"],
    ["+1 202 555 0100", "not-israeli"],
    ["02-6234567", "landline"],
    ["03 6234567", "landline"],
    ["077-1234567", "landline"],
    ["050-123456", "wrong-length"],
    ["050-12345678", "wrong-length"],
    ["1-800-123-456", "not-mobile"],
  ])("%p is refused: %s", (raw, reason) => {
    expect(normalizeIsraeliMobile(raw)).toEqual({ ok: false, reason });
  });

  it("masks all but the country code and the last two digits", () => {
    expect(maskPhone("+972501234567")).toBe("+972•••••••67");
  });
});

describe("SMS parts", () => {
  it("counts Latin text as GSM-7: 160, then 153 per part", () => {
    expect(countSegments("a".repeat(160))).toMatchObject({ encoding: "gsm7", segments: 1 });
    expect(countSegments("a".repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(countSegments("€".repeat(80))).toMatchObject({
      encoding: "gsm7",
      units: 160,
      segments: 1,
    });
  });

  it("counts Hebrew and Arabic as UCS-2: 70, then 67 per part", () => {
    expect(countSegments("ש".repeat(70))).toMatchObject({
      encoding: "ucs2",
      segments: 1,
      remaining: 0,
    });
    expect(countSegments("ש".repeat(71))).toMatchObject({
      segments: 2,
      perSegment: 67,
      remaining: 63,
    });
    expect(countSegments("ع".repeat(134))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSegments("ע".repeat(135)).segments).toBe(3);
    // one emoji is two UTF-16 units
    expect(countSegments("a😀").units).toBe(3);
  });

  it.each(["he", "ar", "en"] as const)(
    "keeps the default %s invitation and reminder within two parts with a real link",
    (locale) => {
      for (const kind of ["invitation", "reminder"] as const) {
        const text = renderSms(kind, locale, undefined, {
          link: `https://pulse.example.org.il/r/${"x".repeat(43)}`,
          authority: { he: "רמת תמר", ar: "رمات تمار", en: "Ramat Tamar" }[locale],
          wave: "x",
        });
        expect(text).toContain("/r/");
        expect(countSegments(text).segments).toBeLessThanOrEqual(2);
      }
    },
  );
});

describe("stop words", () => {
  it.each(["STOP", " stop ", "Stop.", "הסר", "הסרה", "הָסֵר", "إلغاء", "الغاء", "إلغاء الاشتراك"])(
    "%p opts out",
    (text) => expect(isStopText(text)).toBe(true),
  );
  it.each(["thanks", "תודה", "شكرا", "stopwatch", ""])("%p does not", (text) =>
    expect(isStopText(text)).toBe(false),
  );
});

describe("quiet hours (Israel time)", () => {
  const jewish = defaultQuietHours("jewish");
  const arab = defaultQuietHours("arab");
  // 2026-01-16 is a Friday; Israel is UTC+2 in winter.
  const at = (iso: string) => new Date(iso);

  it("reads the wall clock in Asia/Jerusalem", () => {
    expect(israelMinuteOfWeek(at("2026-01-16T14:30:00Z"))).toBe(5 * 1440 + 16 * 60 + 30);
  });

  it("lets a weekday afternoon through", () => {
    const t = at("2026-01-14T12:00:00Z");
    expect(nextAllowedTime(t, jewish)).toEqual(t);
  });

  it("holds a night message until 08:00", () => {
    expect(nextAllowedTime(at("2026-01-14T21:30:00Z"), jewish)).toEqual(at("2026-01-15T06:00:00Z"));
  });

  it("holds Friday afternoon until Saturday 20:00 in a Jewish locality", () => {
    expect(nextAllowedTime(at("2026-01-16T14:00:00Z"), jewish)).toEqual(at("2026-01-17T18:00:00Z"));
  });

  it("sends on Friday afternoon in an Arab locality, but not at night", () => {
    const t = at("2026-01-16T14:00:00Z");
    expect(nextAllowedTime(t, arab)).toEqual(t);
    expect(nextAllowedTime(at("2026-01-16T20:00:00Z"), arab)).toEqual(at("2026-01-17T06:00:00Z"));
  });

  it("follows summer time (UTC+3)", () => {
    // 2026-07-15 22:00 Israel = 19:00Z; the night ends 08:00 Israel = 05:00Z
    expect(nextAllowedTime(at("2026-07-15T19:00:00Z"), jewish)).toEqual(at("2026-07-16T05:00:00Z"));
  });

  it("a Saturday-night rest that ends after the night starts runs into the night", () => {
    const late = { ...jewish, weekendEnd: "22:00" };
    // Saturday 19:00 Israel: the rest runs to 22:00, then the night to Sunday 08:00
    expect(nextAllowedTime(at("2026-01-17T17:00:00Z"), late)).toEqual(at("2026-01-18T06:00:00Z"));
  });
});

describe("send rate", () => {
  it("lets a burst of the rate through, then spaces sends out", () => {
    let now = 0;
    const rate = new SendRate(5, () => now);
    expect([1, 2, 3, 4, 5].map(() => rate.take())).toEqual([0, 0, 0, 0, 0]);
    expect(rate.take()).toBe(200);
    now += 200;
    expect(rate.take()).toBe(0);
  });
});
