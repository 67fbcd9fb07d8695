import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { LOCALES } from "../../../shared/locale";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import type { BankView } from "../types";
import { ItemUsage } from "./ItemUsage";
import { ItemWordingHistory } from "./ItemWordingHistory";
import { useAppLocale } from "../../locale-context";

type Construct = BankView["constructs"][number];

/** True when the search text is in the item's id or any of its wordings. */
function matches(item: Construct["items"][number], query: string): boolean {
  if (!query) return true;
  const q = query.toLocaleLowerCase();
  return [item.id, ...LOCALES.map((l) => item.text[l])].some((s) =>
    s.toLocaleLowerCase().includes(q),
  );
}

/** `/workspace/bank`: constructs and their items, wording in he/ar/en side by side. */
export function BankBrowser() {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const [state, retry] = useJson<BankView>(`/api/bank?lang=${locale}`);
  const [query, setQuery] = useState("");
  const [constructId, setConstructId] = useState("");
  const ids = useId();
  const scales = useMemo(
    () => new Map(state.kind === "ready" ? state.data.scales.map((s) => [s.id, s]) : []),
    [state],
  );

  if (state.kind === "failed") return <LoadFailed error={state.error} onRetry={retry} />;
  if (state.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  const constructs = state.data.constructs
    .filter((c) => !constructId || c.id === constructId)
    .map((c) => ({ ...c, items: c.items.filter((i) => matches(i, query.trim())) }))
    .filter((c) => c.items.length > 0);
  const count = constructs.reduce((n, c) => n + c.items.length, 0);

  return (
    <div className="ws-bank">
      <p>{t("bank.intro")}</p>
      <div className="ws-filters" role="search">
        <label htmlFor={`${ids}-q`}>{t("bank.search")}</label>
        <input
          id={`${ids}-q`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label htmlFor={`${ids}-c`}>{t("bank.construct")}</label>
        <select
          id={`${ids}-c`}
          value={constructId}
          onChange={(e) => setConstructId(e.target.value)}
        >
          <option value="">{t("bank.allConstructs")}</option>
          {state.data.constructs.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name[locale]}
            </option>
          ))}
        </select>
      </div>
      <p role="status" aria-live="polite">
        {t("bank.count", { count })}
      </p>
      {constructs.map((c) => (
        <section key={c.id} className="ws-construct" aria-labelledby={`${ids}-${c.id}`}>
          <h3 id={`${ids}-${c.id}`}>
            {c.name[locale]} <span className="ws-badge">{t(`bank.kind.${c.kind}`)}</span>
          </h3>
          <p className="ws-muted">{c.description[locale]}</p>
          <p className="ws-muted ws-small">
            {t("bank.source")}: <bdi dir="ltr">{c.source}</bdi>
          </p>
          <div className="ws-table-wrap">
            <table className="ws-table">
              <caption className="visually-hidden">
                {t("bank.itemsOf", { name: c.name[locale] })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("bank.col.id")}</th>
                  {LOCALES.map((l) => (
                    <th key={l} scope="col">
                      {t(`lang.${l}`)}
                    </th>
                  ))}
                  <th scope="col">{t("bank.col.scale")}</th>
                  <th scope="col">{t("bank.col.reverse")}</th>
                  <th scope="col">{t("bank.col.usedIn")}</th>
                </tr>
              </thead>
              <tbody>
                {c.items.map((item) => {
                  const scale = scales.get(item.scale);
                  return (
                    <tr key={item.id} data-testid={`bank-item-${item.id}`}>
                      <th scope="row">
                        <code dir="ltr">{item.id}</code>
                        {item.scored ? null : (
                          <span className="ws-badge">{t("bank.notScored")}</span>
                        )}
                      </th>
                      {LOCALES.map((l) => (
                        <td
                          key={l}
                          lang={l}
                          dir={l === "en" ? "ltr" : "rtl"}
                          className="ws-wording"
                        >
                          {item.text[l]}
                        </td>
                      ))}
                      <td>
                        <details>
                          <summary>
                            <code dir="ltr">{item.scale}</code> ({scale?.points.length ?? 0})
                          </summary>
                          <ol className="ws-points">
                            {scale?.points.map((p) => (
                              <li key={p.value}>
                                <bdi>{p.value}</bdi> · {p.label[locale]}
                              </li>
                            ))}
                          </ol>
                        </details>
                      </td>
                      <td>{item.reverse ? <strong>{t("bank.reversed")}</strong> : t("bank.no")}</td>
                      <td>
                        <ItemUsage uses={item.usedIn} />
                        <ItemWordingHistory id={item.id} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
