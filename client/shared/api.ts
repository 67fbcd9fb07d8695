/** An API error, with the server's stable code and its already translated message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Code for a request that never reached the server (offline, DNS, reset). */
export const NETWORK_ERROR = "NETWORK";

/** The session's CSRF token, echoed on every mutation (cookie sessions need it). */
let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session (null after sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  const mutation = init.method !== undefined && init.method !== "GET";
  try {
    res = await fetch(url, {
      ...init,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(mutation && csrfToken ? { "X-CSRF-Token": csrfToken } : {}),
        ...init.headers,
      },
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, NETWORK_ERROR, "");
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new ApiError(
      res.status,
      typeof error?.code === "string" ? error.code : "INTERNAL",
      typeof error?.message === "string" ? error.message : "",
    );
  }
  return body as T;
}

/** GET a JSON resource. */
export function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return request<T>(url, { method: "GET", signal });
}

/** POST a JSON body (or none) and read the JSON answer; sends the CSRF token when signed in. */
export function postJson<T>(url: string, body?: unknown): Promise<T> {
  return request<T>(url, {
    method: "POST",
    ...(body === undefined
      ? {}
      : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
  });
}

/** PATCH a JSON body and read the JSON answer; sends the CSRF token when signed in. */
export function patchJson<T>(url: string, body: unknown): Promise<T> {
  return request<T>(url, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** PUT a JSON body and read the JSON answer (sends the CSRF token when signed in). */
export function putJson<T>(url: string, body: unknown): Promise<T> {
  return request<T>(url, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/**
 * The message to show for a failed request: the server's translated message
 * when it sent one, else one of ours.
 */
export function errorMessage(err: unknown, t: (key: string) => string): string {
  if (err instanceof ApiError) {
    if (err.code === NETWORK_ERROR) return t("common:errorNetwork");
    if (err.message) return err.message;
  }
  return t("common:errorGeneric");
}

/** A retry can help after a network failure, overload or server fault; not after a refusal (404, 410, 400). */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.code === NETWORK_ERROR || err.status === 429 || err.status >= 500;
}
