import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ROUTES_AFTER_FAILURE,
  type CourtFilingView,
  type EndingAction,
  type EndingView,
  type EscalationRouteCode,
  type ExtensionView,
  type FailureReportView,
} from '@tiaojie/contracts';
import { TRANSITIONS, mayListDocument, type Actor, type CaseAudience, type CaseState } from '@tiaojie/domain';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { actorsOf, audienceOf, canRead, isCaseStaff, relationsOf, type CaseRelations } from '../cases/case-access';
import { CaseAccessLog } from '../cases/case-access-log.entity';
import { CaseAssignment } from '../cases/case-assignment.entity';
import { CaseEvent } from '../cases/case-event.entity';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CasesService, type Viewer } from '../cases/cases.service';
import { mediationDeadline, withPause } from '../cases/mediation-period';
import { CaseDocument } from '../documents/case-document.entity';
import { FileStorage } from '../documents/storage';
import { MediationService, type ExportableMessage } from '../mediation/mediation.service';
import { Notifier, type Recipient } from '../notifications/notifier';
import { Court } from '../organisations/court.entity';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { casePackagePdf, failureReportPdf, type CasePackage } from './ending-pdf';
import { CourtFiling, ExtensionConsent, FailureReport, MediationExtension, ShamReport } from './ending.entities';
import type { AnswerExtensionDto, AppraisalDto, EscalateDto, ProposeExtensionDto, ResumeDto, SuspendDto, TerminateWithReportDto } from './ending.dto';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { serviceProofs } from '../notifications/electronic-service.controller';

const PERIOD_STATES: CaseState[] = ['ACCEPTED', 'MEDIATING'];
const ROUTES = [...ROUTES_AFTER_FAILURE];

/**
 * The end of a mediation (R20–R24, R36). Every state change goes through CaseLifecycleService
 * in one transaction with the rows it writes (failure report, filing package, extension,
 * sham report); who may act is derived from the database on every request.
 */
