import { useTranslation } from "react-i18next";
import { LOCALES, type RespondentLocale } from "./locale";

interface Props<L extends RespondentLocale> {
  locale: L;
  onChange: (locale: L) => void;
  /** The languages offered: the workspace's three unless a resident page passes its four. */
  locales?: readonly L[];
}

/** One button per language, each naming its language in that language. */
export function LanguageSwitcher<L extends RespondentLocale>({
  locale,
  onChange,
  locales,
}: Props<L>) {
  const { t } = useTranslation("common");
  // Without a list the three of the workspace, which every L includes.
  const offered = locales ?? (LOCALES as readonly RespondentLocale[] as readonly L[]);
  return (
    <div className="lang-switcher" role="group" aria-label={t("languageSwitcher")}>
      {offered.map((l) => (
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
