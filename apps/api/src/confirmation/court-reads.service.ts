import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CourtApplicationDetail, CourtQueueItem, PackageItemView } from '@tiaojie/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { CaseDocument } from '../documents/case-document.entity';
import { FileStorage } from '../documents/storage';
import { courtMemberships, courtsOf } from '../organisations/court-staff';
import { Organisation } from '../organisations/organisation.entity';
import { Agreement, Obligation } from '../cases/agreement.entity';
import { ConfirmationApplication, ConfirmationSupplement } from '../cases/confirmation.entity';
import { applicationView, awaitsDecision, courtDeadlines, isOpen, OPEN } from './confirmation-views';

/** The application, if the viewer is a judge or clerk of its court; otherwise 404 (no hint it exists). */
export async function forCourt(manager: EntityManager, userId: string, applicationId: string, lock = false) {
  const q = manager.getRepository(ConfirmationApplication).createQueryBuilder('a').where('a.id = :id', { id: applicationId });
  if (lock) q.setLock('pessimistic_write');
  const app = await q.getOne();
  const memberships = await courtMemberships(manager, userId);
  const mine = app ? memberships.filter((m) => m.courtId === app.courtId) : [];
  if (!app || !mine.length || app.status === 'signing') throw new AppException('NOT_FOUND', 'No such application');
  const role: 'judge' | 'clerk' = mine.some((m) => m.role === 'judge') ? 'judge' : 'clerk';
  const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: app.caseId });
  return { app, role, c };
}

/**
 * Judicial confirmation, the court's reads (R33, R19): the queue of the applications filed with
 * the viewer's courts, an application's package and its files. Every read of the material is
 * written to the case access log, a refusal too. The court's steps are CourtConfirmationService.
 */
