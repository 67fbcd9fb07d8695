import { patchJson, postJson } from "../../shared/api";
import type { AccountRow } from "./types";

/** What an admin can do to an account; each one is confirmed first. */
export type AccountAction =
  | { kind: "role"; user: AccountRow; role: string; authority: string }
  | {
      kind: "deactivate" | "reactivate" | "resetPassword" | "resetTotp" | "endSessions";
      user: AccountRow;
    };

/** Sends one confirmed action to the users API. */
export function runAccountAction(action: AccountAction, locale: string): Promise<unknown> {
  const base = `/api/users/${action.user.id}`;
  const lang = `?lang=${locale}`;
  switch (action.kind) {
    case "role":
      return patchJson(`${base}${lang}`, {
        role: action.role,
        authoritySlug: action.authority || null,
      });
    case "deactivate":
      return patchJson(`${base}${lang}`, { status: "disabled" });
    case "reactivate":
      return patchJson(`${base}${lang}`, { status: "active" });
    case "resetPassword":
      return postJson(`${base}/password-reset${lang}`);
    case "resetTotp":
      return postJson(`${base}/totp-reset${lang}`);
    case "endSessions":
      return postJson(`${base}/sessions/revoke${lang}`);
  }
}
