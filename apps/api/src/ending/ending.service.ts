import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROUTES_AFTER_FAILURE, type EndingAction, type EndingView, type EscalationRouteCode, type ExtensionView, type FailureReportView } from '@tiaojie/contracts';
import { inStates, MEDIATION_PERIOD_STATES, TRANSITIONS } from '@tiaojie/domain';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { actorsOf, audienceOf, isCaseStaff, type CaseRelations } from '../cases/case-access';
import { CaseAssignment } from '../cases/case-assignment.entity';
import { CaseEvent } from '../cases/case-event.entity';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CasesService, type Viewer } from '../cases/cases.service';
import { mediationDeadline } from '../cases/mediation-period';
import { CaseDocument } from '../documents/case-document.entity';
import { MediationService, type ExportableMessage } from '../mediation/mediation.service';
import { Notifier } from '../cases/notifier';
import { Court } from '../organisations/court.entity';
import { Organisation } from '../organisations/organisation.entity';
import { failureReportPdf, type CasePackage } from './ending-pdf';
import { CourtFiling } from '../cases/court-filing.entity';
import { ExtensionConsent, FailureReport, MediationExtension, ShamReport } from './ending.entities';
import type { EscalateDto, TerminateWithReportDto } from './ending.dto';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { serviceProofs } from '../cases/electronic-service.controller';
import { actAs, courtOfCase, courtRecipients } from './ending-access';
import { filingView, packageBody } from './ending-views';

const ROUTES = [...ROUTES_AFTER_FAILURE];

/**
 * The end of a mediation (R22–R24): termination with a coded reason and a failure report,
 * escalation with the case file, and the case's ending view. The mediation period and its
 * interruptions are MediationPeriodService; the court's filing queue CourtFilingsService.
 * Every state change goes through CaseLifecycleService in one transaction with the rows it
 * writes; who may act is derived from the database on every request (`ending-access.ts`).
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
  ) {}

  // ─── Reading ──────────────────────────────────────────────────────────────────────────

  async view(caseId: string, viewer: Viewer): Promise<EndingView> {
    return this.cases.withAccess(caseId, viewer, 'view_ending', null, async (manager, c, relations) => {
      const actors = actorsOf(relations, viewer.userId, false);
      const staff = isCaseStaff(relations);
      const report = await manager.getRepository(FailureReport).findOne({ where: { caseId } });
      const filing = await manager.getRepository(CourtFiling).findOne({ where: { caseId } });
      const extensions = await manager.getRepository(MediationExtension).find({ where: { caseId }, order: { proposedAt: 'ASC' } });
      const sham = staff ? await manager.getRepository(ShamReport).findOne({ where: { caseId, resolvedAt: IsNull() }, order: { createdAt: 'DESC' } }) : null;
      const may = (action: 'terminate' | 'escalate' | 'suspend' | 'resume') => TRANSITIONS[action].from.includes(c.state) && actors.some((a) => TRANSITIONS[action].actors.includes(a));
      const actions: EndingAction[] = [];
      if (may('terminate') && actors.some((a) => a === 'mediator' || a === 'org_admin')) actions.push('terminate');
      if (may('escalate') && !filing) actions.push('escalate');
      if (relations.isActiveMediator && inStates(MEDIATION_PERIOD_STATES, c.state) && c.mediatorAcceptedAt && !extensions.some((e) => e.status === 'pending')) actions.push('propose_extension');
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
        filing: filing ? await filingView(manager, filing, false, audienceOf(relations)) : null,
        extensions: await this.extensionViews(manager, extensions, relations),
        shamReport: sham
          ? {
              id: sham.id,
              note: sham.note,
              reporterName: await this.nameOf(manager, sham.reporterId),
              reporterRole: sham.reporterRole,
              fromState: sham.fromState,
              createdAt: sham.createdAt.toISOString(),
              resolvedAt: null,
            }
          : null,
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
      const { actor } = await actAs(manager, caseId, viewer, ['mediator', 'org_admin']);
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
      const { c, actor } = await actAs(manager, caseId, viewer, ['citizen', 'agent', 'mediator', 'org_admin']);
      if (await manager.getRepository(CourtFiling).exists({ where: { caseId } })) {
        throw AppException.field('CONFLICT', 'route', 'alreadyEscalated', 'The case was already sent on');
      }
      // R24: a court-delegated case goes back to its court; a direct one to the competent court.
      const courtId = dto.route === 'arbitration' ? null : await courtOfCase(manager, c);
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
          await m
            .getRepository(CourtFiling)
            .insert({ id: filingId, caseId, route: dto.route, courtId, status: 'submitted', package: pkg as never, createdById: viewer.userId, createdAt: this.clock.now() });
        },
      });
      const recipients = await courtRecipients(manager, this.notifier, courtId);
      if (recipients.length) {
        await this.notifier.queue(manager, {
          caseId,
          eventId: null,
          dedupBase: `filing:${filingId}`,
          template: 'court_filing_received',
          params: { caseNumber: c.number, route: dto.route },
          recipients,
        });
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
        ? {
            reasonCode: report.reasonCode,
            reasonNote: report.reasonNote,
            situation: report.situation,
            costConduct: report.costConduct,
            author: await this.nameOf(manager, report.authorId),
            createdAt: report.createdAt.toISOString(),
          }
        : null,
      timeline: events.map((e) => ({ at: e.createdAt.toISOString(), type: e.type, fromState: e.fromState, toState: e.toState })),
      documents: documents.map((d) => ({
        id: d.id,
        fileName: d.fileName,
        kind: d.kind,
        uploadedBySide: d.uploadedBySide,
        visibility: d.visibility,
        sizeBytes: d.sizeBytes,
        sha256: d.sha256,
        uploadedAt: d.createdAt.toISOString(),
      })),
      conversation: messages.map((m) => ({ at: m.createdAt, channel: m.channelKind, senderRole: m.senderRole, senderName: m.senderName, body: m.body })),
      serviceProofs: await serviceProofs(manager, c), // R40
    };
  }

  /** The package for the case's own people (parties take it to arbitration; staff keep it). */
  async casePackage(caseId: string, viewer: Viewer, format: 'pdf' | 'json'): Promise<{ body: Buffer; fileName: string }> {
    return this.cases.withAccess(caseId, viewer, `download_case_file_${format}`, null, async (manager, _c, relations, access) => {
      const f = await manager.getRepository(CourtFiling).findOne({ where: { caseId } });
      if (!f || (!relations.parties.length && !isCaseStaff(relations) && !relations.isFiler)) return access.deny();
      return packageBody(f, format, audienceOf(relations));
    });
  }
}
