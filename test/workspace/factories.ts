import { Types } from "mongoose";
import type { UserPrincipal } from "../../server/access/principal";
import { createDraft } from "../../server/bank/drafts";

let counter = 0;

/** A fresh, unique instrument key. */
export const newKey = () => `draft_${Date.now().toString(36)}_${(counter++).toString(36)}`;

/** A researcher principal for calling workspace services directly. */
export function researcherPrincipal(): UserPrincipal {
  return {
    kind: "user",
    id: new Types.ObjectId().toHexString(),
    email: "researcher@test.example",
    name: "Test researcher",
    role: "researcher",
    authorityId: null,
    totpEnabled: false,
    setup: [],
    sessionId: "test",
    csrfToken: "test",
  };
}

/** A draft copied from a bank instrument file (ready to publish), under a new key. */
export async function makeDraft(from = "core", key = newKey()) {
  return createDraft(researcherPrincipal(), {
    key,
    title: { he: "שאלון בדיקה", ar: "استبيان اختبار", en: "Test survey" },
    from: { kind: "bank", key: from },
  });
}
