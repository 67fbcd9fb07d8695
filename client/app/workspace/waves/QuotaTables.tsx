import { useTranslation } from "react-i18next";
import type { QuotaView } from "../../../../server/quotas/schema";
import { useAppLocale } from "../../locale-context";

/** Each quota question of a wave as a table: every answer's count of its target, and whether it closed. */
export function QuotaTables({ quotas }: { quotas: QuotaView["quotas"] }) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  return (
    <>
      {quotas.map((q) => (
        <table key={q.question} className="ws-table" data-testid={`quota-${q.question}`}>
          <caption>{q.text[locale]}</caption>
          <thead>
            <tr>
              <th scope="col">{t("quotas.answer")}</th>
              <th scope="col">{t("quotas.filled")}</th>
              <th scope="col">{t("quotas.state")}</th>
            </tr>
          </thead>
          <tbody>
            {q.cells.map((c) => (
              <tr key={c.value}>
                <th scope="row">{c.label[locale]}</th>
                <td>{t("quotas.countOf", { count: c.count, target: c.target })}</td>
                <td>{t(c.full ? "quotas.full" : "quotas.open")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}
