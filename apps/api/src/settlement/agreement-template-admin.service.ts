import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DisputeTypeView } from '@tiaojie/contracts';
import { DISPUTE_TYPES, ORGANISATIONS_FOR, QUESTIONNAIRES, isDisputeType, type DisputeType } from '@tiaojie/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { AgreementTemplateText } from './agreement-template-text.entity';
import { codedTemplate, type AgreementTemplate } from './agreement-templates';

/** The wording in force for a dispute type: the system admin's, else the coded one (issue #13, R25). */
export async function wordingOf(manager: EntityManager, disputeType: string): Promise<AgreementTemplate | null> {
  const row = await manager.getRepository(AgreementTemplateText).findOne({ where: { disputeType } });
  return row ? { disputedMatters: row.disputedMatters, responsibilities: row.responsibilities, otherTerms: row.otherTerms } : null;
}

/**
 * Issue #13: the console's dispute types — questionnaire (libs/domain, read-only), fitting
 * organisation types, and the agreement template's wording, which a system admin may change
 * (audited). The mediator's template (AgreementsService.template) reads the same wording.
 */
@Injectable()
export class AgreementTemplateAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<DisputeTypeView[]> {
    const rows = new Map((await this.db.getRepository(AgreementTemplateText).find()).map((r) => [r.disputeType, r]));
    return DISPUTE_TYPES.map((disputeType) => this.view(disputeType, rows.get(disputeType) ?? null));
  }

  private view(disputeType: DisputeType, row: AgreementTemplateText | null): DisputeTypeView {
    const coded = codedTemplate(disputeType);
    return {
      disputeType,
      questions: QUESTIONNAIRES[disputeType].map((q) => ({ id: q.id, kind: q.kind, ...(q.onlyIf ? { onlyIf: q.onlyIf } : {}) })),
      organisationTypes: [...ORGANISATIONS_FOR[disputeType]],
      agreementTemplate: row ? { disputedMatters: row.disputedMatters, responsibilities: row.responsibilities, otherTerms: row.otherTerms } : coded,
      templateEdited: !!row,
      templateUpdatedAt: row?.updatedAt.toISOString() ?? null,
    };
  }

  /** A system admin words a type's template (null restores the coded text); audited with before and after. */
  async put(disputeType: string, wording: AgreementTemplate | null, actorId: string, meta: RequestMeta): Promise<DisputeTypeView> {
    if (!isDisputeType(disputeType)) throw new AppException('NOT_FOUND', 'No such dispute type');
    const row = await this.db.transaction(async (m) => {
      const repo = m.getRepository(AgreementTemplateText);
      const before = await repo.findOne({ where: { disputeType }, lock: { mode: 'pessimistic_write' } });
      const beforeText = before ? { disputedMatters: before.disputedMatters, responsibilities: before.responsibilities, otherTerms: before.otherTerms } : codedTemplate(disputeType);
      let saved: AgreementTemplateText | null = null;
      if (wording) saved = await repo.save({ disputeType, ...wording, updatedBy: actorId, updatedAt: this.clock.now() });
      else if (before) await repo.delete({ disputeType });
      await this.audit.record(
        {
          actorId,
          action: wording ? 'agreement_template.put' : 'agreement_template.reset',
          targetType: 'dispute_type',
          detail: { disputeType, before: beforeText, after: wording ?? codedTemplate(disputeType) },
        },
        meta,
        m,
      );
      return saved;
    });
    return this.view(disputeType, row);
  }
}
