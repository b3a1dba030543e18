import { CHANNEL_READABLE_STATES, CHANNEL_WRITABLE_STATES, inStates, mayReadChannel } from '@tiaojie/domain';
import type { CaseRelations } from '../cases/case-access';
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
 * R15: what one account may do in one channel, from the case's state, the channel and who the
 * account is to the case — the read rule's relations (`openCase`, cases/case-access.ts), so a
 * channel right never rests on a derivation of its own. The single rule behind `access` (every
 * channel of a case) and `rightIn` (one channel, at the moment of an event). A mediator reads
 * every channel; a party and its agents their own caucus, and the joint channel while it is
 * open. Nobody sends once the case takes no new messages, nor into a closed joint channel.
 */
export function channelRight(ch: ConversationChannel, state: string, viewer: ChannelViewer, consent: ConsentFacts): (Omit<ChannelAccess, 'partyName'> & { partyName: string | null }) | null {
  if (!inStates(CHANNEL_READABLE_STATES, state)) return null;
  const { isMediator } = viewer;
  // R01: a party (and its agent) uses no channel before that party consented to mediation.
  const own = viewer.own.filter((p) => p.consented);
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

/** The account as the channel rule sees it: an accepted mediator, and the parties it acts as (in the case's order). */
export interface ChannelViewer {
  isMediator: boolean;
  own: OwnParty[];
}

export interface OwnParty {
  id: string;
  name: string;
  self: boolean;
  consented: boolean;
}

/** R10, R11, R39: only an accepted mediator still of the organisation mediates — the read rule's `isActiveMediator`. */
export function channelViewerOf(relations: CaseRelations, userId: string): ChannelViewer {
  return {
    isMediator: relations.isActiveMediator,
    own: [...relations.parties].sort((a, b) => a.position - b.position).map((p) => ({ id: p.id, name: p.name, self: p.userId === userId, consented: p.consent === 'given' })),
  };
}

/** R01: whether every party consented, and whether one party did. */
export interface ConsentFacts {
  all: boolean;
  party: (partyId: string) => boolean;
}

export function consentOf(parties: CaseParty[]): ConsentFacts {
  return { all: parties.every((p) => p.consent === 'given'), party: (id) => parties.some((p) => p.id === id && p.consent === 'given') };
}
