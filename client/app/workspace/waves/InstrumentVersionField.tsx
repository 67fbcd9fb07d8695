import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../../../shared/locale";
import type { WaveOptions } from "./api";
import { FieldErrors } from "./FieldErrors";
import { formatDay } from "./StatusBadge";
import { useAppLocale } from "../../locale-context";

interface Props {
  instruments: WaveOptions["instruments"];
  versionId: string;
  onChange: (versionId: string) => void;
  /** Languages the chosen authorities' residents need that this version lacks. */
  gaps: Locale[];
  /** The server's problem codes for this field. */
  codes: string[];
}

/** The published instrument version the new waves are pinned to, with what it lacks. */
export function InstrumentVersionField({ instruments, versionId, onChange, gaps, codes }: Props) {
  const { t } = useTranslation("ws-waves");
  const { locale } = useAppLocale();
  const id = useId();
  return (
    <div className="wv-field">
      <label htmlFor={`${id}-version`}>{t("form.instrument")}</label>
      <select
        id={`${id}-version`}
        value={versionId}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-version-hint`}
        aria-invalid={codes.length ? true : undefined}
        data-testid="wave-instrument"
      >
        {instruments.map((v) => (
          <option key={v.id} value={v.id}>
            {t("form.instrumentOption", {
              title: v.title[locale],
              key: v.key,
              version: v.version,
              date: formatDay(v.publishedAt, locale),
            })}
          </option>
        ))}
      </select>
      <p id={`${id}-version-hint`} className={gaps.length ? "ws-warn" : "ws-hint"}>
        {instruments.length === 0
          ? t("form.noInstrument")
          : gaps.length
            ? t("form.instrumentGaps", { langs: gaps.map((l) => t(`lang.${l}`)).join(", ") })
            : t("form.instrumentHint")}
      </p>
      <FieldErrors id={`${id}-version-err`} codes={codes} />
    </div>
  );
}
