import path from "node:path";
import zlib from "node:zlib";
import compression from "compression";
import express, { type Express } from "express";
import helmet from "helmet";
import { requestLog } from "./http/request-log";
import type { Logger } from "pino";
import { auditRoutes } from "./audit/routes";
import { authorityRoutes } from "./authorities/routes";
import { authRoutes } from "./auth/routes";
import { bankRoutes } from "./bank/routes";
import type { Config } from "./config";
import type { Store } from "./db/store";
import { NotFoundError } from "./errors";
import { healthRoutes } from "./health/routes";
import { openApiHandler } from "./http/openapi";
import { routeRouter, type RouteDef } from "./http/route";
import { createTranslator } from "./i18n/translator";
import { kioskRoutes } from "./kiosk/routes";
import { resolveKioskToken } from "./kiosk/service";
import { authenticate } from "./middleware/authenticate";
import { sameOriginMutations } from "./middleware/csrf";
import { errorHandler } from "./middleware/error-handler";
import { localeMiddleware } from "./middleware/locale";
import { databaseBuckets } from "./middleware/rate-buckets";
import { createRateLimiter } from "./middleware/rate-limit";
import { rejectUnsafeKeys } from "./middleware/unsafe-keys";
import { participationRoutes } from "./participation/routes";
import { createFieldCipher } from "./privacy/crypto";
import { CONTACT_IMPORT_PATHS } from "./distribution/contacts/routes";
import { distributionRoutes } from "./distribution/routes";
import { keepRawBody } from "./distribution/webhooks/signature";
import { waveRoutes } from "./waves/routes";
import { waveBridgeRoutes } from "./waves/bridge-routes";
import { quotaRoutes } from "./quotas/routes";
import { groupExamplesRoutes } from "./group-examples/routes";
import { exportRoutes } from "./exports/routes";
import { aggregateJobRoutes } from "./results/aggregate-job-routes";
import { createAggregateCache, type AggregateCache } from "./results/aggregate-cache";
import { createAnalyticsScope, type AnalyticsScope } from "./results/analytics-scope";
import { evaluationRoutes } from "./results/evaluation-routes";
import { marginRoutes } from "./results/margin-routes";
import { resultsRoutes } from "./results/routes";
import { takeRoutes } from "./take/routes";
import { smsProposalRoutes } from "./waves/sms-proposal-routes";
import { flaggedRoutes } from "./take/flagged-routes";
import { userRoutes } from "./users/routes";
import { accessibilityRoutes } from "./web/accessibility-routes";
import { clientRouter, hasClientBuild } from "./web/static";
import { VERSION } from "./version";

export interface AppDeps {
  config: Config;
  logger: Logger;
  store: Pick<Store, "health">;
  /** Directory of the built client; pages are not served when it has no build. */
  clientDir?: string;
  /**
   * The dashboards' aggregates of this process (a new one when not given, reading
   * with config.analyticsReadPreference; one given reads as it was made to).
   */
  aggregates?: AggregateCache;
  /**
   * The clock of the open links' stuffing guard, in milliseconds (Date.now when
   * not given): a test holds it still, so that how busy a link is does not
   * depend on how fast the machine sends the test's requests.
   */
  now?: () => number;
}

/** Every API route; the OpenAPI document is generated from this list. */
export function apiRoutes(
  store: Pick<Store, "health">,
  config: Config,
  analytics: AnalyticsScope,
  now: () => number = Date.now,
): RouteDef[] {
  const cipher = createFieldCipher(config.dataKeys);
  return [
    ...healthRoutes(store, VERSION),
    ...takeRoutes(config, now),
    ...authRoutes({ config, cipher }),
    ...authorityRoutes,
    ...resultsRoutes(config.reporting, analytics),
    ...evaluationRoutes(config.reporting, analytics),
    ...marginRoutes,
    ...aggregateJobRoutes,
    ...exportRoutes(config.reporting, analytics),
    ...kioskRoutes(config),
    ...waveRoutes(config),
    ...waveBridgeRoutes(config),
    ...quotaRoutes(),
    ...groupExamplesRoutes,
    ...smsProposalRoutes,
    ...flaggedRoutes,
    ...distributionRoutes(config, cipher),
    ...userRoutes(config),
    ...auditRoutes,
    ...bankRoutes,
    ...accessibilityRoutes,
    ...participationRoutes(cipher, config, analytics),
  ] as RouteDef[];
}