@Injectable()
export class EndingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly cases: CasesService,
    private readonly notifier: Notifier,
    private readonly mediation: MediationService,
    private readonly storage: FileStorage,
  ) {}

  // ─── Access ───────────────────────────────────────────────────────────────────────────

  /** A judge's (or clerk's) courts. */
  private async courtIdsOf(manager: EntityManager, userId: string, roles: Array<'judge' | 'clerk'> = ['judge', 'clerk']): Promise<string[]> {
    const ms = await manager.getRepository(Membership).find({ where: { userId, role: In(roles) } });
    return ms.map((m) => m.courtId).filter((x): x is string => !!x);
  }

  private async courtOfCase(manager: EntityManager, c: MediationCase): Promise<string | null> {
    if (c.courtId) return c.courtId; // R21/R24: a court-brought case goes back to the court that brought it
    if (!c.organisationId) return null;
    const org = await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } });
    return org?.courtId ?? null;
  }

  /**
   * The role the viewer acts as on this case, or 404 (cannot see it) / 403 (may not do this).
   * A judge of the organisation's court may act where `allowed` includes 'judge' (R36).
   */
  private async actAs(manager: EntityManager, caseId: string, viewer: Viewer, allowed: Actor[]) {
    const c = await manager.getRepository(MediationCase).findOne({ where: { id: caseId } });
    if (!c) throw new AppException('NOT_FOUND', 'No such case');
    const relations = await relationsOf(manager, viewer.userId, c);
    const judge = allowed.includes('judge') && (await this.isJudgeOf(manager, viewer.userId, c));
    if (!canRead(relations) && !judge) throw new AppException('NOT_FOUND', 'No such case');
    const actors: Actor[] = [...actorsOf(relations, viewer.userId, false), ...(judge ? (['judge'] as const) : [])];
    const actor = actors.find((a) => allowed.includes(a));
    if (!actor) throw new AppException('FORBIDDEN', 'Your role may not do this on this case');
    return { c, relations, actor };
  }

  private async isJudgeOf(manager: EntityManager, userId: string, c: MediationCase) {
    const court = await this.courtOfCase(manager, c);
    return !!court && (await this.courtIdsOf(manager, userId, ['judge'])).includes(court);
  }

  private async courtRecipients(manager: EntityManager, courtId: string | null): Promise<Recipient[]> {
    if (!courtId) return [];
    const ms = await manager.getRepository(Membership).find({ where: { courtId, role: In(['judge', 'clerk']) } });
    const users = ms.length ? await manager.getRepository(User).find({ where: { id: In(ms.map((m) => m.userId)) } }) : [];
    // Court staff read the staff wording of a notice.
    return users.map((u) => this.notifier.fromUser('dispatcher', u));
  }

  // ─── Reading ──────────────────────────────────────────────────────────────────────────

  async view(caseId: string, viewer: Viewer): Promise<EndingView> {
    return this.cases.withAccess(caseId, viewer, 'view_ending', null, async (manager, c, relations) => {
      const actors = actorsOf(relations, viewer.userId, false);
      const staff = isCaseStaff(relations);
      const report = await manager.getRepository(FailureReport).findOne({ where: { caseId } });
      const filing = await manager.getRepository(CourtFiling).findOne({ where: { caseId } });
      const extensions = await manager.getRepository(MediationExtension).find({ where: { caseId }, order: { proposedAt: 'ASC' } });
      const sham = staff ? await manager.getRepository(ShamReport).findOne({ where: { caseId, resolvedAt: IsNull() }, order: { createdAt: 'DESC' } }) : null;
      const may = (action: 'terminate' | 'escalate' | 'suspend' | 'resume') =>
        TRANSITIONS[action].from.includes(c.state) && actors.some((a) => TRANSITIONS[action].actors.includes(a));
      const actions: EndingAction[] = [];
      if (may('terminate') && actors.some((a) => a === 'mediator' || a === 'org_admin')) actions.push('terminate');
      if (may('escalate') && !filing) actions.push('escalate');
      if (relations.isActiveMediator && PERIOD_STATES.includes(c.state) && c.mediatorAcceptedAt && !extensions.some((e) => e.status === 'pending')) actions.push('propose_extension');
      if (may('suspend') && relations.isActiveMediator) actions.push('suspend');
      if (may('resume')) actions.push('resume');
      // R20: the mediator records an expert appraisal's start and end; its time is excluded.
      const appraising = (c.periodPauses ?? []).some((p) => p.kind === 'appraisal' && !p.to);
      if (relations.isActiveMediator && c.state === 'MEDIATING') actions.push(appraising ? 'end_appraisal' : 'start_appraisal');
      const deadline = mediationDeadline(c, this.holidays.calendar(), this.clock.now());
      return {
        caseId,
        state: c.state,
        mediationDeadline: deadline?.toISOString() ?? null,
        extensionDays: c.mediationExtensionDays,
        failureReport: report ? await this.reportView(manager, report) : null,
        filing: filing ? await this.filingView(manager, filing, false, audienceOf(relations)) : null,
        extensions: await this.extensionViews(manager, extensions, relations),
        shamReport: sham ? { id: sham.id, note: sham.note, reporterName: await this.nameOf(manager, sham.reporterId), reporterRole: sham.reporterRole, fromState: sham.fromState, createdAt: sham.createdAt.toISOString(), resolvedAt: null } : null,
        routesAfterFailure: c.state === 'TERMINATED' || c.state === 'ESCALATED' ? ROUTES : [],
        escalationRoutes: actions.includes('escalate') ? (c.courtDelegated ? ['return_to_court'] : ['online_filing', 'arbitration']) : [],
        actions,
        periodPauses: c.periodPauses ?? [],
        packagePdfUrl: filing ? `/api/cases/${caseId}/ending/package.pdf` : null,
      };
    });
  }

  private async nameOf(manager: EntityManager, userId: string | null) {
    if (!userId) return '';
    const u = await manager.getRepository(User).findOne({ where: { id: userId } });
    return u?.realName ?? u?.name ?? '';
  }

  private async reportView(manager: EntityManager, r: FailureReport): Promise<FailureReportView> {
    return {
      id: r.id,
      reasonCode: r.reasonCode,
      reasonNote: r.reasonNote,
      situation: r.situation,
      costConduct: r.costConduct,
      authorName: await this.nameOf(manager, r.authorId),
      createdAt: r.createdAt.toISOString(),
      pdfUrl: `/api/cases/${r.caseId}/ending/failure-report.pdf`,
    };
  }

  /** `audience`: the case viewer of a party's or staff's view; its materials follow the document rule (R15). */
  private async filingView(manager: EntityManager, f: CourtFiling, forCourt = false, audience: CaseAudience | null = null): Promise<CourtFilingView> {
    const p = f.package as unknown as CasePackage;
    const base = forCourt ? `/api/court/filings/${f.id}` : `/api/cases/${f.caseId}/ending`;
    // R24 lists every material for the receiving court; anyone else sees those the document
    // rule lets them see (R15: never the other side's ID proofs or own files).
    const docs = (await this.packageDocuments(manager, f)).filter(
      ({ entry }) => forCourt || (!!audience && mayListDocument(audience, { kind: entry.kind, uploadedBySide: entry.uploadedBySide, visibility: entry.visibility ?? 'own_side' })),
    );
    return {
      id: f.id,
      caseId: f.caseId,
      caseNumber: p.case.number,
      route: f.route,
      courtId: f.courtId,
      courtName: p.court?.name ?? null,
      status: f.status,
      disputeType: p.case.disputeType,
      applicantName: p.parties.find((x) => x.side === 'applicant')?.name ?? '',
      respondentNames: p.parties.filter((x) => x.side === 'respondent').map((x) => x.name),
      organisationName: p.case.organisation,
      claimAmount: p.case.claimAmount,
      submittedAt: f.createdAt.toISOString(),
      registeredAt: f.registeredAt?.toISOString() ?? null,
      packagePdfUrl: `${base}/package.pdf`,
      packageJsonUrl: `${base}/package.json`,
      documents: docs.map(({ entry, doc }) => ({
        id: doc?.id ?? null,
        fileName: entry.fileName,
        kind: entry.kind,
        uploadedBySide: entry.uploadedBySide,
        sizeBytes: entry.sizeBytes,
        sha256: entry.sha256,
        downloadUrl: doc ? (forCourt ? `${base}/documents/${doc.id}` : `/api/cases/${f.caseId}/documents/${doc.id}`) : null,
      })),
    };
  }

  /**
   * R24: the materials listed in a filing's package, each with its case document: by id, or
   * (packages made before ids were kept) by its SHA-256 within the case. Caucus attachments are
   * never listed (R15), so never found here.
   */
  private async packageDocuments(manager: EntityManager, f: CourtFiling) {
    const entries = (f.package as unknown as CasePackage).documents ?? [];
    const docs = entries.length ? await manager.getRepository(CaseDocument).find({ where: { caseId: f.caseId, channelId: IsNull() } }) : [];
    return entries.map((entry) => ({ entry, doc: docs.find((d) => (entry.id ? d.id === entry.id : d.sha256 === entry.sha256 && d.fileName === entry.fileName)) ?? null }));
  }

  /** R19: the court's reads of a filing are logged in the case's access log, refusals included. */
  private async logCourtAccess(caseId: string | null, viewer: Viewer, action: string, targetId: string | null, allowed: boolean) {
    if (!caseId) return;
    await this.db.getRepository(CaseAccessLog).insert({ caseId, userId: viewer.userId, action, targetId, allowed, ip: viewer.ip });
  }

  private async extensionViews(manager: EntityManager, list: MediationExtension[], relations: CaseRelations): Promise<ExtensionView[]> {
    if (!list.length) return [];
    const consents = await manager.getRepository(ExtensionConsent).find({ where: { extensionId: In(list.map((e) => e.id)) } });
    const parties = await manager.getRepository(CaseParty).find({ where: { caseId: list[0].caseId } });
    const mine = new Set(relations.parties.map((p) => p.id));
    return list.map((e) => {
      const own = consents.filter((x) => x.extensionId === e.id);
      return {
        id: e.id,
        days: e.days,
        reason: e.reason,
        status: e.status,
        proposedAt: e.proposedAt.toISOString(),
        decidedAt: e.decidedAt?.toISOString() ?? null,
        consents: own.map((x) => ({ partyId: x.partyId, partyName: parties.find((p) => p.id === x.partyId)?.name ?? '', decision: x.decision, decidedAt: x.decidedAt?.toISOString() ?? null })),
        viewerPendingPartyIds: e.status === 'pending' ? own.filter((x) => x.decision === 'pending' && mine.has(x.partyId)).map((x) => x.partyId) : [],
      };
    });
  }

  // ─── R22/R23: end with a coded reason and a failure report ────────────────────────────

  async terminate(caseId: string, dto: TerminateWithReportDto, viewer: Viewer): Promise<EndingView> {
    // R22: the code "other" needs its explanation — named as a field, not only as a rule.
    if (dto.reasonCode === 'other' && !dto.reasonNote?.trim()) {
      throw AppException.field('VALIDATION_FAILED', 'reasonNote', 'required', 'Explain the reason "other" in a note');
    }
    await this.db.transaction(async (manager) => {
      const { actor } = await this.actAs(manager, caseId, viewer, ['mediator', 'org_admin']);
      const now = this.clock.now();
      const reportId = (await manager.query('SELECT gen_random_uuid() AS id'))[0].id as string;
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        action: 'terminate',
        event: 'mediation_terminated',
        context: { reasonCode: dto.reasonCode, reasonNote: dto.reasonNote },
        data: { terminationReason: dto.reasonCode, reasonNote: dto.reasonNote ?? null, routes: ROUTES, failureReportId: reportId },
        notify: ['applicant', 'respondent', 'agent', 'mediator', 'filer'],
        mutate: async (row, m) => {
          row.terminationReason = dto.reasonCode;
          row.reasonNote = dto.reasonNote ?? null;
          row.endedAt = now;
          // R23: the failure report, in the same transaction as the end.
          await m.getRepository(FailureReport).insert({
            id: reportId,
            caseId,
            reasonCode: dto.reasonCode,
            reasonNote: dto.reasonNote ?? null,
            situation: dto.situation,
            costConduct: dto.costConduct?.trim() ? dto.costConduct : null,
            authorId: viewer.userId,
            createdAt: now,
          });
        },
      });
    });
    return this.view(caseId, viewer);
  }

  async failureReportPdf(caseId: string, viewer: Viewer): Promise<{ buffer: Buffer; fileName: string }> {
    return this.cases.withAccess(caseId, viewer, 'download_failure_report', null, async (manager, c, _relations, access) => {
      const r = await manager.getRepository(FailureReport).findOne({ where: { caseId } });
      if (!r) return access.deny();
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
      const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
      const pdf = await failureReportPdf({
        caseNumber: c.number,
        organisationName: org?.name ?? null,
        mediatorNames: await this.mediatorNames(manager, caseId),
        parties: parties.map((p) => ({ side: p.side, name: p.name })),
        reasonCode: r.reasonCode,
        reasonNote: r.reasonNote,
        situation: r.situation,
        costConduct: r.costConduct,
        authorName: await this.nameOf(manager, r.authorId),
        createdAt: r.createdAt,
      });
      return { buffer: pdf.buffer, fileName: `failure-report-${c.number ?? caseId}.pdf` };
    });
  }

  private async mediatorNames(manager: EntityManager, caseId: string) {
    const assigned = await manager.getRepository(CaseAssignment).find({ where: { caseId, status: 'accepted' } });
    const users = assigned.length ? await manager.getRepository(User).find({ where: { id: In(assigned.map((a) => a.mediatorId)) } }) : [];
    return users.map((u) => u.realName ?? u.name);
  }

  // ─── R24: escalation with the case file ───────────────────────────────────────────────

  async escalate(caseId: string, dto: EscalateDto, viewer: Viewer): Promise<EndingView> {
    // R17: concessions are left out (MediationService.exportableMessages); R15: the caucuses
    // and the mediator's notes are confidential — only the joint conversation goes on. Read
    // before the transaction: the service uses its own connection (one only, on PGlite), and
    // nothing of it reaches the viewer unless the access check below passes.
    const messages = await this.mediation.exportableMessages(caseId, { kinds: ['joint'] });
    await this.db.transaction(async (manager) => {
      const { c, actor } = await this.actAs(manager, caseId, viewer, ['citizen', 'agent', 'mediator', 'org_admin']);
      if (await manager.getRepository(CourtFiling).exists({ where: { caseId } })) {
        throw AppException.field('CONFLICT', 'route', 'alreadyEscalated', 'The case was already sent on');
      }
      // R24: a court-delegated case goes back to its court; a direct one to the competent court.
      const courtId = dto.route === 'arbitration' ? null : await this.courtOfCase(manager, c);
      if (dto.route !== 'arbitration' && !courtId) {
        throw AppException.field('UNPROCESSABLE', 'route', 'noCourt', 'No competent court on the platform for this case');
      }
      const court = courtId ? await manager.getRepository(Court).findOne({ where: { id: courtId } }) : null;
      const pkg = await this.buildPackage(manager, c, dto.route, court, messages);
      const filingId = (await manager.query('SELECT gen_random_uuid() AS id'))[0].id as string;
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        action: 'escalate',
        event: 'case_escalated',
        context: { escalationRoute: dto.route, courtDelegated: c.courtDelegated },
        data: { route: dto.route, courtId, courtName: court?.name ?? null, filingId },
        notify: ['applicant', 'respondent', 'agent', 'mediator', 'dispatcher'],
        mutate: async (_row, m) => {
          await m.getRepository(CourtFiling).insert({ id: filingId, caseId, route: dto.route, courtId, status: 'submitted', package: pkg as never, createdById: viewer.userId, createdAt: this.clock.now() });
        },
      });
      const recipients = await this.courtRecipients(manager, courtId);
      if (recipients.length) {
        await this.notifier.queue(manager, { caseId, eventId: null, dedupBase: `filing:${filingId}`, template: 'court_filing_received', params: { caseNumber: c.number, route: dto.route }, recipients });
      }
    });
    return this.view(caseId, viewer);
  }

  async buildPackage(manager: EntityManager, c: MediationCase, route: EscalationRouteCode, court: Court | null, messages: ExportableMessage[]): Promise<CasePackage> {
    const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
    const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
    const report = await manager.getRepository(FailureReport).findOne({ where: { caseId: c.id } });
    const events = await manager.getRepository(CaseEvent).find({ where: { caseId: c.id, audience: 'case' }, order: { seq: 'ASC' } });
    // Materials of the case file (attachments inside a caucus stay there, R15).
    const documents = await manager.getRepository(CaseDocument).find({ where: { caseId: c.id, channelId: IsNull() }, order: { createdAt: 'ASC' } });
    return {
      schema: 'tiaojie.case-file/1',
      route,
      generatedAt: this.clock.now().toISOString(),
      court: court ? { id: court.id, name: court.name } : null,
      case: {
        number: c.number,
        disputeType: c.disputeType,
        facts: c.facts,
        claimAmount: c.claimAmount,
        otherRequests: c.otherRequests,
        region: c.region,
        courtDelegated: c.courtDelegated,
        organisation: org?.name ?? null,
        mediators: await this.mediatorNames(manager, c.id),
        submittedAt: c.submittedAt?.toISOString() ?? null,
        mediatorAcceptedAt: c.mediatorAcceptedAt?.toISOString() ?? null,
        endedAt: c.endedAt?.toISOString() ?? null,
        terminationReason: c.terminationReason,
        reasonNote: c.reasonNote,
      },
      // The court sees full names and contacts; ID numbers only masked (the platform keeps them encrypted).
      parties: parties.map((p) => ({ side: p.side, kind: p.kind, name: p.name, mobile: p.mobile, idNumberMasked: p.idNumberMasked, address: p.address, email: p.email })),
      failureReport: report
        ? { reasonCode: report.reasonCode, reasonNote: report.reasonNote, situation: report.situation, costConduct: report.costConduct, author: await this.nameOf(manager, report.authorId), createdAt: report.createdAt.toISOString() }
        : null,
      timeline: events.map((e) => ({ at: e.createdAt.toISOString(), type: e.type, fromState: e.fromState, toState: e.toState })),
      documents: documents.map((d) => ({ id: d.id, fileName: d.fileName, kind: d.kind, uploadedBySide: d.uploadedBySide, visibility: d.visibility, sizeBytes: d.sizeBytes, sha256: d.sha256, uploadedAt: d.createdAt.toISOString() })),
      conversation: messages.map((m) => ({ at: m.createdAt, channel: m.channelKind, senderRole: m.senderRole, senderName: m.senderName, body: m.body })),
      serviceProofs: await serviceProofs(manager, c), // R40
    };
  }

  /** The package for the case's own people (parties take it to arbitration; staff keep it). */
  async casePackage(caseId: string, viewer: Viewer, format: 'pdf' | 'json'): Promise<{ body: Buffer; fileName: string }> {
    return this.cases.withAccess(caseId, viewer, `download_case_file_${format}`, null, async (manager, _c, relations, access) => {
      const f = await manager.getRepository(CourtFiling).findOne({ where: { caseId } });
      if (!f || (!relations.parties.length && !isCaseStaff(relations) && !relations.isFiler)) return access.deny();
      return this.packageBody(f, format, audienceOf(relations));
    });
  }

  /**
   * The stored package as `audience` may see it: the court (null) gets the whole file; a
   * party's or the filer's copy lists only the documents the domain's document rule shows
   * that viewer (R15: the other side's own files and ID proofs are not named).
   */
  private async packageBody(f: CourtFiling, format: 'pdf' | 'json', audience: CaseAudience | null = null) {
    const stored = f.package as unknown as CasePackage;
    const p: CasePackage = audience
      ? { ...stored, documents: stored.documents.filter((d) => mayListDocument(audience, { kind: d.kind, uploadedBySide: d.uploadedBySide, visibility: d.visibility ?? 'own_side' })) }
      : stored;
    const name = `case-file-${p.case.number ?? f.caseId}`;
    if (format === 'json') return { body: Buffer.from(JSON.stringify(p, null, 2)), fileName: `${name}.json` };
    return { body: (await casePackagePdf(p)).buffer, fileName: `${name}.pdf` };
  }

  // ─── The court's filing queue ─────────────────────────────────────────────────────────

  async courtQueue(viewer: Viewer): Promise<CourtFilingView[]> {
    return this.db.transaction(async (manager) => {
      const courts = await this.courtIdsOf(manager, viewer.userId);
      if (!courts.length) throw new AppException('FORBIDDEN', 'Only judges and clerks see a court’s filing queue');
      const rows = await manager.getRepository(CourtFiling).find({ where: { courtId: In(courts) }, order: { createdAt: 'DESC' } });
      return Promise.all(rows.map((f) => this.filingView(manager, f, true)));
    });
  }

  /** `lock`: for a step that changes the filing (two clerks registering at once: one wins, one 409). */
  private async courtFiling(manager: EntityManager, filingId: string, viewer: Viewer, lock = false) {
    const courts = await this.courtIdsOf(manager, viewer.userId);
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
    return this.courtRead(filingId, viewer, 'court_view_filing', null, (manager, f) => this.filingView(manager, f, true));
  }

  async courtPackage(filingId: string, viewer: Viewer, format: 'pdf' | 'json') {
    const f = await this.courtRead(filingId, viewer, `court_case_file_${format}`, null, async (_m, f) => f);
    return this.packageBody(f, format);
  }

  /** R24: a material listed in the package, for the judges and clerks of the receiving court only (404 otherwise). */
  async courtDocument(filingId: string, documentId: string, viewer: Viewer): Promise<{ body: Buffer; fileName: string; mimeType: string }> {
    const doc = await this.courtRead(filingId, viewer, 'court_download_document', documentId, async (manager, f) => {
      const found = (await this.packageDocuments(manager, f)).find((x) => x.doc?.id === documentId)?.doc;
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
      const m = await manager.getRepository(Membership).findOne({ where: { userId: viewer.userId, courtId: f.courtId ?? undefined, role: In(['clerk', 'judge']) } });
      const now = this.clock.now();
      await this.lifecycle.runIn(manager, {
        caseId: f.caseId,
        version: null,
        userId: viewer.userId,
        actor: (m?.role ?? 'clerk') as Actor,
        event: 'court_filing_registered',
        data: { filingId: f.id, courtId: f.courtId, courtName: (f.package as unknown as CasePackage).court?.name ?? null },
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (_row, em) => {
          await em.getRepository(CourtFiling).update({ id: f.id }, { status: 'registered', registeredAt: now, registeredById: viewer.userId });
        },
      });
      return this.filingView(manager, (await manager.getRepository(CourtFiling).findOneByOrFail({ id: f.id })), true);
    });
  }

  // ─── R20: extensions of the mediation period, agreed by every party ───────────────────

  async proposeExtension(caseId: string, dto: ProposeExtensionDto, viewer: Viewer): Promise<EndingView> {
    await this.db.transaction(async (manager) => {
      const { actor } = await this.actAs(manager, caseId, viewer, ['mediator']);
      const now = this.clock.now();
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        event: 'extension_proposed',
        data: { days: dto.days, reason: dto.reason },
        notify: ['applicant', 'respondent', 'agent'],
        mutate: async (row, m) => {
          if (!PERIOD_STATES.includes(row.state) || !row.mediatorAcceptedAt) {
            throw AppException.field('CONFLICT', 'state', 'wrongState', `The mediation period cannot be extended while the case is ${row.state}`);
          }
          const due = mediationDeadline(row, this.holidays.calendar(), this.clock.now());
          if (due && due < now) throw AppException.field('UNPROCESSABLE', 'days', 'R20_period_passed', 'The mediation period has already passed');
          if (await m.getRepository(MediationExtension).exists({ where: { caseId, status: 'pending' } })) {
            throw AppException.field('CONFLICT', 'days', 'pendingExtension', 'An extension is already waiting for the parties');
          }
          const ext = await m.getRepository(MediationExtension).save(m.getRepository(MediationExtension).create({ caseId, days: dto.days, reason: dto.reason, status: 'pending', proposedById: viewer.userId, proposedAt: now, decidedAt: null }));
          const parties = await m.getRepository(CaseParty).find({ where: { caseId } });
          await m.getRepository(ExtensionConsent).insert(parties.map((p) => ({ extensionId: ext.id, partyId: p.id, decision: 'pending' as const, decidedById: null, decidedAt: null })));
        },
      });
    });
    return this.view(caseId, viewer);
  }

  async answerExtension(caseId: string, extensionId: string, dto: AnswerExtensionDto, viewer: Viewer): Promise<EndingView> {
    await this.db.transaction(async (manager) => {
      const { relations, actor } = await this.actAs(manager, caseId, viewer, ['citizen', 'agent']);
      if (!relations.parties.some((p) => p.id === dto.partyId)) throw AppException.field('FORBIDDEN', 'partyId', 'notYourParty', 'You do not answer for this party');
      const ext = await manager.getRepository(MediationExtension).findOne({ where: { id: extensionId, caseId } });
      if (!ext) throw new AppException('NOT_FOUND', 'No such extension');
      const now = this.clock.now();
      let outcome: 'answered' | 'granted' | 'refused' = 'answered';
      let due: Date | null = null;
      await this.lifecycle.runIn(manager, {
        caseId,
        version: null,
        userId: viewer.userId,
        actor,
        event: 'extension_answered',
        data: { extensionId, partyId: dto.partyId, consent: dto.consent },
        mutate: async (row, m) => {
          const fresh = await m.getRepository(MediationExtension).findOneByOrFail({ id: extensionId });
          if (fresh.status !== 'pending') throw AppException.field('CONFLICT', 'consent', 'decided', 'This extension was already decided');
          const consent = await m.getRepository(ExtensionConsent).findOne({ where: { extensionId, partyId: dto.partyId } });
          if (!consent) throw AppException.field('FORBIDDEN', 'partyId', 'notAsked', 'This party was not asked');
          if (consent.decision !== 'pending') throw AppException.field('CONFLICT', 'consent', 'answered', 'This party already answered');
          await m.getRepository(ExtensionConsent).update({ id: consent.id }, { decision: dto.consent ? 'given' : 'refused', decidedById: viewer.userId, decidedAt: now });
          if (!dto.consent) {
            outcome = 'refused';
            await m.getRepository(MediationExtension).update({ id: extensionId }, { status: 'refused', decidedAt: now });
            return;
          }
          const open = await m.getRepository(ExtensionConsent).count({ where: { extensionId, decision: In(['pending', 'refused']) } });
          if (open === 0) {
            // R20: every party agreed — the period is longer, everywhere it is computed.
            outcome = 'granted';
            await m.getRepository(MediationExtension).update({ id: extensionId }, { status: 'granted', decidedAt: now });
            row.mediationExtensionDays += fresh.days;
            due = mediationDeadline(row, this.holidays.calendar(), this.clock.now());
          }
        },
      });
      if (outcome !== 'answered') {
        await this.lifecycle.runIn(manager, {
          caseId,
          version: null,
          userId: null,
          actor: 'system',
          event: outcome === 'granted' ? 'extension_granted' : 'extension_refused',
          data: { extensionId, days: ext.days, ...(due ? { dueAt: (due as Date).toISOString() } : {}) },
          notify: outcome === 'granted' ? ['applicant', 'respondent', 'agent', 'mediator'] : ['mediator', 'applicant', 'respondent', 'agent'],
        });
      }
    });
    return this.view(caseId, viewer);
  }

  // ─── R36: sham-mediation flag ─────────────────────────────────────────────────────────

  async suspend(caseId: string, dto: SuspendDto, viewer: Viewer): Promise<{ caseId: string; state: CaseState }> {
    return this.db.transaction(async (manager) => {
      const { c, actor } = await this.actAs(manager, caseId, viewer, ['mediator', 'judge']);
      const courtId = await this.courtOfCase(manager, c);
      const saved = await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version ?? null,
        userId: viewer.userId,
        actor,
        action: 'suspend',
        event: 'mediation_suspended',
        audience: 'organisation',
        context: { reasonNote: dto.note },
        data: { note: dto.note, reporterRole: actor },
        // The parties learn that mediation is suspended (not the report); the organisation's admins get the report.
        notify: ['applicant', 'respondent', 'agent', 'mediator', 'dispatcher'],
        mutate: async (row, m) => {
          // R20: suspension time does not count against the mediation period.
          row.periodPauses = withPause(row.periodPauses, 'suspension', this.clock.now(), true);
          await m.getRepository(ShamReport).insert({ caseId, note: dto.note, reporterId: viewer.userId, reporterRole: actor === 'judge' ? 'judge' : 'mediator', fromState: row.state, createdAt: this.clock.now(), resolvedAt: null, resolvedById: null, resolutionNote: null });
        },
      });
      // R36: reported to the court too.
      const recipients = (await this.courtRecipients(manager, courtId)).filter((r) => r.userId !== viewer.userId);
      if (recipients.length) {
        await this.notifier.queue(manager, { caseId, eventId: null, dedupBase: `sham:${caseId}:${this.clock.now().getTime()}`, template: 'mediation_suspended', params: { caseNumber: c.number }, recipients });
      }
      return { caseId, state: saved.state };
    });
  }

  async suspendByNumber(caseNumber: string, note: string, viewer: Viewer) {
    const c = await this.db.getRepository(MediationCase).findOne({ where: { number: caseNumber } });
    if (!c) throw AppException.field('NOT_FOUND', 'caseNumber', 'exists', 'No such case');
    return this.suspend(c.id, { note }, viewer);
  }

  async resume(caseId: string, dto: ResumeDto, viewer: Viewer): Promise<{ caseId: string; state: CaseState }> {
    return this.db.transaction(async (manager) => {
      const { actor } = await this.actAs(manager, caseId, viewer, ['mediator', 'org_admin', 'judge']);
      const report = await manager.getRepository(ShamReport).findOne({ where: { caseId, resolvedAt: IsNull() }, order: { createdAt: 'DESC' } });
      const saved = await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version ?? null,
        userId: viewer.userId,
        actor,
        action: 'resume',
        event: 'mediation_resumed',
        context: { suspendedFrom: report?.fromState },
        data: { note: dto.note ?? null },
        notify: ['applicant', 'respondent', 'agent', 'mediator', 'dispatcher'],
        mutate: async (row, m) => {
          row.periodPauses = withPause(row.periodPauses, 'suspension', this.clock.now(), false);
          if (report) await m.getRepository(ShamReport).update({ id: report.id }, { resolvedAt: this.clock.now(), resolvedById: viewer.userId, resolutionNote: dto.note ?? null });
        },
      });
      return { caseId, state: saved.state };
    });
  }

  // ─── R20: expert appraisal time is excluded from the mediation period ─────────────────

  /** The case's mediator records that an expert appraisal started (`start`) or ended; the deadline moves by its time. */
  async appraisal(caseId: string, dto: AppraisalDto, viewer: Viewer): Promise<EndingView> {
    await this.db.transaction(async (manager) => {
      const { c, actor } = await this.actAs(manager, caseId, viewer, ['mediator']);
      if (c.state !== 'MEDIATING') throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
      const running = (c.periodPauses ?? []).some((p) => p.kind === 'appraisal' && !p.to);
      if (dto.start === running) {
        throw AppException.field('CONFLICT', 'start', running ? 'R20_appraisal_running' : 'R20_no_appraisal', running ? 'An appraisal is already running' : 'No appraisal is running');
      }
      const now = this.clock.now();
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        event: dto.start ? 'appraisal_started' : 'appraisal_ended',
        data: { note: dto.note ?? null },
        mutate: async (row) => {
          row.periodPauses = withPause(row.periodPauses, 'appraisal', now, dto.start);
        },
      });
    });
    return this.view(caseId, viewer);
  }
}
