import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * The withdrawal link after a sign-up: the resident's only copy of it, so it
 * wraps on a narrow phone instead of widening the page, and a button copies
 * it (announced, since nothing visible changes). On a shared device (the kiosk)
 * there is no copy button: the next resident would find the link, which erases
 * this one's contact detail, on the tablet's clipboard.
 */
export function WithdrawLink({ url, shared = false }: { url: string; shared?: boolean }) {
  const { t } = useTranslation("take");
  const id = useId();
  const [copied, setCopied] = useState<boolean | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard (insecure page, refused): select the link so it can be copied by hand.
      const link = document.getElementById(`${id}-url`);
      if (link) window.getSelection()?.selectAllChildren(link);
      setCopied(false);
    }
  }

  return (
    <div className="signup__withdraw">
      <p>{t("signup.withdrawLink")}</p>
      <p>
        <a id={`${id}-url`} href={url} dir="ltr" className="signup__withdraw-url">
          {url}
        </a>
      </p>
      {shared ? null : (
        <>
          <button type="button" className="button" data-testid="copy-withdraw" onClick={copy}>
            {t("signup.copy")}
          </button>
          <p role="status" className="signup__copied">
            {copied === true ? t("signup.copied") : copied === false ? t("signup.copyFailed") : ""}
          </p>
        </>
      )}
    </div>
  );
}
