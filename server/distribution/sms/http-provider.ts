import type { SmsConfig } from "../../config";
import { SmsSendError, type OutgoingSms, type SmsProvider } from "./provider";

type Escape = (value: string) => string;

const ESCAPES: Record<SmsConfig["http"]["contentType"], Escape> = {
  // JSON.stringify gives a quoted string; the template supplies its own quotes.
  "application/json": (v) => JSON.stringify(v).slice(1, -1),
  "application/xml": (v) =>
    v.replace(
      /[<>&'"]/g,
      (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", "'": "apos", '"': "quot" }[c]};`,
    ),
  "application/x-www-form-urlencoded": (v) => encodeURIComponent(v),
};

/** Fills {{to}} {{text}} {{sender}} {{reference}} in the configured body, escaped for its format. */
export function renderPayload(template: string, message: OutgoingSms, escape: Escape): string {
  const values: Record<string, string> = {
    to: message.to,
    // Many Israeli gateways want the local form 05XXXXXXXX; offer both.
    toLocal: message.to.replace(/^\+972/, "0"),
    text: message.text,
    sender: message.sender,
    reference: message.reference,
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in values ? escape(values[name]!) : whole,
  );
}

function pick(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined),
      value,
    );
}

/**
 * A real gateway over HTTP: POST the rendered template to SMS_HTTP_URL with
 * `Authorization: Bearer SMS_HTTP_TOKEN`. 2xx is sent (the id is read from the
 * JSON answer at SMS_HTTP_ID_PATH, else our reference stands in); 4xx other than
 * 408/429 is permanent; 5xx, 408, 429 and network failures are retried.
 */
export function httpProvider(config: SmsConfig, fetchImpl: typeof fetch = fetch): SmsProvider {
  const { url, token, contentType, template, idPath } = config.http;
  if (!url) throw new Error("SMS_PROVIDER=http needs SMS_HTTP_URL");
  return {
    name: "http",
    async send(message) {
      const body = renderPayload(template, message, ESCAPES[contentType]);
      let res: Response;
      try {
        res = await fetchImpl(url, {
          method: "POST",
          headers: {
            "Content-Type": `${contentType}; charset=utf-8`,
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body,
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        throw new SmsSendError(`gateway unreachable: ${(err as Error).message}`, false);
      }
      const text = await res.text();
      if (!res.ok) {
        const permanent = res.status >= 400 && res.status < 500 && ![408, 429].includes(res.status);
        throw new SmsSendError(`gateway answered ${res.status}`, permanent);
      }
      let id: unknown;
      try {
        id = pick(JSON.parse(text), idPath);
      } catch {
        id = undefined; // an XML or empty answer: our reference identifies the message
      }
      return {
        providerId:
          typeof id === "string" || typeof id === "number" ? String(id) : message.reference,
      };
    },
  };
}
