/**
 * Who handles a wave's contacts: those who run fieldwork, the program's
 * researchers and the authority's coordinator (scoped to their authority).
 * A pure module, so the workspace shows the same buttons the server allows.
 */
export const CONTACT_HANDLERS = ["admin", "researcher", "authority-coordinator"] as const;

/**
 * Who may see a whole number and name (each reveal is audited first): the
 * authority's coordinator, who calls a resident back or checks a number by hand,
 * and an administrator. The program's researchers import and send without ever
 * seeing who the residents are, which keeps identities apart from the research.
 */
export const NUMBER_REVEALERS = ["admin", "authority-coordinator"] as const;

/**
 * A resident gets at most one message from staff's resend or reissue in this
 * many minutes (counting any message queued to them, the first invitation too):
 * a coordinator pressing the button twice, or two coordinators answering the
 * same call, does not flood a phone.
 */
export const RESEND_WINDOW_MINUTES = 10;

/** Where a contact stands in a wave, the furthest step first: what the list shows and filters on. */
export const CONTACT_STATUSES = [
  "not-invited",
  "queued",
  "invited",
  "opened",
  "started",
  "completed",
  "bounced",
  "opted-out",
] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
