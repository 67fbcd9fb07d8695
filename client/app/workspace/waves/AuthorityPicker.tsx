import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { WaveOptions } from "./api";
import { useAppLocale } from "../../locale-context";

type Authority = WaveOptions["authorities"][number];
const POPULATIONS = ["jewish", "arab", "mixed"] as const;

/** A checkbox that can show "some" (indeterminate) as well as all or none. */
function TriCheck(props: {
  checked: boolean;
  some: boolean;
  label: string;
  onChange: (on: boolean) => void;
  testId: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = props.some && !props.checked;
  }, [props.some, props.checked]);
  return (
    <label className="ws-check wv-tri">
      <input
        ref={ref}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        data-testid={props.testId}
      />
      <span>{props.label}</span>
    </label>
  );
}

interface Props {
  authorities: Authority[];
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  errorId?: string;
}

/** Authorities to set the wave up in: each one, all of them, or all of one population. */
export function AuthorityPicker({ authorities, selected, onChange, errorId }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const id = useId();
  const sorted = [...authorities].sort((a, b) =>
    a.name[locale].localeCompare(b.name[locale], locale),
  );
  const setMany = (slugs: string[], on: boolean) => {
    const next = new Set(selected);
    for (const s of slugs) {
      if (on) next.add(s);
      else next.delete(s);
    }
    onChange(next);
  };
  const all = sorted.map((a) => a.slug);
  return (
    <fieldset
      className="wv-fieldset wv-authorities"
      aria-describedby={[`${id}-count`, errorId].filter(Boolean).join(" ")}
    >
      <legend>{t("form.authorities")}</legend>
      <div className="wv-row wv-groups">
        <TriCheck
          label={t("form.allAuthorities", { count: all.length })}
          checked={all.length > 0 && all.every((s) => selected.has(s))}
          some={all.some((s) => selected.has(s))}
          onChange={(on) => setMany(all, on)}
          testId="authorities-all"
        />
        {POPULATIONS.map((p) => {
          const slugs = sorted.filter((a) => a.population === p).map((a) => a.slug);
          if (slugs.length === 0) return null;
          return (
            <TriCheck
              key={p}
              label={t(`population.all.${p}`, { count: slugs.length })}
              checked={slugs.every((s) => selected.has(s))}
              some={slugs.some((s) => selected.has(s))}
              onChange={(on) => setMany(slugs, on)}
              testId={`authorities-${p}`}
            />
          );
        })}
      </div>
      <ul className="wv-authority-list">
        {sorted.map((a) => (
          <li key={a.slug}>
            <label className="ws-check">
              <input
                type="checkbox"
                checked={selected.has(a.slug)}
                onChange={(e) => setMany([a.slug], e.target.checked)}
                data-testid={`authority-${a.slug}`}
              />
              <span>
                {a.name[locale]} <span className="ws-badge">{t(`population.${a.population}`)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <p id={`${id}-count`} className="ws-hint" aria-live="polite" data-testid="authorities-count">
        {t("form.selected", { count: selected.size })}
      </p>
    </fieldset>
  );
}
