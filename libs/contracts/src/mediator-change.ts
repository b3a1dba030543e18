import type { MediatorChangeKind, MediatorChangeReason, MediatorChangeStatus } from '@tiaojie/domain';

/**
 * R10, R11: a party's request for recusal (after a disclosed conflict) or to change mediator.
 * Shown only to the party that asked (and its agent) and to the organisation's admin, who answers.
 */
export interface MediatorChangeRequestView {
  id: string;
  kind: MediatorChangeKind;
  status: MediatorChangeStatus;
  partyId: string;
  partyName: string;
  /** The assignment (mediator) the request is about. */
  assignmentId: string;
  mediatorName: string;
  reasonCode: MediatorChangeReason;
  reasonNote: string;
  createdAt: string;
  /** 3 working days from the request (R11). */
  answerBy: string;
  /** Set when the deadline passed unanswered and the organisation was reminded. */
  escalatedAt: string | null;
  answeredAt: string | null;
  answerNote: string | null;
  /** The mediator assigned when it was granted. */
  newMediatorName: string | null;
}

/** R10: where the parties stand on the conflict a mediator disclosed on accepting. */
export interface ConflictCheckView {
  assignmentId: string;
  mediatorName: string;
  disclosure: string;
  disclosedAt: string;
  /** Each party's answer; another party's recusal request shows as `pending` (it is that party's own item). */
  parties: Array<{ partyId: string; partyName: string; answer: 'pending' | 'consented' | 'recusal' }>;
  /** The viewer acts for a party that may consent or ask for recusal now. */
  canAnswer: boolean;
}

/** POST /api/cases/:id/conflict-answer */
export interface ConflictAnswerRequest {
  version: number;
  answer: 'consent' | 'recusal';
  /** Required with `recusal`. */
  reasonCode?: MediatorChangeReason;
  reasonNote?: string;
}

/** POST /api/cases/:id/mediator-change-requests */
export interface CreateMediatorChangeRequest {
  version: number;
  reasonCode: MediatorChangeReason;
  reasonNote: string;
}

/** POST /api/cases/:id/mediator-change-requests/:requestId/answer */
export interface AnswerMediatorChangeRequest {
  version: number;
  decision: 'grant' | 'refuse';
  /** Required with `grant`: the mediator who takes over (a new assignment, R09 applies). */
  mediatorId?: string;
  /** Required with `refuse`: the reason the party is told. */
  answerNote?: string;
}
