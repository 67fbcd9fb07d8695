import { useTranslation } from "react-i18next";
import type { BankView } from "../types";

type Use = BankView["constructs"][number]["items"][number]["usedIn"][number];

/** The published versions that ask an item, and the waves run with them. */
export function ItemUsage({ uses }: { uses: Use[] }) {
  const { t } = useTranslation("workspace");
  if (uses.length === 0) return <span className="ws-muted">{t("bank.unused")}</span>;
  const waves = uses.reduce((n, u) => n + u.waves.length, 0);
  return (
    <details>
      <summary>
        {t("bank.versions", { count: uses.length })} · {t("bank.waves", { count: waves })}
      </summary>
      <ul className="ws-usage">
        {uses.map((u) => (
          <li key={`${u.key}-${u.version}`}>
            <code dir="ltr">
              {u.key} v{u.version}
            </code>
            {u.waves.length > 0 ? (
              <ul>
                {u.waves.map((w) => (
                  <li key={w.id}>
                    {w.authority} · {w.name} ({t(`waveStatus.${w.status}`)})
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
