import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CheckReport } from "./api";

/** Rows of the report shown on screen; the counts always cover the whole file. */
const SHOWN = 50;

/**
 * The pre-flight report of a contacts file: its counts, the rejected rows with
 * their reasons, warnings and duplicates, and the choice to import or start over.
 */
export function ImportReport(props: {
  report: CheckReport;
  onImport: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("ws-contacts");
  const { report } = props;
  const languages = Object.entries(report.byLocale)
    .map(([l, n]) => t("report.languageCount", { language: t(`languages.${l}`), count: n }))
    .join(" · ");
  return (
    <div className="ct-report" data-testid="contacts-report">
      <h4>{t("report.title")}</h4>
      <ul className="ct-figures">
        <li data-testid="report-total">{t("report.total", { count: report.total })}</li>
        <li data-testid="report-valid" className="ct-ok">
          {t("report.valid", { count: report.valid })}
        </li>
        <li data-testid="report-invalid" className={report.invalid.length ? "ct-bad" : undefined}>
          {t("report.invalid", { count: report.invalid.length })}
        </li>
        <li data-testid="report-duplicates">
          {t("report.duplicates", { count: report.duplicates.length })}
        </li>
      </ul>
      {languages ? <p className="ws-small">{languages}</p> : null}
      {report.ignored.length > 0 ? (
        // A column the import will not read must not pass unnoticed (an opt-out list, say).
        <p className="notice" data-testid="report-ignored">
          {t("report.ignored", { columns: report.ignored.map((c) => `“${c}”`).join(", ") })}
        </p>
      ) : null}
      <LineTable
        testId="report-invalid-rows"
        caption={t("report.invalidCaption")}
        rows={report.invalid.slice(0, SHOWN).map((r) => ({
          line: r.line,
          reason: t(`reasons.${r.reason}`, { defaultValue: r.reason }),
          // The rejected value as typed: a phone number reads left to right.
          value: <bdi dir="ltr">{r.value}</bdi>,
        }))}
      />
      <LineTable
        testId="report-warning-rows"
        caption={t("report.warningsCaption")}
        rows={report.warnings.slice(0, SHOWN).map((r) => ({
          line: r.line,
          reason: t(`warnings.${r.reason}`),
          value: <bdi>{r.value}</bdi>,
        }))}
      />
      {report.duplicates.length > 0 ? (
        <ul className="ct-dups ws-small" data-testid="report-duplicate-rows">
          {report.duplicates.slice(0, SHOWN).map((d) => (
            <li key={d.line}>{t("report.duplicateOf", { line: d.line, first: d.firstLine })}</li>
          ))}
        </ul>
      ) : null}
      <div className="ws-row">
        <button
          type="button"
          className="button"
          disabled={report.valid === 0}
          onClick={props.onImport}
          data-testid="contacts-import-confirm"
        >
          {t("report.import", { count: report.valid })}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          {t("report.another")}
        </button>
      </div>
    </div>
  );
}

/** Lines of the file, each with its reason and value: nothing when there are none. */
function LineTable(props: {
  testId: string;
  caption: string;
  rows: { line: number; reason: string; value: ReactNode }[];
}) {
  const { t } = useTranslation("ws-contacts");
  if (props.rows.length === 0) return null;
  return (
    <div className="ws-table-wrap">
      <table className="ws-table ct-issues" data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.line")}</th>
            <th scope="col">{t("report.reason")}</th>
            <th scope="col">{t("report.value")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.line}>
              <td>{r.line}</td>
              <td>{r.reason}</td>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
