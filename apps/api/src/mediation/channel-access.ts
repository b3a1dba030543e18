import { CHANNEL_READABLE_STATES, CHANNEL_WRITABLE_STATES, inStates } from '@tiaojie/domain';
import type { ChannelKind } from '@tiaojie/contracts';
import type { EntityManager } from 'typeorm';
import type { CaseParty } from '../cases/case-party.entity';
import type { ConversationChannel } from './channel.entity';

export type MemberRole = 'party' | 'agent' | 'mediator';

/** One channel as one account may use it: derived from the case on the server, never from the client. */
export interface ChannelAccess {
  channel: ConversationChannel;
  role: MemberRole;
  canSend: boolean;
  partyName: string | null;
  /** R01: a party of this channel has not consented yet, so nobody sends here. */
  awaitingConsent?: boolean;
}

/**
 * Who may read a channel (R15), as one rule shared by the socket gateway, the REST history and
 * the document download route: a case's (accepted) mediators read every channel; a party and
 * its agents their own caucus, and the joint channel while it is open; the notes are the
 * mediators' only. Kept free of Nest providers so the documents service can use it too.
 */
export function mayReadChannel(channel: { kind: ChannelKind; partyId: string; open: boolean }, who: { isMediator: boolean; ownPartyIds: string[] }): boolean {
  if (who.isMediator) return true;
  if (channel.kind === 'caucus') return who.ownPartyIds.includes(channel.partyId);
  if (channel.kind === 'joint') return channel.open && who.ownPartyIds.length > 0;
  return false;
}

/**
 * A document attached inside a conversation (case_document.channel_id set) is visible to whoever
 * may read the channel it was attached in, or a channel a message carrying it was shared into
 * by the mediator (R15). Everyone else gets the same answer as for a missing document.
 */
export async function attachmentVisible(manager: EntityManager, doc: { id: string; caseId: string; channelId: string | null }, who: { isMediator: boolean; ownPartyIds: string[] }): Promise<boolean> {
  if (!doc.channelId) return false;
  const channels: Array<{ id: string; kind: ChannelKind; party_id: string; open: boolean }> = await manager.query(
    `SELECT c.id, c.kind, c.party_id, c.open FROM conversation_channel c
      WHERE c.case_id = $1 AND (c.id = $2 OR EXISTS (SELECT 1 FROM channel_message m WHERE m.channel_id = c.id AND m.document_id = $3))`,
    [doc.caseId, doc.channelId, doc.id],
  );
  return channels.some((c) => mayReadChannel({ kind: c.kind, partyId: c.party_id, open: c.open }, who));
}

/**
 * R15: what one account may do in one channel, from the case's state, the channel and the
 * account's membership — the single rule behind `access` (every channel of a case) and
 * `rightIn` (one channel, at the moment of an event). A mediator reads every channel; a party
 * and its agents their own caucus, and the joint channel while it is open. Nobody sends once
 * the case takes no new messages, nor into a closed joint channel.
 */
export function channelRight(
  ch: ConversationChannel,
  state: string,
  isMediator: boolean,
  allOwn: OwnParty[],
  consent: ConsentFacts,
): (Omit<ChannelAccess, 'partyName'> & { partyName: string | null }) | null {
  if (!inStates(CHANNEL_READABLE_STATES, state)) return null;
  // R01: a party (and its agent) uses no channel before that party consented to mediation.
  const own = allOwn.filter((p) => p.consented);
  if (!mayReadChannel(ch, { isMediator, ownPartyIds: own.map((p) => p.id) })) return null;
  // R01: nothing is sent to a party before it consents — its caucus, or the joint channel
  // before every party has.
  const consented = ch.kind === 'caucus' ? consent.party(ch.partyId) : ch.kind === 'joint' ? consent.all : true;
  const canSend = inStates(CHANNEL_WRITABLE_STATES, state) && (ch.kind !== 'joint' || ch.open) && consented;
  if (isMediator) return { channel: ch, role: 'mediator', canSend, partyName: null, awaitingConsent: !consented };
  if (ch.kind === 'caucus') {
    const mine = own.find((p) => p.id === ch.partyId);
    return mine ? { channel: ch, role: mine.self ? 'party' : 'agent', canSend, partyName: mine.name } : null;
  }
  return { channel: ch, role: own[0].self ? 'party' : 'agent', canSend, partyName: null };
}

export interface OwnParty {
  id: string;
  name: string;
  self: boolean;
  consented: boolean;
}

/** R01: whether every party consented, and whether one party did. */
export interface ConsentFacts {
  all: boolean;
  party: (partyId: string) => boolean;
}

export function consentOf(parties: CaseParty[]): ConsentFacts {
  return { all: parties.every((p) => p.consent === 'given'), party: (id) => parties.some((p) => p.id === id && p.consent === 'given') };
}
