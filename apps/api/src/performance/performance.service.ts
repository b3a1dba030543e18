import { chinaDateOf } from '@tiaojie/domain';
import { Injectable } from '@nestjs/common';
import type { ObligationAction, PerformanceObligationView, PerformanceView } from '@tiaojie/contracts';
import { EntityManager, In } from 'typeorm';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { isCaseStaff, type CaseRelations } from '../cases/case-access';
import { CaseEvent } from '../cases/case-event.entity';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CasesService, type Viewer } from '../cases/cases.service';
import { CaseDocument } from '../documents/case-document.entity';
import { DocumentsService } from '../cases/documents.service';
import { Notifier } from '../cases/notifier';
import { Agreement, Obligation } from '../cases/agreement.entity';
import { renderEnforcementApplication, type RulingFacts } from './enforcement-pdf';
import { obligationParams, partyRecipients } from './performance-notices';
import { obligationViewFields } from '../settlement/agreement-content';
import { daysLeft, enforcementDecision, isOverdue, PERFORMANCE_STATES } from './performance-rules';

type Step = 'mark_performed' | 'confirm' | 'dispute';

/** Lifecycle of one obligation: pending → claimed (obligor) → performed (obligee) or disputed (obligee) → claimed again. */
const ALLOWED_FROM: Record<Step, Obligation['status'][]> = {
  mark_performed: ['pending', 'disputed'],
  // The obligee may confirm receipt even when the obligor never marked it in the app.
  confirm: ['pending', 'claimed', 'disputed'],
  dispute: ['claimed'],
};

/**
 * Performance of the obligations of the agreement in effect (R28): the obligor marks an
 * obligation performed (optional proof), the obligee confirms or disputes; each step is a
 * timeline event and a notice to the other side. For a confirmed agreement (R34) the obligee
 * of an overdue obligation may download an enforcement application (CPL 250: within 2 years).
 */
