import type { LocalizedText } from "../shared/locales";
import type { InstrumentSnapshot } from "./snapshot-schema";

/**
 * The consent a respondent reads. "Anonymous" only where it is true: a panel
 * member's answers carry a pseudonym that links them to a contact, so a panel
 * respondent reads the "confidential" wording. Versions published before the
 * panel wording existed have only the one text.
 */
export function consentTextOf(
  snapshot: Pick<InstrumentSnapshot, "texts">,
  respondent: { panel: boolean },
): LocalizedText {
  return respondent.panel && snapshot.texts.consentPanel
    ? snapshot.texts.consentPanel
    : snapshot.texts.consent;
}

/** True when the respondent may start: adults, or a minor whose parent's consent is on record. */
export function mayStart(
  snapshot: Pick<InstrumentSnapshot, "respondents">,
  respondent: { parentalConsent: boolean },
): boolean {
  return !snapshot.respondents?.parentalConsent || respondent.parentalConsent;
}
