/**
 * @jest-environment jsdom
 */
/**
 * Issue 19: a kiosk tablet that lost its connection in a wave with a split-ballot
 * bridge gives each resident a ballot, and the questionnaire of that ballot's
 * arm, of their own: a spare ballot from the stock the server sent, spent once.
 * Before, every offline resident got the last survey the tablet had loaded,
 * ballot included, so all of them shared one ballot and one arm.
 */
import {
  offlineSurvey,
  rememberSurvey,
  spareForMissingArm,
  type KioskSurvey,
} from "../../client/kiosk/offline-surveys";

const ballot = (i: number) => `${String(i).padStart(16, "k")}.${"s".repeat(22)}`;

function survey(arm: "bridge" | "main" | undefined, own: number, spares: number[] = []) {
  return {
    wave: { id: "w", name: "Wave" },
    authority: { id: "a", name: "Town", slug: "town" },
    locale: "he",
    languages: ["he", "ar", "en", "ru"],
    dir: "rtl",
    instrument: { key: "core", version: arm === "bridge" ? 1 : 2 },
    ...(arm ? { arm, ballot: ballot(own) } : {}),
    survey: { title: arm ?? "plain" },
    ...(spares.length
      ? { spareBallots: spares.map((i) => ({ ballot: ballot(i), arm: i % 2 ? "bridge" : "main" })) }
      : {}),
  } as KioskSurvey;
}

beforeEach(() => localStorage.clear());

it("gives each offline resident a spare ballot of their own, with its arm's questionnaire", () => {
  rememberSurvey(localStorage, survey("main", 100, [1, 2, 3, 4]));
  // The tablet fetched the other arm's questionnaire with a spare of that arm.
  expect(spareForMissingArm(localStorage, "he")).toBe(ballot(1));
  rememberSurvey(localStorage, survey("bridge", 1));
  expect(spareForMissingArm(localStorage, "he")).toBeNull();

  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    const s = offlineSurvey(localStorage, "he")!;
    seen.push(s.ballot!);
    expect(s.instrument.version).toBe(s.arm === "bridge" ? 1 : 2);
    expect(s.survey).toEqual({ title: s.arm });
    expect("spareBallots" in s).toBe(false);
  }
  expect(new Set(seen).size).toBe(3);
  // Neither the online resident's ballot nor the one spent on the fetch is handed out again.
  expect(seen).not.toContain(ballot(100));
  expect(seen).not.toContain(ballot(1));
  expect(seen.sort()).toEqual([ballot(2), ballot(3), ballot(4)].sort());
  // The stock is spent: no resident starts on a ballot someone else had.
  expect(offlineSurvey(localStorage, "he")).toBeNull();
});

it("keeps a resident's ballot and arm when they change language offline", () => {
  rememberSurvey(localStorage, { ...survey("main", 100, [1, 2]), locale: "ar" } as KioskSurvey);
  rememberSurvey(localStorage, { ...survey("bridge", 1), locale: "ar" } as KioskSurvey);
  rememberSurvey(localStorage, survey("main", 101));
  rememberSurvey(localStorage, survey("bridge", 102));
  const first = offlineSurvey(localStorage, "he")!;
  const again = offlineSurvey(localStorage, "ar", first.ballot)!;
  expect(again.ballot).toBe(first.ballot);
  expect(again.arm).toBe(first.arm);
  expect(again.locale).toBe("ar");
});

it("reuses the one questionnaire of a wave without a bridge", () => {
  rememberSurvey(localStorage, survey(undefined, 0));
  const a = offlineSurvey(localStorage, "he")!;
  const b = offlineSurvey(localStorage, "he")!;
  expect(a.ballot).toBeUndefined();
  expect(b.survey).toEqual({ title: "plain" });
  expect(offlineSurvey(localStorage, "ar")).toBeNull();
});
