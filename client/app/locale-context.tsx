import type { i18n } from "i18next";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "../shared/locale";
import { useLocale } from "../shared/use-locale";

/** The page's language and the way to switch it, for every screen of the main entry. */
export interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

/** Holds the page's language; switching it changes i18next, `<html lang dir>` and `?lang=`. */
export function LocaleProvider({
  i18n,
  initial,
  children,
}: {
  i18n: i18n;
  initial: Locale;
  children: ReactNode;
}) {
  const [locale, setLocale] = useLocale(i18n, initial);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/** The page's language; only inside LocaleProvider (a screen outside it is a wiring mistake). */
export function useAppLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error("useAppLocale outside LocaleProvider");
  return state;
}
