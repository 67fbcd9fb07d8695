import { useCallback, useState } from "react";
import type { i18n } from "i18next";
import { applyLocale, type Locale } from "./locale";

/**
 * The page's language as React state: switching changes i18next, `<html lang dir>`
 * and `?lang=` together.
 */
export function useLocale(i18n: i18n, initial: Locale): [Locale, (l: Locale) => void] {
  const [locale, setLocaleState] = useState<Locale>(initial);
  const setLocale = useCallback(
    (next: Locale) => {
      applyLocale(next);
      void i18n.changeLanguage(next);
      setLocaleState(next);
    },
    [i18n],
  );
  return [locale, setLocale];
}
