import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { RESPONDENT_LOCALES, dirOf, type RespondentLocale } from "../../../shared/locale";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import { useAppLocale } from "../../locale-context";
import { loadSurveyPreview } from "./use-preload-preview";

// survey-core and survey-react-ui load only in the designer, once it is idle (use-preload-preview).
const SurveyPreview = lazy(loadSurveyPreview);

const DEVICES = { phone: 360, tablet: 768 } as const;
type Device = keyof typeof DEVICES;

interface Props {
  draftKey: string;
  /** The saved revision to show; the URL changes with it, so the preview reloads after a save. */
  revision: number;
}

/** The survey as a resident would see it, in he/ar/en/ru, at phone or tablet width. */
export function PreviewPanel({ draftKey, revision }: Props) {
  const { t } = useTranslation("workspace");
  const { locale } = useAppLocale();
  const [lang, setLang] = useState<RespondentLocale>(locale);
  const [device, setDevice] = useState<Device>("phone");
  const [state, retry] = useJson<{ revision: number; survey: Record<string, unknown> | null }>(
    `/api/bank/drafts/${encodeURIComponent(draftKey)}/preview?rev=${revision}`,
  );
  return (
    <div className="ws-preview">
      <div className="ws-row">
        <div role="group" aria-label={t("preview.language")} className="ws-toggle">
          {RESPONDENT_LOCALES.map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={l === lang}
              onClick={() => setLang(l)}
              data-testid={`preview-lang-${l}`}
            >
              {t(`lang.${l}`)}
            </button>
          ))}
        </div>
        <div role="group" aria-label={t("preview.device")} className="ws-toggle">
          {(Object.keys(DEVICES) as Device[]).map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={d === device}
              onClick={() => setDevice(d)}
              data-testid={`preview-device-${d}`}
            >
              {t(`preview.${d}`, { width: DEVICES[d] })}
            </button>
          ))}
        </div>
      </div>
      <p className="ws-muted ws-small">{t("preview.note")}</p>
      {state.kind === "failed" ? (
        <LoadFailed error={state.error} onRetry={retry} />
      ) : state.kind === "loading" ? (
        <p role="status">{t("preview.loading")}</p>
      ) : state.data.survey === null ? (
        <p className="notice">{t("preview.empty")}</p>
      ) : (
        <div
          className="ws-device"
          style={{ inlineSize: `${DEVICES[device]}px` }}
          lang={lang}
          dir={dirOf(lang)}
          data-testid="preview-frame"
        >
          <Suspense fallback={<p role="status">{t("preview.loading")}</p>}>
            <SurveyPreview json={state.data.survey} locale={lang} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
