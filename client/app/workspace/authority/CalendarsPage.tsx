import { useTranslation } from "react-i18next";
import ar from "../../../../locales/ar/ws-calendar.json";
import en from "../../../../locales/en/ws-calendar.json";
import he from "../../../../locales/he/ws-calendar.json";
import { errorMessage } from "../../../shared/api";
import { useAppLocale } from "../../locale-context";
import { useJson } from "../../use-json";
import { CalendarForm, type CalendarAuthority } from "./CalendarForm";
import { RussianNameForm } from "./RussianNameForm";
import "./authority.css";

const NS = "ws-calendar";
const STRINGS = { he, ar, en } as const;

/**
 * The admin's screen for each authority's calendar: the holidays it keeps beyond
 * its population group's (no SMS on them) and its coordinates (Shabbat and
 * holidays end at its own nightfall, not Jerusalem's), and its name in Russian
 * for residents who read it. One section per authority.
 */
export function CalendarsPage() {
  const { t, i18n } = useTranslation(NS);
  for (const l of ["he", "ar", "en"] as const)
    if (!i18n.hasResourceBundle(l, NS)) i18n.addResourceBundle(l, NS, STRINGS[l]);
  const { locale } = useAppLocale();
  const [state] = useJson<CalendarAuthority[]>(`/api/authorities?lang=${locale}`);
  if (state.kind === "failed")
    return (
      <p role="alert" className="notice notice--error">
        {errorMessage(state.error, t)}
      </p>
    );
  if (state.kind === "loading") return <p role="status">{t("common:loading")}</p>;
  return (
    <div className="ws-calendars" data-testid="calendars-page">
      <p className="ws-hint">{t("intro")}</p>
      {state.data.map((a) => (
        <CalendarForm key={a.slug} authority={a}>
          <RussianNameForm slug={a.slug} initial={a.russianName} />
        </CalendarForm>
      ))}
    </div>
  );
}
