import { useCallback, useState } from "react";
import type { i18n } from "i18next";
import { applyLocale, type RespondentLocale } from "./locale";

/**
 * The page's language as React state: switching changes i18next, `<html lang dir>`
 * and `?lang=` together.
 */
export function useLocale<L extends RespondentLocale>(i18n: i18n, initial: L): [L, (l: L) => void] {
  const [locale, setLocaleState] = useState<L>(initial);
  const setLocale = useCallback(
    (next: L) => {
      applyLocale(next);
      void i18n.changeLanguage(next);
      setLocaleState(next);
    },
    [i18n],
  );
  return [locale, setLocale];
}
