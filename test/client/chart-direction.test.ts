/**
 * Every chart runs the same way (issue 20: results charts ran left to right
 * while monitoring charts ran right to left): time from the left and the value
 * axis on the left in every language, legends and tooltips in the page's
 * direction, taken from one rule.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { chartDirection } from "../../client/app/chart-direction";

const CLIENT = path.join(__dirname, "../../client");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

it("keeps time left to right in Hebrew, Arabic and English, text in the page's direction", () => {
  for (const locale of ["he", "ar", "en"] as const) {
    const dir = chartDirection(locale);
    expect(dir.time.reverse).toBe(false);
    expect(dir.value.position).toBe("left");
    expect(dir.legend).toEqual({
      rtl: locale !== "en",
      textDirection: locale === "en" ? "ltr" : "rtl",
    });
    expect(dir.tooltip).toEqual(dir.legend);
  }
});

it("is where every chart of the client takes its direction from", () => {
  const charts = sources(CLIENT).filter((f) => readFileSync(f, "utf8").includes("new Chart("));
  expect(charts.length).toBeGreaterThanOrEqual(2);
  for (const file of charts) {
    const text = readFileSync(file, "utf8");
    expect({ file, usesRule: text.includes("chartDirection(") }).toEqual({
      file,
      usesRule: true,
    });
    // A chart that reverses or moves an axis by itself breaks the one rule.
    expect({ file, ownAxisDirection: /reverse:|position: rtl/.test(text) }).toEqual({
      file,
      ownAxisDirection: false,
    });
  }
});
