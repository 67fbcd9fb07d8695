/**
 * What a component test of the main entry needs around a screen: the page's
 * providers as client/app/main.tsx sets them up, and a sign-in made through
 * the client's own data layer (client/shared/api.ts) against the served app,
 * so the session cookie sits in jsdom's jar and the CSRF token in the client.
 */
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { cleanup, render } from "@testing-library/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { MemoryRouter } from "react-router";
import { postJson, setCsrfToken } from "../../../client/shared/api";
import { initI18n } from "../../../client/shared/i18n";
import type { Locale } from "../../../client/shared/locale";
import { LocaleProvider } from "../../../client/app/locale-context";
import { createQueryClient } from "../../../client/app/query-client";
import { appResources } from "../../../client/app/resources";
import { addWorkspaceStrings } from "../../../client/app/workspace/resources";
import { base32Decode, totp } from "../../../server/auth/totp";
import { TEST_PASSWORD } from "../../factories/users";
import { nextTotpCode, rememberTotpSecret } from "../../helpers/totp";

/** The caches of the screens rendered in this test. */
const clients: QueryClient[] = [];

// The page runs on Node's timers (api-environment.ts): a cache's garbage-collection
// timer would keep the file's process alive for minutes after the screen is gone.
afterEach(() => {
  cleanup();
  for (const client of clients.splice(0)) client.clear();
});

/** Renders a screen of the main entry (workspace strings included) in a language. */
export function renderScreen(ui: ReactNode, locale: Locale = "en") {
  const i18n = initI18n(appResources, locale, ["common", "auth", "results"]);
  addWorkspaceStrings(i18n);
  const client = createQueryClient();
  clients.push(client);
  return render(
    <I18nextProvider i18n={i18n}>
      <LocaleProvider i18n={i18n} initial={locale}>
        <QueryClientProvider client={client}>
          <MemoryRouter>{ui}</MemoryRouter>
        </QueryClientProvider>
      </LocaleProvider>
    </I18nextProvider>,
  );
}

interface LoginAnswer {
  csrfToken: string;
  user: { setup: string[] };
}

/**
 * Signs the page in as an existing account, as the login screen would, with
 * an authenticator code when the account has one and an enrolment when its
 * role requires one it lacks. Leaves the client holding the CSRF token.
 */
export async function signInPage(email: string): Promise<void> {
  let session: LoginAnswer;
  try {
    session = await postJson<LoginAnswer>("/api/auth/login", { email, password: TEST_PASSWORD });
  } catch (err) {
    if ((err as { code?: string }).code !== "TOTP_REQUIRED") throw err;
    const code = await nextTotpCode(email);
    session = await postJson<LoginAnswer>("/api/auth/login", {
      email,
      password: TEST_PASSWORD,
      totp: code,
    });
  }
  setCsrfToken(session.csrfToken);
  if (session.user.setup.includes("totp-enrolment")) {
    const { secret } = await postJson<{ secret: string }>("/api/auth/totp/setup");
    await postJson("/api/auth/totp/enable", {
      code: totp(base32Decode(secret), Date.now() / 1000),
    });
    rememberTotpSecret(email, secret);
  }
}
