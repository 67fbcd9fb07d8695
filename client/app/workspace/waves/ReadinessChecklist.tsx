import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../shared/locale";
import { useAppLocale } from "../../locale-context";
import { hrefOf, wavePath } from "../routes";
import type { Readiness, ReadinessCheck, WaveView } from "./api";

interface Props {
  wave: WaveView;
  readiness: Readiness;
  /** Id of the settings form, where the open link, dates and texts are fixed. */
  settingsId: string;
  designer: boolean;
}

/** Where a failing item is fixed. */
function fixOf(c: ReadinessCheck, p: Props, locale: Locale): { href: string; key: string } | null {
  const { wave, settingsId, designer } = p;
  switch (c.code) {
    case "sms_contacts":
      return {
        href: hrefOf(wavePath(wave.authority.slug, wave.id, "contacts"), locale),
        key: "fix.contacts",
      };
    case "kiosk_paired":
      return {
        href: hrefOf(`/workspace/kiosks/${wave.authority.slug}`, locale),
        key: "fix.kiosks",
      };
    case "translations":
    case "translation_review":
      return designer
        ? {
            href: hrefOf(`/workspace/instruments/${wave.instrument.key}`, locale),
            key: "fix.translations",
          }
        : null;
    default:
      return { href: `#${settingsId}`, key: "fix.settings" };
  }
}

/** What a check's counts say, in words. */
function detailOf(c: ReadinessCheck, t: TFunction<"ws-waves">): string {
  const d = c.detail;
  switch (c.code) {
    case "translations": {
      const langs = Object.entries(d)
        .filter(([, n]) => n > 0)
        .map(([l, n]) => t("check.missingIn", { lang: t(`lang.${l}`), count: n }));
      return langs.length
        ? langs.join(" · ")
        : t("check.translationsFor", {
            langs: Object.keys(d)
              .map((l) => t(`lang.${l}`))
              .join(", "),
          });
    }
    case "translation_review":
      return Object.entries(d)
        .map(([l, n]) => t("check.unadjudicatedIn", { lang: t(`lang.${l}`), count: n }))
        .join(" · ");
    case "sms_contacts":
      return t("check.contacts", { count: d.contacts ?? 0 });
    case "kiosk_paired":
      return t("check.kiosks", { count: d.paired ?? 0, unpaired: d.unpaired ?? 0 });
    case "templates_render":
      return c.ok
        ? t("check.templatesParts", { count: d.longest ?? 0 })
        : t("check.templateProblems", { count: d.problems ?? 0 });
    default:
      return "";
  }
}

/** The checklist a wave must pass to open, each failing item with what to do and where. */
export function ReadinessChecklist(props: Props) {
  const { t } = useTranslation("ws-waves");
  const { readiness } = props;
  const { locale } = useAppLocale();
  const failing = readiness.checks.filter((c) => !c.ok).length;
  return (
    <section className="wv-checklist" aria-labelledby="wv-checklist-h" data-testid="readiness">
      <h3 id="wv-checklist-h">{t("check.title")}</h3>
      <p className={readiness.ready ? "wv-ok" : "ws-warn"} data-testid="readiness-summary">
        {readiness.ready ? t("check.ready") : t("check.notReady", { count: failing })}
      </p>
      <ul>
        {readiness.checks.map((c) => {
          const fix = c.ok ? null : fixOf(c, props, locale);
          const detail = detailOf(c, t);
          return (
            <li
              key={c.code}
              className={c.ok ? "wv-check wv-check--ok" : "wv-check wv-check--fail"}
              data-testid={`check-${c.code}`}
              data-ok={c.ok}
            >
              <span className="wv-check__mark" aria-hidden="true">
                {c.ok ? "✓" : "✗"}
              </span>
              <div>
                <strong>
                  <span className="visually-hidden">
                    {c.ok ? t("check.okLabel") : t("check.failLabel")}:{" "}
                  </span>
                  {t(`check.name.${c.code}`)}
                </strong>
                {detail ? <span className="ws-muted"> · {detail}</span> : null}
                {c.ok ? null : (
                  <p className="wv-check__why">{t(`check.why.${c.code}`, { link: "{{link}}" })}</p>
                )}
                {fix ? (
                  <a href={fix.href} className="wv-check__fix">
                    {t(fix.key)}
                  </a>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {/* Warnings never block opening: they name what is worth knowing first. */}
      {readiness.warnings.map((w) => (
        <p key={w.code} className="ws-warn" role="note" data-testid={`warning-${w.code}`}>
          <strong>{t("check.warningLabel")}: </strong>
          {t("check.followUpOpen", {
            count: w.waves.length,
            waves: w.waves.map((x) => `«${x.name[locale]}»`).join(", "),
          })}
        </p>
      ))}
    </section>
  );
}
