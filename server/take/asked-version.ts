import { ParentalConsentRequiredError } from "../errors";
import { instrumentVersionFor, type BridgeArm, type WaveBridge } from "../instruments/bridge";
import { getSnapshot, type PublishedInstrument } from "../instruments/service";
import { consentTextOf, mayStart } from "../surveys/consent";
import type { Types } from "mongoose";

/**
 * What the server knows of the person answering, for the choices made per
 * respondent: the split-ballot arm (from a ballot key, or a personal link's
 * invitation), the consent wording (a panel member's answers are linked to a
 * contact, so "confidential", not "anonymous"), and a parent's or guardian's
 * consent on record, which an instrument for minors needs before anything is
 * shown or stored. The open link and the kiosk know of no consent: a youth
 * survey is answered through personal links of contacts whose consent is on record.
 */
export interface Respondent {
  ballotKey?: string | null;
  panel?: boolean;
  parentalConsent?: boolean;
}

/** A published version as one respondent is asked it. */
export interface AskedVersion {
  instrumentVersionId: Types.ObjectId;
  snapshot: PublishedInstrument;
  /** Set only in a wave with a bridge: which wording this respondent is in. */
  arm?: BridgeArm;
}

/**
 * The version a respondent is asked in a wave: the wave's own, or in a bridged
 * wave the arm their ballot draws. Refuses (403) an instrument for minors
 * without a parent's consent on record, so no page of it is served or stored.
 */
export async function askedVersion(
  wave: { _id: Types.ObjectId; instrumentVersionId: Types.ObjectId; bridge?: WaveBridge | null },
  respondent: Respondent,
): Promise<AskedVersion> {
  const bridged = Boolean(wave.bridge);
  const pick =
    bridged && respondent.ballotKey
      ? instrumentVersionFor(wave, respondent.ballotKey)
      : { instrumentVersionId: wave.instrumentVersionId, arm: "main" as const };
  const snapshot = await getSnapshot(pick.instrumentVersionId);
  if (!mayStart(snapshot, { parentalConsent: respondent.parentalConsent ?? false }))
    throw new ParentalConsentRequiredError();
  return {
    instrumentVersionId: pick.instrumentVersionId,
    snapshot,
    ...(bridged ? { arm: pick.arm } : {}),
  };
}

/** The snapshot with the consent wording this respondent reads. */
export function withConsentFor(
  snapshot: PublishedInstrument,
  respondent: Respondent,
): PublishedInstrument {
  const consent = consentTextOf(snapshot, { panel: respondent.panel ?? false });
  return consent === snapshot.texts.consent
    ? snapshot
    : { ...snapshot, texts: { ...snapshot.texts, consent } };
}
