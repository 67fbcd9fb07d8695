import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  value: string;
  onValue: (value: string) => void;
  /** The message key (ws-authority:contact.errors.*) when the field is wrong. */
  error: string | undefined;
}

/**
 * One field of the accessibility contact, with what is wrong with it under it
 * and tied to it (aria-invalid, aria-describedby), as screen readers need.
 */
export function ContactFieldInput({ id, value, onValue, error, ...extra }: Props) {
  const { t } = useTranslation("ws-authority");
  return (
    <>
      <input
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...extra}
      />
      {error ? (
        <p id={`${id}-error`} className="ws-field-error">
          {t(`contact.errors.${error}`)}
        </p>
      ) : null}
    </>
  );
}