@Injectable()
export class PerformanceService {
  constructor(
    private readonly cases: CasesService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly documents: DocumentsService,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  /** The agreement in effect (the newest effective one). */
  static effectiveAgreement(manager: EntityManager, caseId: string): Promise<Agreement | null> {
    return manager.getRepository(Agreement).findOne({ where: { caseId, status: 'effective' }, order: { seq: 'DESC' } });
  }

  list(caseId: string, viewer: Viewer): Promise<PerformanceView> {
    return this.cases.withAccess(caseId, viewer, 'view_obligations', null, (manager, c, relations) => this.view(manager, c, relations));
  }

  /** The obligor says it performed; proof is a file sent along (uploaded through the documents service) or one of its own shared documents. */
  async markPerformed(caseId: string, obligationId: string, viewer: Viewer, proof: { file?: Express.Multer.File; documentId?: string }): Promise<PerformanceView> {
    if (proof.file && proof.documentId) throw AppException.field('VALIDATION_FAILED', 'proofDocumentId', 'oneProof', 'Send a file or name a document, not both');
    if (proof.file) {
      // Checked before the upload, so a refused step leaves no stray document.
      await this.cases.withAccess(caseId, viewer, 'mark_obligation_performed', obligationId, (manager, c, relations, access) =>
        this.prepare(manager, c, relations, obligationId, 'mark_performed', access.deny),
      );
      const doc = await this.documents.upload(caseId, proof.file, 'evidence', 'all_parties', viewer);
      proof = { documentId: doc.id };
    }
    return this.step(caseId, obligationId, viewer, 'mark_performed', async (manager, c, o) => {
      if (proof.documentId) {
        const doc = await manager.getRepository(CaseDocument).findOne({ where: { id: proof.documentId, caseId: c.id } });
        if (!doc || doc.channelId || doc.uploadedById !== viewer.userId) {
          throw AppException.field('UNPROCESSABLE', 'proofDocumentId', 'ownDocument', 'Name a document you uploaded to this case');
        }
        if (doc.visibility !== 'all_parties') throw AppException.field('UNPROCESSABLE', 'proofDocumentId', 'shared', 'The proof must be visible to the other party');
      }
      o.status = 'claimed';
      o.claimedAt = this.clock.now();
      o.proofDocumentId = proof.documentId ?? null;
      return { event: 'obligation_claimed', tell: o.obligeePartyId, template: 'obligation_claimed', data: { proofDocumentId: o.proofDocumentId } };
    });
  }

  confirm(caseId: string, obligationId: string, viewer: Viewer): Promise<PerformanceView> {
    return this.step(caseId, obligationId, viewer, 'confirm', (_m, _c, o) => {
      o.status = 'performed';
      o.performedAt = this.clock.now();
      return { event: 'obligation_confirmed', tell: o.obligorPartyId, template: 'obligation_confirmed', data: {} };
    });
  }

  dispute(caseId: string, obligationId: string, viewer: Viewer, note: string): Promise<PerformanceView> {
    return this.step(caseId, obligationId, viewer, 'dispute', (_m, _c, o) => {
      o.status = 'disputed';
      o.performedAt = null;
      return { event: 'obligation_disputed', tell: o.obligorPartyId, template: 'obligation_disputed', data: { note }, mediators: true };
    });
  }

  /** R34 / CPL 250: the enforcement application (强制执行申请书) for the viewer's party owed the overdue items. */
  enforcementApplication(caseId: string, viewer: Viewer, partyId?: string): Promise<{ buffer: Buffer; fileName: string }> {
    return this.cases.withAccess(caseId, viewer, 'enforcement_application', partyId ?? null, async (manager, c, relations) => {
      const agreement = await PerformanceService.effectiveAgreement(manager, c.id);
      const obligations = agreement ? await manager.getRepository(Obligation).find({ where: { agreementId: agreement.id }, order: { seq: 'ASC' } }) : [];
      let own = relations.parties.map((p) => p.id);
      if (partyId) {
        if (!own.includes(partyId)) throw AppException.field('FORBIDDEN', 'partyId', 'ownParty', 'You do not act for this party');
        own = [partyId];
      }
      const obligee = own.find((id) => obligations.some((o) => o.obligeePartyId === id));
      if (!obligee) throw new AppException('FORBIDDEN', 'Only the party owed an obligation may apply for enforcement (R34)');
      const ruling = await this.ruling(manager, c);
      const decision = enforcementDecision({ confirmed: !!ruling, obligations, obligeePartyIds: [obligee], now: this.clock.now() });
      if (decision.refusal || !ruling) throw refusal(decision.refusal ?? 'R34_confirmed_ruling');
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
      const applicant = parties.find((p) => p.id === obligee);
      if (!applicant) throw new AppException('NOT_FOUND', 'No such party');
      const buffer = await renderEnforcementApplication({
        caseNumber: c.number ?? '',
        applicant,
        respondents: parties.filter((p) => decision.items.some((o) => o.obligorPartyId === p.id)),
        ruling,
        items: decision.items,
        unpaidTotal: decision.unpaidTotal ?? '0.00',
        agreementEffectiveAt: agreement?.effectiveAt ?? null,
        today: chinaDateOf(this.clock.now()),
      });
      return { buffer, fileName: `enforcement-${c.number ?? c.id}.pdf` };
    });
  }

  /** The ruling of a confirmed case, from the `confirmation_granted` timeline event (E1). */
  private async ruling(manager: EntityManager, c: MediationCase): Promise<RulingFacts | null> {
    if (c.state !== 'CONFIRMED' && c.state !== 'CLOSED') return null;
    const e = await manager.getRepository(CaseEvent).findOne({ where: { caseId: c.id, type: 'confirmation_granted' }, order: { seq: 'DESC' } });
    if (!e) return null;
    const d = e.data as Record<string, unknown>;
    return { rulingNumber: String(d.rulingNumber ?? ''), courtName: String(d.courtName ?? ''), ruledAt: new Date(String(d.ruledAt ?? e.createdAt.toISOString())) };
  }

  private async prepare(manager: EntityManager, c: MediationCase, relations: CaseRelations, obligationId: string, step: Step, deny: () => never) {
    const agreement = await PerformanceService.effectiveAgreement(manager, c.id);
    if (!agreement) return deny();
    const o = await manager.getRepository(Obligation).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id AND o.agreement_id = :a', { id: obligationId, a: agreement.id }).getOne();
    if (!o) return deny();
    const own = relations.parties.map((p) => p.id);
    const needed = step === 'mark_performed' ? o.obligorPartyId : o.obligeePartyId;
    if (!own.includes(needed)) {
      throw new AppException(
        'FORBIDDEN',
        step === 'mark_performed' ? 'Only the party who owes this obligation may mark it performed' : 'Only the party owed this obligation may confirm or dispute it',
      );
    }
    if (!PERFORMANCE_STATES.includes(c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
    if (!ALLOWED_FROM[step].includes(o.status)) throw AppException.field('CONFLICT', 'status', 'wrongStatus', `Not possible while the obligation is ${o.status}`);
    return o;
  }

  private step(
    caseId: string,
    obligationId: string,
    viewer: Viewer,
    step: Step,
    change: (manager: EntityManager, c: MediationCase, o: Obligation) => Promise<Outcome> | Outcome,
  ): Promise<PerformanceView> {
    return this.cases.withAccess(caseId, viewer, `obligation_${step}`, obligationId, async (manager, c, relations, access) => {
      // The case row is locked: timeline sequence numbers stay gap-free, steps on one case serialise.
      await manager.getRepository(MediationCase).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: c.id }).getOne();
      const o = await this.prepare(manager, c, relations, obligationId, step, access.deny);
      const out = await change(manager, c, o);
      await manager.getRepository(Obligation).save(o);
      const actingAsAgent = !relations.parties.some((p) => p.userId === viewer.userId);
      const event = await this.lifecycle.appendEvent(manager, c, {
        type: out.event,
        fromState: null,
        toState: null,
        actorId: viewer.userId,
        actorRole: actingAsAgent ? 'agent' : 'citizen',
        audience: 'case',
        data: { obligationId: o.id, seq: o.seq, description: o.description, amount: o.amount, dueDate: o.dueDate, ...out.data },
      });
      const other = await manager.getRepository(CaseParty).findOneByOrFail({ id: out.tell });
      const recipients = [...(await partyRecipients(this.notifier, manager, c, other)), ...(out.mediators ? await this.notifier.recipients(manager, c, ['mediator']) : [])].filter(
        (r) => r.userId !== viewer.userId,
      );
      await this.notifier.queue(manager, { caseId: c.id, eventId: event.id, dedupBase: event.id, template: out.template, params: obligationParams(c, o), recipients });
      return this.view(manager, c, relations);
    });
  }

  private async view(manager: EntityManager, c: MediationCase, relations: CaseRelations): Promise<PerformanceView> {
    const now = this.clock.now();
    const agreement = await PerformanceService.effectiveAgreement(manager, c.id);
    const obligations = agreement ? await manager.getRepository(Obligation).find({ where: { agreementId: agreement.id }, order: { seq: 'ASC' } }) : [];
    const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id } });
    const own = relations.parties.map((p) => p.id);
    const staff = isCaseStaff(relations);
    const proofIds = obligations.map((o) => o.proofDocumentId).filter((x): x is string => !!x);
    const proofs = proofIds.length ? await manager.getRepository(CaseDocument).find({ where: { id: In(proofIds) } }) : [];
    const disputes = obligations.some((o) => o.status === 'disputed')
      ? await manager.getRepository(CaseEvent).find({ where: { caseId: c.id, type: 'obligation_disputed' }, order: { seq: 'DESC' } })
      : [];
    const active = PERFORMANCE_STATES.includes(c.state);
    const sides = new Set(relations.parties.map((p) => p.side));
    const views: PerformanceObligationView[] = obligations.map((o) => {
      const proof = proofs.find((d) => d.id === o.proofDocumentId);
      const involved = own.includes(o.obligorPartyId) || own.includes(o.obligeePartyId);
      const proofVisible = !!proof && (staff || involved || proof.visibility === 'all_parties' || sides.has(proof.uploadedBySide as 'applicant'));
      const actions: ObligationAction[] = [];
      if (active && own.includes(o.obligorPartyId) && ALLOWED_FROM.mark_performed.includes(o.status)) actions.push('mark_performed');
      if (active && own.includes(o.obligeePartyId) && ALLOWED_FROM.confirm.includes(o.status)) actions.push('confirm');
      if (active && own.includes(o.obligeePartyId) && ALLOWED_FROM.dispute.includes(o.status)) actions.push('dispute');
      const dispute = o.status === 'disputed' ? disputes.find((e) => e.data.obligationId === o.id) : undefined;
      return {
        ...obligationViewFields(o, (id) => parties.find((p) => p.id === id)?.name ?? ''),
        proofUrl: proof && proofVisible ? `/api/cases/${c.id}/documents/${proof.id}` : null,
        overdue: isOverdue(o, now),
        daysLeft: daysLeft(o.dueDate, now),
        disputeNote: dispute ? String(dispute.data.note ?? '') : null,
        actions,
      };
    });
    const ruling = await this.ruling(manager, c);
    const decision = enforcementDecision({ confirmed: !!ruling, obligations, obligeePartyIds: own, now });
    return {
      caseId: c.id,
      agreementId: agreement?.id ?? null,
      obligations: views,
      viewerPartyIds: own,
      enforcement: {
        available: decision.refusal === null,
        refusal: decision.refusal,
        url: decision.refusal === null ? `/api/cases/${c.id}/enforcement-application` : null,
        unpaidTotal: decision.unpaidTotal,
        applyBy: decision.applyBy,
      },
    };
  }
}

interface Outcome {
  event: string;
  /** The party told of the step. */
  tell: string;
  template: string;
  data: Record<string, unknown>;
  mediators?: boolean;
}

const REFUSALS: Record<string, string> = {
  R34_confirmed_ruling: 'Enforcement needs an agreement confirmed by a court ruling (R34, CPL 206)',
  R34_overdue_unperformed: 'Nothing owed to you is overdue and unperformed',
  R34_enforcement_period: 'More than 2 years have passed since the performance deadline (CPL 250)',
  R34_not_obligee: 'Only the party owed an obligation may apply for enforcement',
};

function refusal(rule: string) {
  return new AppException('UNPROCESSABLE', REFUSALS[rule] ?? rule, [{ field: 'obligations', constraint: rule, message: REFUSALS[rule] ?? rule }]);
}
