import mongoose, { type Types } from "mongoose";
import { aaporRates, type AaporRates, type DispositionCounts } from "../analytics/aapor";
import {
  aaporCounts,
  classifyInvitation,
  emptyTally,
  partialThreshold,
  type Disposition,
  type DispositionTally,
} from "../analytics/dispositions";
import { Contact, OptOut } from "../distribution/contacts/model";
import { Invitation } from "../distribution/invitations/model";
import { SmsMessage } from "../distribution/queue/model";
import { getSnapshot } from "../instruments/service";
import { frameOfInvitation, type ResponseFrame } from "../responses/frame";
import { CHANNELS, type Channel } from "../waves/model";

/** One channel of one wave: its completes and, where there is a frame, its dispositions and rates. */
export interface ChannelOutcome {
  channel: Channel;
  /** Stored responses that came through this channel. */
  responses: number;
  /** Invitations from a list (SMS personal links); null for self-selected channels. */
  invitations: number | null;
  tally: DispositionTally | null;
  counts: DispositionCounts | null;
  rates: AaporRates | null;
}

/** What a wave needs to know to work out its outcomes. */
export interface OutcomeWave {
  _id: Types.ObjectId;
  authorityId: Types.ObjectId;
  instrumentVersionId: Types.ObjectId;
  channels?: readonly string[] | null;
}

/**
 * Each wave's outcomes per channel (authority × wave × channel). SMS personal
 * links are a sample from a list, so each invitation gets its final
 * disposition and the channel its AAPOR rates; open link and kiosk have no
 * list, so there is no denominator and they report completes only. Counts
 * only: no phone, no answer.
 */
export async function waveOutcomes(
  waves: readonly OutcomeWave[],
  responsesByChannel: (waveId: Types.ObjectId) => Record<string, number>,
  listOf: (w: OutcomeWave) => Promise<SmsTally | null> = smsTally,
): Promise<Map<string, ChannelOutcome[]>> {
  const out = new Map<string, ChannelOutcome[]>();
  for (const w of waves) {
    const byChannel = responsesByChannel(w._id);
    const invited = await listOf(w);
    const channels = CHANNELS.filter(
      (c) => (w.channels ?? []).includes(c) || (byChannel[c] ?? 0) > 0 || (c === "sms" && invited),
    );
    out.set(
      w._id.toHexString(),
      channels.map((channel) => {
        const responses = byChannel[channel] ?? 0;
        if (channel !== "sms" || !invited)
          return { channel, responses, invitations: null, tally: null, counts: null, rates: null };
        const counts = aaporCounts(invited.tally);
        return {
          channel,
          responses,
          invitations: invited.invitations,
          tally: invited.tally,
          counts,
          rates: aaporRates(counts),
        };
      }),
    );
  }
  return out;
}

/**
 * The SMS invitations of one wave: their dispositions, AAPOR counts and rates
 * (null when the wave has no invitation), for fieldwork monitoring.
 */
export async function smsOutcome(w: OutcomeWave): Promise<{
  invitations: number;
  dispositions: DispositionTally;
  rates: AaporRates;
} | null> {
  const t = await smsTally(w);
  return t
    ? { invitations: t.invitations, dispositions: t.tally, rates: aaporRates(aaporCounts(t.tally)) }
    : null;
}

/** How many SMS invitations a wave has, and their dispositions. */
export interface SmsTally {
  invitations: number;
  tally: DispositionTally;
}

/** The dispositions of a wave's SMS invitations; null when it has none. */
async function smsTally(w: OutcomeWave): Promise<SmsTally | null> {
  const cases = await invitationDispositions(w);
  if (cases.length === 0) return null;
  const tally = emptyTally();
  for (const c of cases) tally[c.disposition] += 1;
  return { invitations: cases.length, tally };
}

/**
 * Each SMS invitation of a wave with its final disposition (so far) and its
 * frame cell: what the non-response adjustment reads of the list
 * (server/results/nonresponse-cells.ts). Empty when the wave has none.
 */
export async function invitationDispositions(
  w: OutcomeWave,
): Promise<Array<{ disposition: Disposition; frame: ResponseFrame }>> {
  const invitations = await Invitation.find(
    { waveId: w._id },
    {
      locale: 1,
      neighbourhood: 1,
      contactId: 1,
      invitedAt: 1,
      openedAt: 1,
      startedAt: 1,
      completedAt: 1,
      bouncedAt: 1,
      progress: 1,
    },
  ).lean();
  if (invitations.length === 0) return [];
  // The contacts this list invited, not every contact of the authority: an
  // authority's list grows with each wave, and its waves would read it all again each.
  const invited = [
    ...new Map(invitations.map((i) => [i.contactId.toHexString(), i.contactId])).values(),
  ];
  const [delivered, contacts, snapshot] = await Promise.all([
    SmsMessage.distinct("invitationId", { waveId: w._id, status: "delivered" }),
    Contact.find(
      {
        _id: mongoose.trusted({ $in: invited }),
        authorityId: w.authorityId,
      },
      { optedOutAt: 1, phoneIndex: 1 },
    ).lean(),
    getSnapshot(w.instrumentVersionId),
  ]);
  const receipts = new Set(delivered.map((id) => String(id)));
  const optedOutIndexes = new Set(
    (
      await OptOut.find(
        {
          phoneIndex: mongoose.trusted({ $in: contacts.map((c) => c.phoneIndex) }),
          // A resident's STOP has no authority and reaches every one; staff's belongs to one.
          authorityId: mongoose.trusted({ $in: [null, w.authorityId] }),
        },
        { phoneIndex: 1 },
      ).lean()
    ).map((o) => o.phoneIndex),
  );
  const optedOut = new Set(
    contacts
      .filter((c) => c.optedOutAt || optedOutIndexes.has(c.phoneIndex))
      .map((c) => c._id.toHexString()),
  );
  const from = partialThreshold(snapshot.pages.length);
  return invitations.map((inv) => ({
    frame: frameOfInvitation(inv),
    disposition: classifyInvitation(
      {
        invited: Boolean(inv.invitedAt),
        delivered: receipts.has(inv._id.toHexString()),
        opened: Boolean(inv.openedAt),
        started: Boolean(inv.startedAt),
        completed: Boolean(inv.completedAt),
        bounced: Boolean(inv.bouncedAt),
        optedOut: optedOut.has(inv.contactId.toHexString()),
        pageReached: inv.progress?.pageNo ?? null,
      },
      from,
    ),
  }));
}
