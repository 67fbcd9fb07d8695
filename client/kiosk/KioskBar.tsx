import { useTranslation } from "react-i18next";
import { dirOf, type RespondentLocale } from "../shared/locale";
import { kioskStatementHref } from "./statement-link";
import { KIOSK_LANGUAGES } from "./languages";

interface Props {
  locale: RespondentLocale;
  /** The languages the wave offers. */
  languages: readonly RespondentLocale[];
  onLocale: (locale: RespondentLocale) => void;
  onStartOver: () => void;
  /** The survey's authority, whose accessibility contact the statement names. */
  authoritySlug: string;
}

/**
 * Always on screen while a resident is at the kiosk: the wave's languages (each
 * named in itself; a change keeps the answers) and "start over", which forgets
 * everything and goes back to the language choice.
 */
export function KioskBar({ locale, languages, onLocale, onStartOver, authoritySlug }: Props) {
  const { t } = useTranslation("kiosk");
  return (
    <nav className="kiosk-bar" data-testid="kiosk-bar" aria-label={t("barLabel")}>
      <div className="kiosk-bar__languages" role="group" aria-label={t("changeLanguage")}>
        {KIOSK_LANGUAGES.filter((l) => languages.includes(l.locale)).map((l) => (
          <button
            key={l.locale}
            type="button"
            lang={l.locale}
            dir={dirOf(l.locale)}
            aria-pressed={l.locale === locale}
            onClick={() => l.locale !== locale && onLocale(l.locale)}
          >
            {l.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="kiosk-bar__start-over"
        data-testid="start-over"
        onClick={onStartOver}
      >
        {t("startOver")}
      </button>
      <a
        className="kiosk-bar__statement"
        href={kioskStatementHref(locale, authoritySlug)}
        data-testid="accessibility-link"
      >
        {t("common:accessibilityStatement")}
      </a>
    </nav>
  );
}
