import type { ReactNode } from "react";
import { FieldErrors } from "./FieldErrors";
import type { SettingsDraft } from "./settings";
import type { FieldIssue } from "./api";

/** What each part of the wave settings form gets: the draft, a way to change it, the server's problems. */
export interface SettingsPartProps {
  value: SettingsDraft;
  set: (patch: Partial<SettingsDraft>) => void;
  issues: readonly FieldIssue[];
  disabled?: boolean;
}

/** A labelled input with its hint and the server's errors, wired by ids. */
export function SettingsField(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  codes: string[];
  children: (describedBy: string | undefined, invalid: true | undefined) => ReactNode;
}) {
  const { id, label, hint, codes, children } = props;
  const describedBy =
    [hint ? `${id}-hint` : "", codes.length ? `${id}-err` : ""].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className="wv-field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy, codes.length ? true : undefined)}
      {hint ? (
        <p id={`${id}-hint`} className="ws-hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${id}-err`} codes={codes} />
    </div>
  );
}
