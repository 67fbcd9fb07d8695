/**
 * Under the survey: "sending…" or "checking this device…" read out politely, and a
 * failed send said at once with a retry when trying again can help; a resident
 * whose group is full is thanked instead.
 */
import { useTranslation } from "react-i18next";
import { errorMessage, isRetryable } from "../shared/api";
import type { SendState } from "./use-survey-sending";

export function SendStatus({ send, retry }: { send: SendState; retry: () => void }) {
  const { t } = useTranslation("take");
  if (send.kind === "screenedOut")
    return (
      <div role="status" className="notice" data-testid="quota-full">
        <p>{send.message}</p>
      </div>
    );
  return (
    <>
      <div role="status" aria-live="polite" className="send-status">
        {send.kind === "sending" ? <p className="notice">{t("sending")}</p> : null}
        {send.kind === "checking" ? (
          <p className="notice" data-testid="checking-device">
            {t("checkingDevice")}
          </p>
        ) : null}
      </div>
      {send.kind === "failed" ? (
        <div role="alert" className="notice notice--error send-error">
          <p>{errorMessage(send.error, t)}</p>
          <p>{t("submitFailed")}</p>
          {isRetryable(send.error) ? (
            <button type="button" className="button" onClick={retry}>
              {t("sendAgain")}
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
