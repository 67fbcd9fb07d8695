import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Transparency } from "../../server/participation/schema";
import { errorMessage, getJson } from "../shared/api";
import type { RespondentLocale } from "../shared/locale";
import { DisclosureBlock } from "../shared/DisclosureBlock";
import { ConstructCard } from "./ConstructCard";

/** `/p/<slug>`: an authority's "you said, we did" updates and its latest published results. */
export function TransparencyPage({ slug, locale }: { slug: string; locale: RespondentLocale }) {
  const { t } = useTranslation("public");
  const [data, setData] = useState<Transparency | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const abort = new AbortController();
    getJson<Transparency>(`/api/public/authorities/${slug}?lang=${locale}`, abort.signal).then(
      setData,
      (e: unknown) => {
        if (!abort.signal.aborted) setError(e);
      },
    );
    return () => abort.abort();
  }, [slug, locale]);
  useEffect(() => {
    document.title = data ? `${data.authority.name} · ${t("pageTitle")}` : t("pageTitle");
  }, [data, t]);
  if (error)
    return (
      <p role="alert" className="notice notice--error">
        {errorMessage(error, t) || t("notFound")}
      </p>
    );
  if (!data) return <p role="status">{t("loading")}</p>;
  const dateFmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
    dateStyle: "long",
  });
  return (
    <div className="pub" data-testid="transparency">
      <h2>{data.authority.name}</h2>
      <nav className="pub-jump" aria-label={t("jumpTo")}>
        <a href="#pub-updates">{t("updates")}</a>
        <a href="#pub-results">
          {data.wave ? t("latestWave", { wave: data.wave.name }) : t("results")}
        </a>
      </nav>
      <section aria-labelledby="pub-updates" data-testid="updates">
        <h3 id="pub-updates">{t("updates")}</h3>
        {data.updates.length === 0 ? (
          <p>{t("noUpdates")}</p>
        ) : (
          <ul className="pub-updates">
            {data.updates.map((u) => (
              <li key={`${u.date}-${u.text.slice(0, 20)}`}>
                <time dateTime={u.date}>{dateFmt.format(new Date(u.date))}</time>
                <p>{u.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="pub-results">
        <h3 id="pub-results">
          {data.wave ? t("latestWave", { wave: data.wave.name }) : t("results")}
        </h3>
        {data.wave ? (
          <div className="pub-grid">
            {data.constructs.map((c) => (
              <ConstructCard key={c.id} c={c} data={data} locale={locale} />
            ))}
          </div>
        ) : (
          <p>{t("noWave")}</p>
        )}
        <p className="pub-note">{t("note", { min: data.minCellSize })}</p>
        {data.disclosure ? <DisclosureBlock d={data.disclosure} locale={locale} /> : null}
      </section>
    </div>
  );
}
