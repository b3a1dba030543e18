import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseDetail } from '@tiaojie/contracts';
import type { Actor } from '@tiaojie/domain';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import { actorsOf, isCaseStaff, openCase, recordCaseAccess } from '../cases/case-access';
import { CaseAssignment } from '../cases/case-assignment.entity';
import { CaseEvent } from '../cases/case-event.entity';
import { archivedRefusal, CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CasesService, type Viewer } from '../cases/cases.service';
import { courtsOf } from '../organisations/court-staff';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { ConfirmationApplication } from '../cases/confirmation.entity';
import { CaseDocument } from '../documents/case-document.entity';
import { FileStorage } from '../documents/storage';
import { serviceProofs } from '../cases/electronic-service.controller';
import { Court } from '../organisations/court.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Agreement, AgreementSignature, Obligation } from '../cases/agreement.entity';
import { caseArchivePdf, type ArchiveData } from './archive-pdf';
import { CaseArchive } from '../cases/case-archive.entity';
import { CourtFiling } from '../cases/court-filing.entity';
import { FailureReport } from './ending.entities';

/**
 * R27: closing a case (立卷归档). From a final state the organisation's admin or the case's
 * mediator closes it; in the same transaction the case file is rendered with every record
 * (registration, parties, timeline, agreement and signatures, confirmation, failure report
 * and filing, the proofs of service of R40, the documents list), stored with its hash, and
 * the case becomes read-only (`CaseLifecycleService.runIn` and `ArchivedCaseGuard` refuse
 * every later write). The file is downloaded by the case's staff, and by the court that
 * brought the case (R21); every download is logged (R19).
 */
