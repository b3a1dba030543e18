import { EntityManager } from 'typeorm';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { Notifier, type Recipient } from '../cases/notifier';
import type { Obligation } from '../cases/agreement.entity';

/** The people who act for one party: the party's own account (or mobile) and its agent. */
export async function partyRecipients(notifier: Notifier, manager: EntityManager, c: MediationCase, party: CaseParty): Promise<Recipient[]> {
  const all = await notifier.recipients(manager, c, [party.side, 'agent']);
  return all.filter((r) => (r.role === party.side && r.mobile === party.mobile) || (r.role === 'agent' && !!party.agentUserId && r.userId === party.agentUserId));
}

/** Values the performance notices print (templates.ts). */
export function obligationParams(c: MediationCase, o: Obligation, extra: Record<string, unknown> = {}) {
  return { caseNumber: c.number, seq: o.seq, dueDate: o.dueDate, amount: o.amount, obligationId: o.id, ...extra };
}
