import type { ComponentProps } from "react";
import { PageShell } from "../shared/PageShell";
import type { Locale } from "../shared/locale";
import { useAppLocale } from "./locale-context";

type Props = Omit<
  ComponentProps<typeof PageShell<Locale>>,
  "locale" | "onLocaleChange" | "locales"
>;

/** The shared page shell in the language of the main entry's locale context. */
export function AppShell(props: Props) {
  const { locale, setLocale } = useAppLocale();
  return <PageShell locale={locale} onLocaleChange={setLocale} {...props} />;
}
