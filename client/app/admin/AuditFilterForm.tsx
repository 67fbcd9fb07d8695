import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { AuditFilters } from "./audit-query";
import type { AccountRow, AuthorityOption } from "./types";

/** The audit screen's filters: person, action, authority, dates, and personal data only. */
export function AuditFilterForm(props: {
  initial: AuditFilters;
  people: AccountRow[];
  authorities: AuthorityOption[];
  onApply: (filters: AuditFilters) => void;
}) {
  const { t } = useTranslation("admin");
  const [f, setF] = useState(props.initial);
  // Every action the log records has a label (two levels: "contacts" → "revealed").
  const groups = t("audit.actions", { returnObjects: true }) as Record<
    string,
    Record<string, string>
  >;
  const actions = Object.entries(groups).flatMap(([group, labels]) =>
    Object.entries(labels).map(([name, label]) => [`${group}.${name}`, label] as const),
  );
  const set = (patch: Partial<AuditFilters>) => setF((old) => ({ ...old, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onApply(f);
  };
  return (
    <form
      className="adm-filters"
      onSubmit={submit}
      aria-label={t("audit.filters")}
      data-testid="audit-filters"
    >
      <label>
        {t("audit.person")}
        <select
          value={f.actor}
          onChange={(e) => set({ actor: e.target.value })}
          data-testid="filter-person"
        >
          <option value="">{t("audit.anyone")}</option>
          {props.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.email}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("audit.action")}
        <select
          value={f.action}
          onChange={(e) => set({ action: e.target.value })}
          data-testid="filter-action"
        >
          <option value="">{t("audit.anyAction")}</option>
          {actions.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("audit.authority")}
        <select
          value={f.authority}
          onChange={(e) => set({ authority: e.target.value })}
          data-testid="filter-authority"
        >
          <option value="">{t("audit.anyAuthority")}</option>
          {props.authorities.map((a) => (
            <option key={a.slug} value={a.slug}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("audit.from")}
        <input
          type="date"
          value={f.from}
          onChange={(e) => set({ from: e.target.value })}
          data-testid="filter-from"
        />
      </label>
      <label>
        {t("audit.to")}
        <input
          type="date"
          value={f.to}
          onChange={(e) => set({ to: e.target.value })}
          data-testid="filter-to"
        />
      </label>
      <label className="adm-check">
        <input
          type="checkbox"
          checked={f.personal}
          onChange={(e) => set({ personal: e.target.checked })}
          data-testid="filter-personal"
        />
        {t("audit.personalOnly")}
      </label>
      <div className="ws-row">
        <button type="submit" className="button" data-testid="filter-apply">
          {t("audit.apply")}
        </button>
      </div>
    </form>
  );
}