/** Builds the Express application. It never listens: main.ts and tests do that. */
export function createApp(deps: AppDeps): Express {
  const { config, logger, store } = deps;
  // This app's analytics: nothing in them is shared with another app in the process.
  const analytics = createAnalyticsScope({
    readPreference: config.analyticsReadPreference,
    aggregates:
      deps.aggregates ?? createAggregateCache({ readPreference: config.analyticsReadPreference }),
  });
  const translate = createTranslator(path.join(config.rootDir, "locales"));
  const routes = apiRoutes(store, config, analytics, deps.now);

  const app = express();
  app.disable("x-powered-by");
  // req.ip is the client only when the hops in front of us are known (TRUST_PROXY).
  app.set("trust proxy", config.trustProxy);
  // Everything every request passes through, then everything every API call does.
  const compress = compression();
  // An export is a large file streamed as its rows are read: at the default levels its
  // compression cost more CPU than reading and writing the rows. The fastest levels still
  // shrink its text several-fold, and the file goes out as fast as it is made.
  const compressExport = compression({
    level: zlib.constants.Z_BEST_SPEED,
    brotli: {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MIN_QUALITY },
    },
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          // SurveyJS sets style attributes on its elements.
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "frame-ancestors": ["'none'"],
          "upgrade-insecure-requests": config.env === "production" ? [] : null,
        },
      },
      strictTransportSecurity: config.env === "production",
    }),
    requestLog(logger, (url) => url === "/api/health"),
    // Pages, assets and API reads are worth compressing; the small replies to writes are not.
    (req, res, next) =>
      req.method !== "GET" && req.method !== "HEAD"
        ? next()
        : req.path.startsWith("/api/exports/")
          ? compressExport(req, res, next)
          : compress(req, res, next),
    localeMiddleware,
  );
  // Contact files (base64 in JSON) are far larger than any other request.
  app.post(
    [CONTACT_IMPORT_PATHS, `${CONTACT_IMPORT_PATHS}/check`],
    express.json({ limit: Math.ceil(config.contactsImportMaxBytes * 1.4), strict: true }),
  );
  // The raw bytes are kept for webhook signatures (server/distribution/webhooks), and only there.
  app.use(
    "/api/webhooks",
    express.json({ limit: config.maxBodyBytes, strict: true, verify: keepRawBody }),
  );
  app.use(
    "/api",
    express.json({ limit: config.maxBodyBytes, strict: true }),
    rejectUnsafeKeys,
    sameOriginMutations(config.publicUrl),
    authenticate(config, resolveKioskToken),
  );

  const mount = {
    limits: {
      // Shared through the database, so instances behind a load balancer limit together.
      perIp: createRateLimiter({
        perMinute: config.rateLimit.ipPerMinute,
        shared: databaseBuckets,
      }),
      perToken: createRateLimiter({
        perMinute: config.rateLimit.tokenPerMinute,
        shared: databaseBuckets,
      }),
    },
  };
  app.use(routeRouter(routes, mount));
  app.get("/api/openapi.json", openApiHandler(routes, VERSION));
  app.use("/api", (_req, _res, next) => next(new NotFoundError()));

  // The respondent page runs the survey API's route itself, under the same limits.
  if (deps.clientDir && hasClientBuild(deps.clientDir))
    app.use(clientRouter(deps.clientDir, { routes, options: mount, logger }));
  app.use(errorHandler(translate, logger, config.maxBodyBytes));
  return app;
}