@Injectable()
export class ArchiveService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly storage: FileStorage,
  ) {}

  async close(caseId: string, version: number, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { c, relations } = await openCase(manager, caseId, viewer.userId);
      if (c.archivedAt) throw archivedRefusal();
      const actor = actorsOf(relations, viewer.userId, false).find((a): a is Actor => a === 'org_admin' || a === 'mediator');
      if (!actor) throw new AppException('FORBIDDEN', 'Only the organisation or the case’s mediator closes a case');
      const now = this.clock.now();
      // Rendered before the step (pure); stored only once the state machine allowed the close.
      const pdf = await caseArchivePdf(await this.archiveData(manager, c, now));
      const closedFrom = c.state;
      await this.lifecycle.runIn(manager, {
        caseId,
        version,
        userId: viewer.userId,
        actor,
        action: 'close',
        event: 'case_closed',
        data: { closedFrom, sha256: pdf.sha256 },
        mutate: async (row, m) => {
          const key = await this.storage.put(pdf.buffer);
          await m.getRepository(CaseArchive).insert({
            caseId,
            storageKey: key,
            fileName: `case-archive-${row.number ?? caseId}.pdf`,
            sha256: pdf.sha256,
            sizeBytes: pdf.buffer.length,
            closedFrom,
            closedById: viewer.userId,
            createdAt: now,
          });
          row.archivedAt = now;
        },
      });
    });
    return this.cases.detail(caseId, viewer);
  }

  /** R27: the archived file, for the case's staff only (a party gets its own copies of the agreement and rulings). */
  async archivePdf(caseId: string, viewer: Viewer): Promise<{ body: Buffer; fileName: string }> {
    const a = await this.cases.withAccess(caseId, viewer, 'download_archive', null, async (manager, _c, relations, access) => {
      if (!isCaseStaff(relations)) return access.deny();
      return (await manager.getRepository(CaseArchive).findOne({ where: { caseId } })) ?? access.deny();
    });
    return { body: await this.storage.get(a.storageKey), fileName: a.fileName };
  }

  /**
   * R21/R24: the court that brought a case opens its file — the archive once closed, else the
   * file as it stands (another court, or a case it did not bring: 404). Logged (R19).
   */
  async courtFile(caseId: string, viewer: Viewer): Promise<{ body: Buffer; fileName: string }> {
    let found = false;
    let allowed = false;
    try {
      return await this.db.transaction(async (manager) => {
        const c = await manager.getRepository(MediationCase).findOne({ where: { id: caseId } });
        found = !!c;
        if (!c?.courtId || !(await courtsOf(manager, viewer.userId)).includes(c.courtId)) throw new AppException('NOT_FOUND', 'No such case');
        allowed = true;
        const archive = c.archivedAt ? await manager.getRepository(CaseArchive).findOne({ where: { caseId } }) : null;
        if (archive) return { body: await this.storage.get(archive.storageKey), fileName: archive.fileName };
        const pdf = await caseArchivePdf(await this.archiveData(manager, c, this.clock.now()));
        return { body: pdf.buffer, fileName: `case-file-${c.number ?? caseId}.pdf` };
      });
    } finally {
      if (found) await recordCaseAccess(this.db.manager, { caseId, userId: viewer.userId, action: 'court_case_file', targetId: null, allowed, ip: viewer.ip });
    }
  }

  /** Every record of the case file. Caucus content and concessions never enter it (R15, R17). */
  private async archiveData(manager: EntityManager, c: MediationCase, now: Date): Promise<ArchiveData> {
    const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
    const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
    const court = c.courtId ? await manager.getRepository(Court).findOne({ where: { id: c.courtId } }) : null;
    const assigned = await manager.getRepository(CaseAssignment).find({ where: { caseId: c.id, status: 'accepted' } });
    const mediators = assigned.length ? await manager.getRepository(User).find({ where: { id: In(assigned.map((a) => a.mediatorId)) } }) : [];
    const events = await manager.getRepository(CaseEvent).find({ where: { caseId: c.id, audience: 'case' }, order: { seq: 'ASC' } });
    const agreement = await manager.getRepository(Agreement).findOne({ where: { caseId: c.id, status: In(['effective', 'superseded']) }, order: { seq: 'DESC' } });
    const signatures = agreement ? await manager.getRepository(AgreementSignature).find({ where: { agreementId: agreement.id, revision: agreement.revision }, order: { signedAt: 'ASC' } }) : [];
    const obligations = agreement ? await manager.getRepository(Obligation).find({ where: { agreementId: agreement.id }, order: { seq: 'ASC' } }) : [];
    const application = await manager.getRepository(ConfirmationApplication).findOne({ where: { caseId: c.id }, order: { createdAt: 'DESC' } });
    const appCourt = application ? await manager.getRepository(Court).findOne({ where: { id: application.courtId } }) : null;
    const report = await manager.getRepository(FailureReport).findOne({ where: { caseId: c.id } });
    const filing = await manager.getRepository(CourtFiling).findOne({ where: { caseId: c.id } });
    const filingCourt = filing?.courtId ? await manager.getRepository(Court).findOne({ where: { id: filing.courtId } }) : null;
    const documents = await manager.getRepository(CaseDocument).find({ where: { caseId: c.id, channelId: IsNull() }, order: { createdAt: 'ASC' } });
    const nameOf = (partyId: string) => parties.find((p) => p.id === partyId)?.name ?? '';
    return {
      generatedAt: now,
      case: {
        number: c.number,
        state: c.state,
        disputeType: c.disputeType,
        facts: c.facts,
        claimAmount: c.claimAmount,
        otherRequests: c.otherRequests,
        channel: c.channel,
        submittedAt: c.submittedAt,
        mediatorAcceptedAt: c.mediatorAcceptedAt,
        endedAt: c.endedAt,
        terminationReason: c.terminationReason,
        reasonNote: c.reasonNote,
      },
      organisation: org?.name ?? null,
      mediators: mediators.map((u) => u.realName ?? u.name),
      court: court && c.courtCaseKind && c.courtCaseNumber ? { name: court.name, kind: c.courtCaseKind, courtCaseNumber: c.courtCaseNumber, procedure: c.courtProcedure } : null,
      parties: parties.map((p) => ({ side: p.side, name: p.name, mobile: p.mobile, idNumberMasked: p.idNumberMasked, address: p.address, consent: p.consent })),
      timeline: events.map((e) => ({ at: e.createdAt, type: e.type, fromState: e.fromState, toState: e.toState, actorRole: e.actorRole })),
      agreement: agreement
        ? {
            effectiveAt: agreement.effectiveAt,
            verificationCode: agreement.verificationCode,
            facts: agreement.content.facts,
            disputedMatters: agreement.content.disputedMatters,
            responsibilities: agreement.content.responsibilities,
            otherTerms: agreement.content.otherTerms,
            obligations: obligations.map((o) => `${nameOf(o.obligorPartyId)} → ${nameOf(o.obligeePartyId)}：${o.description}${o.amount ? ` ${o.amount}元` : ''}，${o.dueDate}前（${o.status}）`),
            signatures: signatures.map((s) => ({ role: s.signerRole, name: s.signerName, signedAt: s.signedAt })),
            sealedBy: agreement.sealedByOrg,
          }
        : null,
      confirmation: application
        ? {
            status: application.status,
            court: appCourt?.name ?? '',
            submittedAt: application.submittedAt,
            ruledAt: application.ruledAt,
            rulingNumber: application.rulingNumber,
            ground: application.rejectionGround ?? application.refusalGround ?? null,
          }
        : null,
      failureReport: report ? { situation: report.situation, costConduct: report.costConduct, createdAt: report.createdAt } : null,
      filing: filing ? { route: filing.route, court: filingCourt?.name ?? null, createdAt: filing.createdAt } : null,
      serviceProofs: await serviceProofs(manager, c), // R40
      documents: documents.map((d) => ({ fileName: d.fileName, kind: d.kind, side: d.uploadedBySide, sha256: d.sha256, at: d.createdAt })),
    };
  }
}
