/**
 * Who sees which private item of a case (R15, R19): one rule per kind of item, used by every
 * view of the case (detail, timeline, agreement, confirmation package, PDFs, case-file
 * packages). Pure: the API derives the audience from the database on every request and asks
 * these functions; nothing here trusts the client.
 */

export type CaseSide = 'applicant' | 'respondent';

/** What a viewer is to one case, as far as visibility depends on it. */
export interface CaseAudience {
  /** The parties this viewer acts as (own account or agent). */
  partyIds: readonly string[];
  /**
   * The sides the viewer acts for: its parties' sides, and the applicant's side for the
   * account that filed the case (a filer acting for a citizen is on that citizen's side only).
   */
  sides: readonly CaseSide[];
  /** A respondent (and nothing more) who has not consented yet: a summary only (R01, R12). */
  limited: boolean;
  /** `accepted`: mediates the case; `pending`: assigned, has not accepted (R09). */
  mediator: 'accepted' | 'pending' | null;
  orgAdmin: boolean;
  /** A mediator of the case's organisation who is not assigned (reads under R19). */
  orgMember: boolean;
}

/** Organisation staff on the case: they read the whole case file (each read logged, R19). */
export function isStaffAudience(a: CaseAudience): boolean {
  return a.mediator !== null || a.orgAdmin || a.orgMember;
}

/** Kinds of document that stay with the uploader's side whatever visibility was chosen. */
export const OWN_SIDE_DOCUMENT_KINDS: readonly string[] = ['id_card', 'power_of_attorney'];

export interface DocumentFacts {
  kind: string;
  visibility: string;
  uploadedBySide: string;
}

/**
 * R15: whether a case document (its file name, its bytes) is shown to this viewer. Staff see
 * all; a party sees documents meant for all parties and its own side's; ID proofs and powers
 * of attorney never leave the uploader's side; a respondent who has not consented sees only
 * what its own side uploaded.
 */
export function mayListDocument(a: CaseAudience, d: DocumentFacts): boolean {
  if (isStaffAudience(a)) return true;
  if (a.sides.length === 0) return false; // no relation to the case
  const ownSide = (a.sides as readonly string[]).includes(d.uploadedBySide);
  if (ownSide) return true;
  if (a.limited) return false;
  return d.visibility === 'all_parties' && !OWN_SIDE_DOCUMENT_KINDS.includes(d.kind);
}

/**
 * R15: a party's change request on an agreement is that party's caucus content: the party
 * (and its agent) and the mediators who accepted the case see it — not the organisation's
 * admin, not a mediator who has not accepted, not the other party.
 */
export function mayReadChangeRequest(a: CaseAudience, r: { partyId: string }): boolean {
  return a.mediator === 'accepted' || a.partyIds.includes(r.partyId);
}

/**
 * Who may read a conversation channel (R15), as one rule shared by the socket gateway, the REST
 * history and the document download route: a case's (accepted) mediators read every channel; a
 * party and its agents their own caucus, and the joint channel while it is open; the notes are
 * the mediators' only.
 */
export function mayReadChannel(channel: { kind: string; partyId: string; open: boolean }, who: { isMediator: boolean; ownPartyIds: readonly string[] }): boolean {
  if (who.isMediator) return true;
  if (channel.kind === 'caucus') return who.ownPartyIds.includes(channel.partyId);
  if (channel.kind === 'joint') return channel.open && who.ownPartyIds.length > 0;
  return false;
}

/**
 * The agreement and the papers made from it (the application for confirmation, the court's
 * ruling): the parties, the case's mediators and its organisation's admin. Everyone else who
 * may open the case (the filer acting for a citizen, other mediators of the organisation) gets
 * the same answer as for a missing item.
 */
export function mayReadAgreement(a: CaseAudience): boolean {
  return a.partyIds.length > 0 || a.mediator !== null || a.orgAdmin;
}

/**
 * R10, R11 (with R15, R19): a party's request to change mediator or for recusal is that party's
 * own item: the party (and its agent) and the organisation's admin, who answers it, see it —
 * not the other party, not the mediator concerned nor other mediators (a mediator learns only
 * the outcome: being removed), not a filer acting for another party.
 */
export function mayReadMediatorChangeRequest(a: CaseAudience, r: { partyId: string }): boolean {
  return a.orgAdmin || a.partyIds.includes(r.partyId);
}

/** Timeline events that carry a party's request to change mediator (R10, R11). */
export const MEDIATOR_CHANGE_EVENTS: readonly string[] = ['mediator_change_requested', 'mediator_change_granted', 'mediator_change_refused', 'mediator_change_withdrawn', 'mediator_change_overdue'];

export interface TimelineFacts {
  type: string;
  audience: 'case' | 'organisation';
  data: Record<string, unknown>;
}

/**
 * One timeline event as this viewer may see it, or null. Organisation-internal events are the
 * staff's; a mediator's contact record (with its note) is the staff's, and the contacted party
 * sees only that the contact happened, never the note; a document's upload is shown to whoever
 * may see that document (same rule as the document list).
 */
export function timelineEventFor<E extends TimelineFacts>(a: CaseAudience, e: E): E | null {
  if (MEDIATOR_CHANGE_EVENTS.includes(e.type)) {
    return typeof e.data['partyId'] === 'string' && mayReadMediatorChangeRequest(a, { partyId: e.data['partyId'] }) ? e : null;
  }
  if (isStaffAudience(a)) return e;
  if (e.audience !== 'case') return null;
  if (e.type === 'contact_recorded') {
    if (typeof e.data['partyId'] !== 'string' || !a.partyIds.includes(e.data['partyId'])) return null;
    const { note: _note, ...rest } = e.data;
    void _note;
    return { ...e, data: rest };
  }
  // R01 (PML 23): a party's own note on why it ended mediation is for the staff and that party.
  if (e.type === 'mediation_ended_by_party' && !(typeof e.data['partyId'] === 'string' && a.partyIds.includes(e.data['partyId']))) {
    const { reasonNote: _reasonNote, ...rest } = e.data;
    void _reasonNote;
    return { ...e, data: rest };
  }
  if (e.type === 'document_uploaded' || e.type === 'document_removed') {
    const visible = mayListDocument(a, { kind: String(e.data['kind'] ?? ''), visibility: 'all_parties', uploadedBySide: String(e.data['side'] ?? '') });
    return visible ? e : null;
  }
  return e;
}
