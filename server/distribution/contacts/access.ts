/**
 * Who handles a wave's contacts: those who run fieldwork, the program's
 * researchers and the authority's coordinator (scoped to their authority).
 * A pure module, so the workspace shows the same buttons the server allows.
 */
export const CONTACT_HANDLERS = ["admin", "researcher", "authority-coordinator"] as const;

/**
 * Who may see a whole number and name (each reveal is audited first): the same
 * people, who must be able to call a resident back or check a number by hand.
 */
export const NUMBER_REVEALERS = ["admin", "researcher", "authority-coordinator"] as const;
