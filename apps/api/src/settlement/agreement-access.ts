import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DRAFTING_STATES, inStates, mayReadAgreement } from '@tiaojie/domain';
import { DataSource, EntityManager } from 'typeorm';
import { audienceOf, type CaseRelations } from '../cases/case-access';
import { MediationCase } from '../cases/case.entity';
import { CasesService, type Viewer } from '../cases/cases.service';
import { AppException, notFound } from '../common/app-exception';
import { Agreement } from '../cases/agreement.entity';

export interface Loaded {
  manager: EntityManager;
  c: MediationCase;
  a: Agreement;
  relations: CaseRelations;
  deny: () => never;
}

/**
 * Who may read or act on an agreement, for drafting and signing alike: the domain's one rule —
 * parties (own account or agent), the case's mediators and its organisation's admins; anyone
 * else gets 404, and every access is logged (R19).
 */
@Injectable()
export class AgreementAccess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesService,
  ) {}

  /** The domain's one rule: parties (own account or agent), the case's mediators and its organisation's admins; anyone else: 404 (R19-logged). */
  private mayRead(r: CaseRelations) {
    return mayReadAgreement(audienceOf(r));
  }

  onCase<T>(caseId: string, viewer: Viewer, action: string, work: (manager: EntityManager, c: MediationCase, r: CaseRelations) => Promise<T>, targetId: string | null = null) {
    return this.cases.withAccess(caseId, viewer, action, targetId, async (manager, c, relations, { deny }) => {
      if (!this.mayRead(relations)) deny();
      return work(manager, c, relations);
    });
  }

  async onAgreement<T>(agreementId: string, viewer: Viewer, action: string, work: (l: Loaded) => Promise<T>, lock = false): Promise<T> {
    const found = await this.db.getRepository(Agreement).findOne({ where: { id: agreementId }, select: { id: true, caseId: true } });
    // A missing agreement and one of a case the viewer may not read answer alike.
    if (!found) throw notFound();
    return this.cases.withAccess(found.caseId, viewer, action, agreementId, async (manager, c, relations, { deny }) => {
      if (!this.mayRead(relations)) deny();
      const qb = manager.getRepository(Agreement).createQueryBuilder('a').where('a.id = :id', { id: agreementId });
      if (lock) qb.setLock('pessimistic_write');
      const a = await qb.getOneOrFail();
      return work({ manager, c, a, relations, deny });
    });
  }

  requireMediator(r: CaseRelations) {
    if (!r.isActiveMediator) throw new AppException('FORBIDDEN', 'Only the mediator of the case drafts the agreement');
  }

  requireDraftingState(c: MediationCase) {
    if (!inStates(DRAFTING_STATES, c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
  }
}
