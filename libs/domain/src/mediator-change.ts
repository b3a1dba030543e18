/**
 * R10 (recusal after a disclosed conflict) and R11 (a party asks to change mediator): the
 * reason codes and the rules of a request. Pure; the deadline for the dispatcher's answer is
 * `mediatorChangeAnswer` in working-days.ts (3 working days).
 */

/** R10: a party asks for recusal (回避); R11: a party asks to change mediator. */
export const MEDIATOR_CHANGE_KINDS = ['recusal', 'change'] as const;
export type MediatorChangeKind = (typeof MEDIATOR_CHANGE_KINDS)[number];

/** Why a party asks (coded, with a note). */
export const MEDIATOR_CHANGE_REASONS = [
  'conflict_of_interest', // relative, interest or other relationship (R10)
  'partiality', // the mediator favours the other side
  'conduct', // pressure, rudeness, forced mediation (see also R38)
  'competence', // lacks the expertise for the dispute
  'communication', // language, availability, delays
  'other',
] as const;
export type MediatorChangeReason = (typeof MEDIATOR_CHANGE_REASONS)[number];

export type MediatorChangeStatus = 'open' | 'granted' | 'refused' | 'withdrawn';

/** States in which a party may ask to change mediator (R11) or for recusal (R10). */
export const MEDIATOR_CHANGE_STATES: readonly string[] = ['ACCEPTED', 'MEDIATING'];

export function mayRequestMediatorChange(state: string): boolean {
  return MEDIATOR_CHANGE_STATES.includes(state);
}

/** A party's answer to a disclosed conflict (R10): pending until it consents or asks for recusal. */
export type ConflictAnswer = 'pending' | 'consented' | 'recusal';

/**
 * R10: mediation with a mediator who disclosed a conflict goes on only when every party
 * consented to that mediator after the disclosure (consent to mediation given before it does
 * not count, so such a party is asked again). A party with an open recusal request has not
 * consented.
 */
export function conflictConsentedByAll(partyIds: readonly string[], answers: Readonly<Record<string, ConflictAnswer>>): boolean {
  return partyIds.length > 0 && partyIds.every((id) => answers[id] === 'consented');
}
