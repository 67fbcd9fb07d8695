import { useTranslation } from "react-i18next";

/** The server's problems with one field, translated, shown by the field (its id for aria-describedby). */
export function FieldErrors({ id, codes }: { id: string; codes: string[] }) {
  const { t } = useTranslation("ws-waves");
  if (codes.length === 0) return null;
  return (
    <div id={id} className="wv-field-errors" data-testid="field-error">
      {[...new Set(codes)].map((code) => (
        <p key={code} className="ws-problem">
          {t(`fieldError.${code}`, { defaultValue: t("fieldError.invalid") })}
        </p>
      ))}
    </div>
  );
}
