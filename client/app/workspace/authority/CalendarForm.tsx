import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, patchJson } from "../../../shared/api";
import {
  BOUNDS,
  calendarBody,
  calendarFormOf,
  checkCalendar,
  HOLIDAYS,
  type CalendarErrors,
  type CalendarField,
} from "./calendar-checks";

/** An authority as GET /api/authorities lists it (the fields this form uses). */
export interface CalendarAuthority {
  slug: string;
  name: string;
  population: "jewish" | "arab" | "mixed";
  observedHolidays: string[];
  location: { latitude: number; longitude: number } | null;
  russianName: string | null;
}

type Status = { kind: "idle" | "saving" | "saved" } | { kind: "failed"; error: unknown };

/**
 * One authority's observed holidays and coordinates (`children`, such as its
 * Russian name's own form, come first). Each field says what is
 * wrong with it, the first wrong one takes the focus, and the outcome is
 * announced; the server checks the same bounds again.
 */
export function CalendarForm(props: { authority: CalendarAuthority; children?: ReactNode }) {
  const { authority, children } = props;
  const { t } = useTranslation("ws-calendar");
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState(() => calendarFormOf(authority));
  const [errors, setErrors] = useState<CalendarErrors>({});
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const fieldId = (f: CalendarField) => `${id}-${f}`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkCalendar(form);
    setErrors(found);
    const first = (["latitude", "longitude"] as const).find((f) => found[f]);
    if (first) {
      setStatus({ kind: "idle" });
      formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(fieldId(first))}`)?.focus();
      return;
    }
    setStatus({ kind: "saving" });
    try {
      await patchJson(`/api/authorities/${authority.slug}`, calendarBody(form));
      setStatus({ kind: "saved" });
    } catch (error) {
      setStatus({ kind: "failed", error });
    }
  };

  const coordinate = (f: CalendarField) => (
    <div className="ws-loc__field">
      <label htmlFor={fieldId(f)}>{t(`location.${f}`)}</label>
      <input
        id={fieldId(f)}
        dir="ltr"
        inputMode="decimal"
        value={form[f]}
        onChange={(e) => setForm({ ...form, [f]: e.target.value })}
        aria-invalid={errors[f] ? true : undefined}
        aria-describedby={errors[f] ? `${fieldId(f)}-error` : `${fieldId(f)}-hint`}
      />
      {errors[f] ? (
        <p id={`${fieldId(f)}-error`} className="ws-field-error">
          {t(`errors.${errors[f]}`, { min: BOUNDS[f].min, max: BOUNDS[f].max })}
        </p>
      ) : (
        <p id={`${fieldId(f)}-hint`} className="ws-hint">
          {t(`location.${f}Hint`, { min: BOUNDS[f].min, max: BOUNDS[f].max })}
        </p>
      )}
    </div>
  );

  return (
    <section className="ws-form ws-a11y-contact" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{authority.name}</h3>
      <p className="ws-hint">{t(`population.${authority.population}`)}</p>
      {children}
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => void onSubmit(e)}
        data-testid={`calendar-${authority.slug}`}
      >
        <fieldset className="ws-loc">
          <legend>{t("holidays.legend")}</legend>
          {HOLIDAYS.map((h) => (
            <label key={h} className="ws-check">
              <input
                type="checkbox"
                checked={form.holidays.includes(h)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    holidays: e.target.checked
                      ? [...form.holidays, h]
                      : form.holidays.filter((x) => x !== h),
                  })
                }
              />{" "}
              {t(`holidays.${h}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="ws-loc">
          <legend>{t("location.legend")}</legend>
          <p className="ws-hint">{t("location.intro")}</p>
          <div className="ws-a11y-contact__reach">
            {coordinate("latitude")}
            {coordinate("longitude")}
          </div>
        </fieldset>
        <div className="ws-a11y-contact__actions">
          <button type="submit" className="button" disabled={status.kind === "saving"}>
            {t("save")}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {status.kind === "saving" ? <p>{t("saving")}</p> : null}
          {status.kind === "saved" ? <p data-testid="calendar-saved">{t("saved")}</p> : null}
        </div>
        {status.kind === "failed" ? (
          <p role="alert" className="notice notice--error">
            {errorMessage(status.error, t)}
          </p>
        ) : null}
      </form>
    </section>
  );
}
