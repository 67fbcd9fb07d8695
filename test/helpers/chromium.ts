import fs from "node:fs";

/**
 * Where each use finds Debian's Chromium. Tests take the headless shell first:
 * the same Blink without the browser around it, so each page costs the shared
 * cores less. A benchmark measures the full browser a resident would use.
 */
const CANDIDATES = {
  test: ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"],
  bench: ["/usr/bin/chromium", "/usr/bin/chromium-browser"],
};

/** Where Chromium is for `use`, or undefined when it is not installed. */
export function chromiumPath(use: keyof typeof CANDIDATES = "test"): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && fs.existsSync(configured)) return configured;
  return CANDIDATES[use].find((p) => fs.existsSync(p));
}

/** Launch flags that keep Chromium quiet on a machine without internet. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
