import { useEffect, useRef, useState } from "react";
import { getJson } from "../shared/api";
import type { RespondentLocale } from "../shared/locale";
import { openUrl, personalKey, slugFromPath } from "./personal-link";
import type { OpenSurvey } from "./types";

export type OpenSurveyLoad =
  { kind: "loading" } | { kind: "ready"; open: OpenSurvey } | { kind: "failed"; error: unknown };

/**
 * The survey a link opens, in `locale`: the one the server drew the page with
 * first (not asked of the API again), then read again on a language switch or a
 * retry, the old one staying up until the new arrives. A personal link adopts
 * its contact's language (`setLocale`) unless the address named one, and any
 * link adopts the wave's default in place of a language it does not offer.
 */
export function useOpenSurvey(
  path: string,
  locale: RespondentLocale,
  setLocale: (next: RespondentLocale) => void,
  preloaded: OpenSurvey | null | undefined,
) {
  const [slug] = useState(() => slugFromPath(path) ?? personalKey(path));
  const firstLoad = useRef(!preloaded);
  const [load, setLoad] = useState<OpenSurveyLoad>(() =>
    preloaded ? { kind: "ready", open: preloaded } : { kind: "loading" },
  );
  const [attempt, setAttempt] = useState(0);
  // The language and attempt of the survey on screen: adopting a personal link's own
  // language must not fetch the survey a second time.
  const loadedFor = useRef<{ locale: RespondentLocale; attempt: number } | null>(
    preloaded ? { locale: preloaded.locale, attempt: 0 } : null,
  );

  useEffect(() => {
    if (!slug) return;
    if (loadedFor.current?.locale === locale && loadedFor.current.attempt === attempt) return;
    const abort = new AbortController();
    getJson<OpenSurvey>(openUrl(slug, locale, firstLoad.current), abort.signal).then(
      (open) => {
        // A personal link's own language, or the wave's default when the language
        // asked for is not one the wave offers: the page follows what was served.
        if (open.locale !== locale) setLocale(open.locale);
        firstLoad.current = false;
        loadedFor.current = { locale: open.locale, attempt };
        setLoad({ kind: "ready", open });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setLoad({ kind: "failed", error });
      },
    );
    return () => abort.abort();
  }, [slug, locale, attempt, setLocale]);

  return { slug, load, retry: () => setAttempt((n) => n + 1) };
}
