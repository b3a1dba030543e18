import { actionOptions, isOfferable, type Actor, type CaseAction, type CaseContext } from '@tiaojie/domain';
import { actorsOf, type CaseRelations } from './case-access';
import type { MediationCase } from './case.entity';

/**
 * The state-machine actions this API has an endpoint for, per actor: the case page offers
 * only these. `party_refuse` is a party ending mediation itself (R01, PML 23).
 */
const OFFERED: Partial<Record<Actor, readonly CaseAction[]>> = {
  citizen: ['submit', 'withdraw', 'respondent_consent', 'respondent_decline', 'party_refuse'],
  agent: ['submit', 'withdraw', 'respondent_consent', 'respondent_decline', 'party_refuse'],
  intake: ['submit', 'withdraw'],
  org_admin: ['accept_application', 'return', 'terminate', 'close'],
  mediator: ['start_mediation', 'terminate', 'close'],
};

/**
 * The actions the case page offers this viewer (CaseDetail.actions) — also what the home
 * page's "需要您处理" is derived from (next-actions.service.ts), so the two never disagree.
 */
export function offeredActions(c: MediationCase, relations: CaseRelations, viewer: { userId: string; intake: boolean }, ctx: CaseContext): CaseAction[] {
  const actors = actorsOf(relations, viewer.userId, viewer.intake);
  const actions = new Set<CaseAction>();
  // Which side the viewer is on decides the party actions: only the applicant's side withdraws
  // or submits, only a respondent still to answer consents or refuses.
  const applicantSide = relations.isFiler || relations.parties.some((p) => p.side === 'applicant');
  const pendingRespondent = relations.parties.some((p) => p.side === 'respondent' && p.consent === 'pending');
  for (const actor of actors) {
    for (const o of actionOptions(c.state, actor, ctx)) {
      if (!isOfferable(o) || !OFFERED[actor]?.includes(o.action)) continue;
      if ((o.action === 'submit' || o.action === 'withdraw') && !applicantSide) continue;
      if (o.action.startsWith('respondent_') && !pendingRespondent) continue;
      // R01: a party that consented ends mediation itself; one still to answer refuses instead.
      // Before mediation starts the applicant's side withdraws its application instead.
      if (o.action === 'party_refuse' && (!relations.parties.some((p) => p.consent === 'given') || (applicantSide && c.state === 'ACCEPTED'))) continue;
      actions.add(o.action);
    }
  }
  return [...actions];
}
