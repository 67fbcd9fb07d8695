/**
 * SMS texts of a wave that has opened change only with a researcher's approval
 * (issue 16, finding 5: a coordinator rewrote an open wave's text to "call
 * 03-5555555 about your debt" with no review and no audit entry). A coordinator's
 * change becomes a proposal kept on the wave and never sent; a researcher or an
 * admin approves it (it becomes the wave's texts) or rejects it. Every text, at
 * any status and from anyone, must carry the link and the opt-out line.
 */
import type { Types } from "mongoose";
import type { Principal } from "../access/principal";
import { audit, type AuditAction } from "../audit/service";
import { ConflictError, ValidationError, type ErrorDetail } from "../errors";
import type { Locale } from "../shared/locales";
import { Wave } from "./model";
import { draftSms, sampleLink } from "../shared/sms/sms-draft";
import type { WaveView } from "./schema";
import { presentWave, waveInScope } from "./service";

/** New SMS texts as the wave routes take them: per kind, per locale. */
export type SmsTemplatesInput = Partial<
  Record<"invitation" | "reminder", Partial<Record<Locale, string>>>
>;

/** Who may change a live wave's texts directly; everyone else proposes. */
const APPROVERS: ReadonlySet<string> = new Set(["admin", "researcher"]);

/** True when this caller's change to a wave at this status waits for approval. */
export function needsApproval(principal: Principal, status: string): boolean {
  return status !== "draft" && !APPROVERS.has(principal.role);
}

/**
 * Refuses texts a resident should never get: without the link or the opt-out line,
 * or with a placeholder that does not fill in. Rendered as the sender does, with a
 * link as long as a real one. Returns the texts when they hold.
 */
export function assertTemplatesComplete<T extends SmsTemplatesInput>(
  templates: T,
  authority: { name: Record<Locale, string>; slug: string },
  wave: { name: Record<Locale, string> },
): T {
  const details: ErrorDetail[] = [];
  for (const kind of ["invitation", "reminder"] as const)
    for (const [locale, text] of Object.entries(templates[kind] ?? {}) as [Locale, string][]) {
      const draft = draftSms(kind, locale, text, {
        link: sampleLink("https://pulse.example"),
        authority: authority.name[locale],
        wave: wave.name[locale],
        transparency: `https://pulse.example/p/${authority.slug}`,
      });
      for (const code of draft.problems)
        details.push({ path: `body.smsTemplates.${kind}.${locale}`, code });
    }
  if (details.length > 0) throw new ValidationError(details);
  return templates;
}

/** Writes a proposal event (submitted, approved, rejected) with the texts concerned. */
export async function auditProposal(
  principal: Principal,
  wave: { _id: Types.ObjectId; authorityId: Types.ObjectId; status: string },
  action: Extract<AuditAction, `sms.proposal-${string}`>,
  templates: SmsTemplatesInput | undefined,
  ip?: string,
): Promise<void> {
  await audit({
    action,
    actor: principal,
    target: { kind: "wave", id: wave._id.toHexString() },
    authorityId: wave.authorityId,
    ip,
    details: { status: wave.status, ...(templates ? { templates } : {}) },
  });
}

/** The wave's texts as JSON-safe plain values (the stored subdocument holds only locales). */
function plain(templates: unknown): SmsTemplatesInput {
  return JSON.parse(JSON.stringify(templates ?? {})) as SmsTemplatesInput;
}

/**
 * Approves or rejects the wave's pending proposal: approved, its texts become the
 * wave's (checked again); either way the proposal is gone. Conditional on the
 * proposal read, so two reviewers cannot both act on it.
 */
export async function decideProposal(
  principal: Principal,
  slug: string,
  waveId: string,
  decision: "approve" | "reject",
  ip: string | undefined,
): Promise<WaveView> {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  const proposal = wave.smsProposal;
  if (!proposal) throw new ConflictError([{ path: "smsProposal", code: "none_pending" }]);
  if (wave.status === "closed") throw new ConflictError([{ path: "status", code: "closed" }]);
  const templates = plain(proposal.templates);
  if (decision === "approve") assertTemplatesComplete(templates, authority, wave);
  const updated = await Wave.findOneAndUpdate(
    { _id: wave._id, "smsProposal.proposedAt": proposal.proposedAt },
    decision === "approve"
      ? { $set: { smsTemplates: templates }, $unset: { smsProposal: 1 } }
      : { $unset: { smsProposal: 1 } },
    { returnDocument: "after" },
  ).lean();
  if (!updated) throw new ConflictError([{ path: "smsProposal", code: "changed_meanwhile" }]);
  await auditProposal(
    principal,
    updated,
    decision === "approve" ? "sms.proposal-approved" : "sms.proposal-rejected",
    templates,
    ip,
  );
  return presentWave(updated);
}
