/**
 * @jest-environment jsdom
 */
/**
 * A reload of an open link in a wave with a split-ballot bridge asks the same
 * wording: the server draws the first page without the ballot this device
 * keeps (it lives in the browser), so when its drawn arm differs from the kept
 * one the page does not use it and asks the API with the kept ballot.
 */
import { keepBallot } from "../../client/take/ballot-store";
import { PRELOADED_ID, readPreloaded } from "../../client/take/preloaded";

function drawnWith(open: object): void {
  document.body.innerHTML = "";
  const script = document.createElement("script");
  script.type = "application/json";
  script.id = PRELOADED_ID;
  script.textContent = JSON.stringify(open);
  document.body.append(script);
}

const survey = (ballot?: string) => ({
  slug: "tel-rimon-b",
  locale: "he",
  survey: { pages: [] },
  ...(ballot ? { ballot } : {}),
});

beforeEach(() => window.localStorage.clear());

it("uses the drawn page when this device keeps no ballot yet", () => {
  drawnWith(survey("ballot-new"));
  expect(readPreloaded("/take/tel-rimon-b")?.ballot).toBe("ballot-new");
});

it("uses the drawn page when it was drawn with the kept ballot", () => {
  keepBallot("tel-rimon-b", { ballot: "ballot-kept" });
  drawnWith(survey("ballot-kept"));
  expect(readPreloaded("/take/tel-rimon-b")?.ballot).toBe("ballot-kept");
});

it("asks the API again when the server drew another ballot than the kept one", () => {
  keepBallot("tel-rimon-b", { ballot: "ballot-kept" });
  drawnWith(survey("ballot-new"));
  expect(readPreloaded("/take/tel-rimon-b")).toBeNull();
});

it("keeps a wave without a bridge and another link's ballot out of it", () => {
  keepBallot("other-link", { ballot: "ballot-other" });
  drawnWith(survey());
  expect(readPreloaded("/take/tel-rimon-b")?.locale).toBe("he");
  drawnWith(survey("ballot-new"));
  expect(readPreloaded("/take/tel-rimon-b")?.ballot).toBe("ballot-new");
});

it("answers null on a plain page or unreadable JSON", () => {
  document.body.innerHTML = "";
  expect(readPreloaded("/take/tel-rimon-b")).toBeNull();
  drawnWith({});
  document.getElementById(PRELOADED_ID)!.textContent = "{not json";
  expect(readPreloaded("/take/tel-rimon-b")).toBeNull();
});
