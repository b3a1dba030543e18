import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CourtFilingView } from '@tiaojie/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { recordCaseAccess } from '../cases/case-access';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import type { Viewer } from '../cases/cases.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { FileStorage } from '../documents/storage';
import { courtRoleAt, courtsOf } from '../organisations/court-staff';
import type { CasePackage } from './ending-pdf';
import { filingView, packageBody, packageDocuments } from './ending-views';
import { CourtFiling } from '../cases/court-filing.entity';

/**
 * R24: the court's filing queue — the cases sent on to the viewer's courts with their
 * electronic materials, each read logged in the case's access log (R19), and the registration
 * (立案登记) by a clerk or judge of the receiving court. Other courts' filings do not exist for
 * the viewer (404).
 */
@Injectable()
export class CourtFilingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly lifecycle: CaseLifecycleService,
    private readonly storage: FileStorage,
  ) {}

  async courtQueue(viewer: Viewer): Promise<CourtFilingView[]> {
    return this.db.transaction(async (manager) => {
      const courts = await courtsOf(manager, viewer.userId);
      if (!courts.length) throw new AppException('FORBIDDEN', 'Only judges and clerks see a court’s filing queue');
      const rows = await manager.getRepository(CourtFiling).find({ where: { courtId: In(courts) }, order: { createdAt: 'DESC' } });
      return Promise.all(rows.map((f) => filingView(manager, f, true)));
    });
  }

  /** `lock`: for a step that changes the filing (two clerks registering at once: one wins, one 409). */
  private async courtFiling(manager: EntityManager, filingId: string, viewer: Viewer, lock = false) {
    const courts = await courtsOf(manager, viewer.userId);
    const f = await manager.getRepository(CourtFiling).findOne({ where: { id: filingId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    // Another court's filing, or no court at all: it does not exist for this viewer.
    if (!f || !f.courtId || !courts.includes(f.courtId)) throw new AppException('NOT_FOUND', 'No such filing');
    return f;
  }

  /** Runs a court read of a filing and logs it (R19): the case of the filing, if it exists, gets the entry. */
  private async courtRead<T>(filingId: string, viewer: Viewer, action: string, targetId: string | null, work: (manager: EntityManager, f: CourtFiling) => Promise<T>): Promise<T> {
    let caseId: string | null = null;
    let allowed = false;
    try {
      const out = await this.db.transaction(async (manager) => {
        caseId = (await manager.getRepository(CourtFiling).findOne({ where: { id: filingId }, select: { id: true, caseId: true } }))?.caseId ?? null;
        const f = await this.courtFiling(manager, filingId, viewer);
        return work(manager, f);
      });
      allowed = true;
      return out;
    } finally {
      await this.logCourtAccess(caseId, viewer, action, targetId ?? filingId, allowed);
    }
  }

  async courtFilingView(filingId: string, viewer: Viewer): Promise<CourtFilingView> {
    return this.courtRead(filingId, viewer, 'court_view_filing', null, (manager, f) => filingView(manager, f, true));
  }

  async courtPackage(filingId: string, viewer: Viewer, format: 'pdf' | 'json') {
    const f = await this.courtRead(filingId, viewer, `court_case_file_${format}`, null, async (_m, f) => f);
    return packageBody(f, format);
  }

  /** R24: a material listed in the package, for the judges and clerks of the receiving court only (404 otherwise). */
  async courtDocument(filingId: string, documentId: string, viewer: Viewer): Promise<{ body: Buffer; fileName: string; mimeType: string }> {
    const doc = await this.courtRead(filingId, viewer, 'court_download_document', documentId, async (manager, f) => {
      const found = (await packageDocuments(manager, f)).find((x) => x.doc?.id === documentId)?.doc;
      if (!found) throw new AppException('NOT_FOUND', 'Not in this filing’s package');
      return found;
    });
    return { body: await this.storage.get(doc.storageKey), fileName: doc.fileName, mimeType: doc.mimeType };
  }

  /** The clerk (or judge) registers the filing (立案登记); the parties are told. */
  async register(filingId: string, viewer: Viewer): Promise<CourtFilingView> {
    return this.db.transaction(async (manager) => {
      const f = await this.courtFiling(manager, filingId, viewer, true);
      if (f.status !== 'submitted') throw AppException.field('CONFLICT', 'status', 'alreadyRegistered', 'The filing is already registered');
      const role = await courtRoleAt(manager, viewer.userId, f.courtId);
      const now = this.clock.now();
      await this.lifecycle.runIn(manager, {
        caseId: f.caseId,
        version: null,
        userId: viewer.userId,
        actor: role ?? 'clerk',
        event: 'court_filing_registered',
        data: { filingId: f.id, courtId: f.courtId, courtName: (f.package as unknown as CasePackage).court?.name ?? null },
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (_row, em) => {
          await em.getRepository(CourtFiling).update({ id: f.id }, { status: 'registered', registeredAt: now, registeredById: viewer.userId });
        },
      });
      return filingView(manager, await manager.getRepository(CourtFiling).findOneByOrFail({ id: f.id }), true);
    });
  }

  /** R19: the court's reads of a filing are logged in the case's access log, refusals included. */
  private async logCourtAccess(caseId: string | null, viewer: Viewer, action: string, targetId: string | null, allowed: boolean) {
    if (!caseId) return;
    await recordCaseAccess(this.db.manager, { caseId, userId: viewer.userId, action, targetId, allowed, ip: viewer.ip });
  }
}
