import { cleanStrings, cleanText, hasUnsafeCharacters } from "../../server/shared/text";

describe("cleaning free text", () => {
  it("removes bidi embeddings, overrides and isolates (Trojan Source)", () => {
    const spoof = "access\u202E\u2066 // admin\u2069\u2066";
    expect(hasUnsafeCharacters(spoof)).toBe(true);
    expect(cleanText(spoof)).toBe("access // admin");
  });

  it("keeps LRM, RLM, ALM and ZWJ/ZWNJ, which Hebrew and Arabic writers use", () => {
    const text = "שלום\u200F 123\u200E مرحبا\u061C \u200Cا";
    expect(cleanText(text)).toBe(text);
    expect(hasUnsafeCharacters(text)).toBe(false);
  });

  it("removes control and invisible characters; newlines only when asked", () => {
    expect(cleanText("a\u0000b\u0007c\u200Bd\u00ADe")).toBe("abcde");
    expect(cleanText("a\nb")).toBe("a b");
    expect(cleanText("a\nb", { keepNewlines: true })).toBe("a\nb");
  });

  it("normalises to NFC", () => {
    expect(cleanText("cafe\u0301")).toBe("caf\u00e9");
  });

  it("cleans every string in a nested value, never touching prototypes", () => {
    const input = JSON.parse('{"a":"x\\u202Ey","b":[1,"\\u0000z"],"__proto__":{"polluted":"yes"}}');
    const out = cleanStrings(input) as Record<string, unknown>;
    expect(out.a).toBe("xy");
    expect(out.b).toEqual([1, "z"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("cleanStrings on what needs no cleaning", () => {
  it("returns the very value, not a copy, and copies only what it changes", () => {
    const clean = { a: 1, b: "שלום", c: ["x", 2, { d: "y\n" }], e: null, f: true };
    expect(cleanStrings(clean)).toBe(clean);
    const dirty = { ...clean, g: ["ok", "z\u202E"] };
    const out = cleanStrings(dirty);
    expect(out).not.toBe(dirty);
    expect(out).toEqual({ ...clean, g: ["ok", "z"] });
    expect(out.c).toBe(clean.c);
    expect(dirty.g[1]).toBe("z\u202E");
  });
});
