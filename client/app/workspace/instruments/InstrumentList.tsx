import { useTranslation } from "react-i18next";
import type { Locale } from "../../../shared/locale";
import { numberFormat } from "../../../shared/locale";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import { hrefOf } from "../routes";
import type { InstrumentList as List } from "../types";
import { NewDraftForm } from "./NewDraftForm";
import { useAppLocale } from "../../locale-context";

/** A date in the page's language. */
export function formatDate(iso: string, locale: Locale): string {
  const tag = locale === "ar" ? "ar-u-nu-latn" : locale === "he" ? "he-IL" : "en-GB";
  return new Intl.DateTimeFormat(tag, { dateStyle: "medium" }).format(new Date(iso));
}

/** `/workspace/instruments`: drafts and published versions; start a new draft. */
export function InstrumentList() {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const [state, retry] = useJson<List>(`/api/bank/instruments?lang=${locale}`);
  if (state.kind === "failed") return <LoadFailed error={state.error} onRetry={retry} />;
  if (state.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  const { instruments, bankInstruments } = state.data;
  const fmt = numberFormat(locale);
  return (
    <div className="ws-instruments">
      <p>{t("instruments.intro")}</p>
      {instruments.length === 0 ? (
        <p className="notice">{t("instruments.none")}</p>
      ) : (
        <div className="ws-table-wrap">
          <table className="ws-table">
            <caption className="visually-hidden">{t("titles.instruments")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("instruments.col.title")}</th>
                <th scope="col">{t("instruments.col.draft")}</th>
                <th scope="col">{t("instruments.col.published")}</th>
              </tr>
            </thead>
            <tbody>
              {instruments.map((i) => {
                const last = i.versions.at(-1);
                return (
                  <tr key={i.key} data-testid={`instrument-${i.key}`}>
                    <th scope="row">
                      {i.title} <code dir="ltr">{i.key}</code>
                    </th>
                    <td>
                      {i.draft ? (
                        <a href={hrefOf(`/workspace/instruments/${i.key}`, locale)}>
                          {t("instruments.openDraft", {
                            revision: fmt.format(i.draft.revision),
                            date: formatDate(i.draft.updatedAt, locale),
                          })}
                        </a>
                      ) : (
                        <span className="ws-muted">{t("instruments.noDraft")}</span>
                      )}
                    </td>
                    <td>
                      {last
                        ? t("instruments.latest", {
                            version: fmt.format(last.version),
                            date: formatDate(last.publishedAt, locale),
                          })
                        : t("instruments.unpublished")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <NewDraftForm
        bankInstruments={bankInstruments}
        published={instruments.filter((i) => i.versions.length > 0 && !i.draft).map((i) => i.key)}
      />
    </div>
  );
}
