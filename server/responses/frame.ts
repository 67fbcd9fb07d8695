/**
 * The frame cell of a response that came through a personal link: the values
 * the contact list holds for every invitee, respondent or not (the language
 * the list gives, and the neighbourhood where the list has one), copied from
 * the invitation when the response is stored. It is as coarse as the list's
 * own cells and names no contact: the non-response adjustment
 * (server/analytics/nonresponse-classes.ts) needs it to put respondents in the
 * same cells as the invitations they came from.
 */
export interface ResponseFrame {
  /** The invitation's language (the list's), not the language the survey was answered in. */
  language: string;
  /** The list's neighbourhood key; "" where the list has none. */
  neighbourhood: string;
}

/** The frame variables, in the order non-response classes split by them. */
export const FRAME_VARIABLES = ["language", "neighbourhood"] as const;

/** The frame cell of an invitation. */
export function frameOfInvitation(inv: {
  locale: string;
  neighbourhood?: string | null;
}): ResponseFrame {
  return { language: inv.locale, neighbourhood: inv.neighbourhood ?? "" };
}

/** A frame as one text (the key of its cell); "" for a response without one. */
export function frameText(frame: ResponseFrame | null | undefined): string {
  return frame ? JSON.stringify([frame.language, frame.neighbourhood ?? ""]) : "";
}

/** The frame variables' values of a frame text; null for "". */
export function frameValues(text: string): Record<string, string> | null {
  if (text === "") return null;
  const [language, neighbourhood] = JSON.parse(text) as [string, string];
  return { language, neighbourhood };
}
