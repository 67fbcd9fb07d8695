import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { hrefOf, wavePath } from "../routes";
import type { WaveView } from "./api";
import { formatDay, StatusBadge } from "./StatusBadge";

/** The top of a wave's page: links to its other pages, its name, status and what it asks. */
export function WaveHeader({ wave }: { wave: WaveView }) {
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-waves");
  return (
    <>
      <nav className="wv-crumbs" aria-label={t("detail.crumbs")}>
        <a href={hrefOf("/workspace/waves", locale)}>{t("detail.back")}</a>
        <a href={hrefOf(wavePath(wave.authority.slug, wave.id, "contacts"), locale)}>
          {t("list.contacts")}
        </a>
        <a href={hrefOf(wavePath(wave.authority.slug, wave.id, "monitoring"), locale)}>
          {t("list.monitoring")}
        </a>
      </nav>
      <header className="wv-detail__head">
        <h3 data-testid="wave-title">
          {wave.name[locale]} · {wave.authority.name[locale]}
        </h3>
        <StatusBadge status={wave.status} />
        <p className="ws-muted">
          {t("detail.meta", {
            kind: t(`kind.${wave.kind}`),
            instrument: `${wave.instrument.key} v${wave.instrument.version}`,
            date: formatDay(wave.opensAt, locale),
          })}
        </p>
      </header>
    </>
  );
}
