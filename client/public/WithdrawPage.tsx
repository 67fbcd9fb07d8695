import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { postJson } from "../shared/api";

/** `/w/<token>`: a resident withdraws their sign-up, which erases their contact details. */
export function WithdrawPage({ token }: { token: string }) {
  const { t } = useTranslation("take");
  const [state, setState] = useState<"ready" | "sending" | "done" | "missing" | "failed">("ready");
  async function withdraw() {
    setState("sending");
    try {
      await postJson(`/api/signups/withdraw/${token}`);
      setState("done");
    } catch (err) {
      setState((err as { status?: number }).status === 404 ? "missing" : "failed");
    }
  }
  // The page's heading (PageShell) already says what it is for: the tab says it too.
  useEffect(() => {
    document.title = t("signup.withdrawTitle");
  }, [t]);
  return (
    <section className="pub">
      {state === "done" ? (
        <p role="status" data-testid="withdrawn">
          {t("signup.withdrawn")}
        </p>
      ) : state === "missing" ? (
        <p role="alert">{t("signup.withdrawMissing")}</p>
      ) : (
        <>
          {state === "failed" ? (
            <p role="alert" className="notice notice--error">
              {t("signup.error")}
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={withdraw}
            disabled={state === "sending"}
          >
            {t("signup.withdrawButton")}
          </button>
        </>
      )}
    </section>
  );
}
