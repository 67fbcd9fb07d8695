import { useTranslation } from "react-i18next";
import { useAppLocale } from "../locale-context";
import type { MarginsCheck } from "./margins-types";

interface Props {
  check: MarginsCheck;
  onSave: () => void;
}

/**
 * What a check of a margins file found: every problem with its row (or
 * variable) in the reader's language, the same sentences the import's refusal
 * uses; or, for a clean file, each variable's shares and the save button.
 */
export function MarginsCheckReport({ check, onSave }: Props) {
  const { t } = useTranslation("margins");
  const { locale } = useAppLocale();
  const share = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  if (check.problems.length > 0)
    return (
      <div className="notice notice--error" role="alert" data-testid="margins-problems">
        <p>{t("upload.problemsTitle", { count: check.problems.length })}</p>
        <div className="table-wrap">
          <table className="results-table">
            <caption>{t("upload.problemsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("upload.colRow")}</th>
                <th scope="col">{t("upload.colProblem")}</th>
              </tr>
            </thead>
            <tbody>
              {check.problems.map((p) => (
                <tr key={p.path} data-row={p.row ?? ""} data-code={p.code}>
                  <th scope="row">
                    {p.row ?? (p.variable ? t(`variables.${p.variable}`) : t("upload.whole"))}
                  </th>
                  <td>{t(`file.${p.code}`, { row: p.row ?? "" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  return (
    <div data-testid="margins-preview">
      <h3>
        <bdi>{t("upload.previewTitle", { source: check.source, year: check.year })}</bdi>
      </h3>
      {check.margins.map((m) => (
        <div className="table-wrap" key={m.variable}>
          <table className="results-table">
            <caption>
              {t("upload.previewCaption", { variable: t(`variables.${m.variable}`) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("upload.colCategory")}</th>
                <th scope="col">{t("upload.colShare")}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(m.shares).map(([category, value]) => (
                <tr key={category}>
                  <th scope="row">
                    <bdi>{category}</bdi>
                  </th>
                  <td>{share.format(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <button type="button" className="button" onClick={onSave} data-testid="margins-save">
        {t("upload.save")}
      </button>
    </div>
  );
}
