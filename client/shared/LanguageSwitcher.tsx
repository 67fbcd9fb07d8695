import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "./locale";

interface Props {
  locale: Locale;
  onChange: (locale: Locale) => void;
}

/** Three buttons, each naming its language in that language. */
export function LanguageSwitcher({ locale, onChange }: Props) {
  const { t } = useTranslation("common");
  return (
    <div className="lang-switcher" role="group" aria-label={t("languageSwitcher")}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          dir="auto"
          aria-pressed={l === locale}
          onClick={() => onChange(l)}
        >
          {t("languageName", { lng: l })}
        </button>
      ))}
    </div>
  );
}
