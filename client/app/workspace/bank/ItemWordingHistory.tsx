import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ItemHistory } from "../../../../server/bank/item-history-schema";
import { LoadFailed } from "../../LoadFailed";
import { useAppLocale } from "../../locale-context";
import { useJson } from "../../use-json";

const WORDING_LOCALES = ["he", "ar", "en", "ru"] as const;

/**
 * An item's history of wording, read when opened: each published version that
 * asked it (or an item it replaced, or that replaced it), with the wording in
 * every language and the date it was published.
 */
export function ItemWordingHistory({ id }: { id: string }) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const [open, setOpen] = useState(false);
  const [history, retry] = useJson<ItemHistory>(
    open ? `/api/bank/items/${encodeURIComponent(id)}/history` : null,
  );
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`wording-history-${id}`}>
      <summary>{t("bank.history.open")}</summary>
      {!open ? null : history.kind === "failed" ? (
        <LoadFailed error={history.error} onRetry={retry} />
      ) : history.kind === "loading" ? (
        <p role="status">{t("common:loading")}</p>
      ) : history.data.versions.length === 0 ? (
        <p className="ws-muted">{t("bank.history.none")}</p>
      ) : (
        <ol className="ws-usage">
          {history.data.versions.map((v) => (
            <li key={`${v.key}-${v.version}-${v.itemId}`}>
              <p>
                {/* bdi: an ltr id then a date, each kept whole inside right-to-left text */}
                <code dir="ltr">
                  {v.key} v{v.version} · {v.itemId}
                </code>{" "}
                · <bdi>{date.format(new Date(v.publishedAt))}</bdi>
                {v.changed ? <strong> · {t("bank.history.changed")}</strong> : null}
              </p>
              <dl>
                {WORDING_LOCALES.filter((l) => v.text[l] !== "").map((l) => (
                  <div key={l}>
                    <dt>{t(`bank.history.lang.${l}`)}</dt>
                    <dd lang={l} dir={l === "en" || l === "ru" ? "ltr" : "rtl"}>
                      {v.text[l]}
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
