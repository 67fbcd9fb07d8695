import { useEffect, useState } from "react";
import type { SessionInfo } from "../../server/auth/schema";
import { ApiError, getJson, postJson, setCsrfToken } from "../shared/api";

export type { SessionInfo };

export type SessionState =
  | { kind: "loading" }
  | { kind: "signed-out" }
  | { kind: "signed-in"; session: SessionInfo }
  | { kind: "failed"; error: unknown };

/** Asks the server who is signed in; remembers the session's CSRF token for mutations. */
export function useSession(): SessionState {
  const [state, setState] = useState<SessionState>({ kind: "loading" });
  useEffect(() => {
    const abort = new AbortController();
    getJson<SessionInfo>("/api/auth/session", abort.signal).then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setState({ kind: "signed-in", session });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setState({ kind: "signed-out" });
        else setState({ kind: "failed", error });
      },
    );
    return () => abort.abort();
  }, []);
  return state;
}

/** Signs out on the server, then reloads onto the sign-in page. */
export async function signOut(locale: string): Promise<void> {
  try {
    await postJson("/api/auth/logout");
  } finally {
    setCsrfToken(null);
    window.location.assign(`/login?lang=${locale}`);
  }
}

/** Where to go after signing in: `?next=` when it is a path on this site, else home. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : "/";
}
