/**
 * `npm run export -- --authority <slug|all> --format csv|xlsx|sav --out FILE [--lang en]`
 * Writes the responses export (one row per response) to FILE, streaming it
 * wave by wave so memory stays flat, with progress on stderr. The export is
 * audit-logged as done by the system from the command line.
 */
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import pino from "pino";
import { loadConfig } from "../server/config";
import { openStore } from "../server/db/store";
import { AppError } from "../server/errors";
import { exportResponses, RESPONSE_FORMATS, type ResponseFormat } from "../server/exports/service";
import { isLocale } from "../server/shared/locales";
import { createAggregateCache } from "../server/results/aggregate-cache";
import { createAnalyticsScope } from "../server/results/analytics-scope";

const USAGE =
  "usage: npm run export -- --authority <slug|all> --format csv|xlsx|sav --out FILE [--lang he|ar|en]";

function fail(message: string): never {
  console.error(`export: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      authority: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      lang: { type: "string", default: "en" },
    },
    strict: true,
  });
  const { authority, format, out, lang } = values;
  if (!authority || !/^(all|[a-z0-9-]{2,60})$/.test(authority)) fail("--authority is required");
  if (!RESPONSE_FORMATS.includes(format as ResponseFormat))
    fail("--format must be csv, xlsx or sav");
  if (!out) fail("--out is required");
  if (!isLocale(lang)) fail("--lang must be he, ar or en");

  const config = loadConfig();
  const store = await openStore(config, pino({ level: "warn" }));
  const file = createWriteStream(out);
  const started = Date.now();
  try {
    // The export reads as the platform's analytics do (ANALYTICS_READ_PREFERENCE).
    const readPreference = config.analyticsReadPreference;
    const analytics = createAnalyticsScope({
      readPreference,
      aggregates: createAggregateCache({ readPreference }),
    });
    const done = await exportResponses(
      analytics,
      file,
      { authority, format: format as ResponseFormat, locale: lang },
      { principal: undefined, via: "cli" },
      (n, total) => process.stderr.write(`\rexport: ${n} / ${total} responses`),
    );
    if (!file.writableEnded) file.end();
    await finished(file);
    const mb = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
    process.stderr.write(
      `\rexport: ${done.rows} responses × ${done.columns} columns to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s (peak RSS ${mb} MB)\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  const known =
    err instanceof AppError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(
    `export: ${err instanceof AppError ? (err.code === "NOT_FOUND" ? "no such authority" : err.code) : err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(known ? 2 : 1);
});