@Injectable()
export class CourtReadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly storage: FileStorage,
  ) {}

  async queue(userId: string, scope: 'open' | 'all'): Promise<CourtQueueItem[]> {
    return this.db.transaction(async (manager) => {
      const courts = await courtsOf(manager, userId);
      if (!courts.length) return [];
      const statuses = scope === 'open' ? [...OPEN] : ['submitted', 'accepted', 'confirmed', 'rejected', 'withdrawn', 'refused'];
      const apps = await manager.getRepository(ConfirmationApplication).find({ where: { courtId: In(courts), status: In(statuses) }, order: { submittedAt: 'ASC' } });
      if (!apps.length) return [];
      const caseIds = [...new Set(apps.map((a) => a.caseId))];
      const cases = await manager.getRepository(MediationCase).find({ where: { id: In(caseIds) } });
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: In(caseIds) }, order: { position: 'ASC' } });
      const supplements = await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: In(apps.map((a) => a.id)) } });
      const now = this.clock.now();
      const byId = new Map(cases.map((x) => [x.id, x]));
      const items = apps.flatMap((a) => {
        const c = byId.get(a.caseId);
        if (!c) return [];
        return {
          id: a.id,
          caseId: a.caseId,
          caseNumber: c.number,
          status: a.status,
          parties: parties.filter((p) => p.caseId === a.caseId).map((p) => p.name),
          disputeType: c.disputeType,
          submittedAt: a.submittedAt?.toISOString() ?? null,
          deadlines: courtDeadlines(a, now),
          openSupplements: supplements.filter((s) => s.applicationId === a.id && !s.fulfilledAt && !s.missedAt).length,
        };
      });
      // The nearest R33 deadline first.
      const dueOf = (i: CourtQueueItem) => (i.status === 'submitted' ? i.deadlines.acceptBy : i.status === 'accepted' ? i.deadlines.ruleBy : null) ?? '9999';
      return items.sort((x, y) => dueOf(x).localeCompare(dueOf(y)));
    });
  }

  /**
   * A read of an application's material by the court (the package, its files, the messages),
   * recorded in the case access log like every other case read — a refusal too (R19).
   */
  private async courtRead<T>(
    userId: string,
    ip: string | null,
    applicationId: string,
    action: string,
    targetId: string,
    work: (manager: EntityManager, found: Awaited<ReturnType<typeof forCourt>>) => Promise<T>,
  ): Promise<T> {
    const row = await this.db.getRepository(ConfirmationApplication).findOne({ where: { id: applicationId }, select: { id: true, caseId: true } });
    let allowed = false;
    try {
      return await this.db.transaction(async (manager) => {
        const found = await forCourt(manager, userId, applicationId);
        allowed = true;
        try {
          return await work(manager, found);
        } catch (e) {
          if (e instanceof AppException && e.code === 'NOT_FOUND') allowed = false;
          throw e;
        }
      });
    } finally {
      if (row) await this.cases.logAccess({ caseId: row.caseId, userId, action, targetId, allowed, ip });
    }
  }

  async courtDetail(userId: string, applicationId: string, ip: string | null = null): Promise<CourtApplicationDetail> {
    return this.courtRead(userId, ip, applicationId, 'court_view_confirmation', applicationId, async (manager, { app, role, c }) => {
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
      const agreement = await manager.getRepository(Agreement).findOneByOrFail({ id: app.agreementId });
      const obligations = await manager.getRepository(Obligation).find({ where: { agreementId: agreement.id }, order: { seq: 'ASC' } });
      const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
      const base = `/api/court/confirmations/${app.id}`;
      const view = await applicationView(manager, app, parties, base, this.clock.now());
      const pkg = (app.packageSnapshot ?? []) as unknown as PackageItemView[];
      const actions: string[] = [];
      if (isOpen(app)) actions.push('message', 'request_supplement');
      if (app.status === 'submitted') actions.push('accept');
      if (app.status === 'submitted' && role === 'judge') actions.push('refuse');
      if (isOpen(app) && role === 'judge') {
        const pending = await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: app.id } });
        if (pending.some((s) => awaitsDecision(s, this.clock.now()))) actions.push('decide_supplement');
      }
      if (app.status === 'accepted' && role === 'judge') {
        if (!app.extendedAt) actions.push('extend');
        actions.push('confirm', 'reject');
      }
      const name = (id: string) => parties.find((p) => p.id === id)?.name ?? '';
      return {
        ...view,
        caseId: c.id,
        caseNumber: c.number,
        caseVersion: c.version,
        disputeType: c.disputeType,
        organisationName: org?.name ?? null,
        packageItems: pkg,
        agreement: {
          id: agreement.id,
          effectiveAt: agreement.effectiveAt?.toISOString() ?? null,
          facts: agreement.content?.facts ?? '',
          disputedMatters: agreement.content?.disputedMatters ?? '',
          responsibilities: agreement.content?.responsibilities ?? '',
          otherTerms: agreement.content?.otherTerms ?? '',
          obligations: obligations.map((o) => ({
            id: o.id,
            seq: o.seq,
            kind: o.kind,
            description: o.description,
            amount: o.amount,
            dueDate: o.dueDate,
            obligorName: name(o.obligorPartyId),
            obligeeName: name(o.obligeePartyId),
          })),
          pdfUrl: agreement.pdfStorageKey ? `${base}/agreement.pdf` : null,
        },
        actions,
        viewerRole: role,
      };
    });
  }

  /** A file of the package (or a supplement), for the court that holds the application. */
  async courtFile(userId: string, applicationId: string, what: 'application' | 'agreement' | 'ruling' | { documentId: string }, ip: string | null = null) {
    const action = typeof what === 'string' ? `court_download_${what}` : 'court_download_document';
    return this.courtRead(userId, ip, applicationId, action, typeof what === 'string' ? applicationId : what.documentId, async (manager, { app }) => {
      if (what === 'application' || what === 'ruling') {
        const key = what === 'application' ? app.applicationPdfKey : app.rulingPdfKey;
        if (!key) throw new AppException('NOT_FOUND', 'Not found');
        return { bytes: await this.storage.get(key), fileName: `${what}.pdf`, mimeType: 'application/pdf' };
      }
      if (what === 'agreement') {
        const agreement = await manager.getRepository(Agreement).findOneByOrFail({ id: app.agreementId });
        if (!agreement.pdfStorageKey) throw new AppException('NOT_FOUND', 'Not found');
        return { bytes: await this.storage.get(agreement.pdfStorageKey), fileName: 'agreement.pdf', mimeType: 'application/pdf' };
      }
      const inPackage = ((app.packageSnapshot ?? []) as unknown as PackageItemView[]).some((i) => i.documents?.some((d) => d.id === what.documentId));
      const supplements = await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: app.id } });
      if (!inPackage && !supplements.some((s) => s.documentIds.includes(what.documentId))) throw new AppException('NOT_FOUND', 'Not found');
      const doc = await manager.getRepository(CaseDocument).findOne({ where: { id: what.documentId, caseId: app.caseId } });
      if (!doc) throw new AppException('NOT_FOUND', 'Not found');
      return { bytes: await this.storage.get(doc.storageKey), fileName: doc.fileName, mimeType: doc.mimeType };
    });
  }
}
