/** Language choice and page routing of the client, which run before any request. */
import { pickLocale } from "../../client/shared/locale";
import { slugFromPath } from "../../client/take/personal-link";
import { isSlug } from "../../client/app/App";

describe("pickLocale", () => {
  it("prefers ?lang=", () => {
    expect(pickLocale("?lang=ar", ["en-US"])).toBe("ar");
  });
  it("ignores an unsupported ?lang= and falls back to the browser", () => {
    expect(pickLocale("?lang=fr", ["fr-FR", "en-GB"])).toBe("en");
  });
  it("reads the old Hebrew code iw", () => {
    expect(pickLocale("", ["iw-IL"])).toBe("he");
  });
  it("defaults to Hebrew", () => {
    expect(pickLocale("", ["ru-RU"])).toBe("he");
    expect(pickLocale("", [])).toBe("he");
  });
});

describe("routes", () => {
  it("reads the respondent slug", () => {
    expect(slugFromPath("/take/demo-open")).toBe("demo-open");
    expect(slugFromPath("/take/demo-open/")).toBe("demo-open");
    expect(slugFromPath("/r/abc")).toBeNull();
  });
  it("takes an authority slug as the server makes them, and nothing else", () => {
    expect(isSlug("tel-aviv")).toBe(true);
    expect(isSlug("Tel-Aviv")).toBe(false);
    expect(isSlug(undefined)).toBe(false);
  });
});
