import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseDetail, TimelineEvent } from '@tiaojie/contracts';
import { chinaYearOf, deadlineFrom, maskIdNumber, mayListDocument, routeCase, timelineEventFor, validateIdNumber, type Actor } from '@tiaojie/domain';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AppException, notFound } from '../common/app-exception';
import { Clock } from '../common/clock';
import { encrypt } from '../common/crypto';
import { AppConfig } from '../config/app-config';
import { CaseDocument } from '../documents/case-document.entity';
import { Organisation } from '../organisations/organisation.entity';
import { applicationProblems } from './application-check';
import { audienceOf, isCaseStaff, readerOf, recordCaseAccess, viewerRoleOf, type CaseAccessEntry, type CaseRelations } from './case-access';
import { CaseAssignment } from './case-assignment.entity';
import { CaseEvent } from './case-event.entity';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { assignmentView, documentView, eventView, openDeadlines, partyView, summaryView } from './case-views';
import { MediationCase } from './case.entity';
import { mediatorChangeFields } from './mediator-change-views';
import { CreateCaseDto, PartyInputDto, SubmitCaseDto, UpdateCaseDto } from './dto/case.dto';
import { routableOrganisations } from '../organisations/routing';
import { courtAndArchiveOf } from './court-case-view';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { FilingConfirmationService } from './filing-confirmation.service';
import { shownNoticeVersion } from './notice';
import { offeredActions } from './case-offers';
import { NextActionsService } from './next-actions.service';
import type { Viewer } from './viewer.decorator';
import { partyNotices } from './party-notices';

export type { Viewer } from './viewer.decorator';

/**
 * Filing (drafts, submission) and reading one case (its page, its timeline); the lists are
 * CaseListService. Reads are authorised from the database on every request and recorded in the
 * case access log (R19).
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly config: AppConfig,
    private readonly lifecycle: CaseLifecycleService,
    private readonly next: NextActionsService,
    private readonly confirmations: FilingConfirmationService,
  ) {}

  // ─── Access ───────────────────────────────────────────────────────────────────────────

  /**
   * Runs `work` on a case the viewer may read, in one transaction, or answers 404 (no hint
   * that the case exists). The access — allowed or refused — is recorded in the case access
   * log after the transaction, so a refusal is logged even though the work rolled back (R19).
   */
  async withAccess<T>(
    caseId: string,
    viewer: Viewer,
    action: string,
    targetId: string | null,
    work: (manager: EntityManager, c: MediationCase, relations: CaseRelations, access: { deny: () => never }) => Promise<T>,
  ): Promise<T> {
    let found = false;
    let allowed = false;
    try {
      return await this.db.transaction(async (manager) => {
        const c = await manager.getRepository(MediationCase).findOne({ where: { id: caseId } });
        if (!c) throw notFound();
        found = true;
        const relations = await readerOf(manager, viewer.userId, c);
        allowed = true;
        const deny = (): never => {
          allowed = false;
          throw notFound();
        };
        return await work(manager, c, relations, { deny });
      });
    } finally {
      if (found) {
        await recordCaseAccess(this.db.manager, { caseId, userId: viewer.userId, action, targetId, allowed, ip: viewer.ip });
      }
    }
  }

  /**
   * R19: records one access to a case file made outside `withAccess` (the court portal's reads
   * of an application or a filing). Written on its own, after the reading transaction.
   */
  async logAccess(entry: CaseAccessEntry): Promise<void> {
    await recordCaseAccess(this.db.manager, entry);
  }

  // ─── Drafts ───────────────────────────────────────────────────────────────────────────

  async create(dto: CreateCaseDto, viewer: Viewer): Promise<CaseDetail> {
    const roles = viewer.user.roles;
    const filingForOther = roles.includes('intake') || roles.includes('agent');
    if (!roles.some((r) => r === 'citizen' || r === 'intake' || r === 'agent')) {
      throw new AppException('FORBIDDEN', 'Your role may not file a case');
    }
    const id = await this.db.transaction(async (manager) => {
      const channel = roles.includes('intake') ? (viewer.user.intakeChannel ?? 'court') : roles.includes('agent') && !roles.includes('citizen') ? 'agent' : 'self';
      const c = await manager.getRepository(MediationCase).save(
        manager.getRepository(MediationCase).create({
          state: 'DRAFT',
          disputeType: dto.disputeType,
          facts: dto.facts ?? '',
          claimAmount: dto.claims?.amount ?? null,
          otherRequests: dto.claims?.otherRequests ?? null,
          region: dto.region ?? null,
          chosenOrganisationId: await this.checkOrganisation(manager, dto.organisationId),
          preferredMediatorId: dto.preferredMediatorId ?? null,
          evaluation: dto.evaluation ?? null,
          channel: channel === 'self' && filingForOther ? 'agent' : channel,
          filedById: viewer.userId,
        }),
      );
      // A citizen filing for themselves is the applicant; staff and agents name the applicant.
      const applicant = dto.applicant ?? (channel === 'self' ? { name: viewer.user.realName ?? viewer.user.name, mobile: viewer.user.mobile } : undefined);
      if (applicant) await this.saveParty(manager, c, 'applicant', applicant, 0, channel === 'self' ? viewer.user : null);
      await this.replaceRespondents(manager, c, dto.respondents ?? []);
      await this.lifecycle.appendEvent(manager, c, {
        type: 'draft_created',
        fromState: null,
        toState: 'DRAFT',
        actorId: viewer.userId,
        actorRole: channel === 'self' ? 'citizen' : roles.includes('intake') ? 'intake' : 'agent',
        audience: 'case',
        data: { channel },
      });
      return c.id;
    });
    return this.detail(id, viewer);
  }

  async update(caseId: string, dto: UpdateCaseDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const c = await manager.getRepository(MediationCase).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: caseId }).getOne();
      if (!c || c.filedById !== viewer.userId) throw new AppException('NOT_FOUND', 'No such case');
      if (c.version !== dto.version) throw AppException.field('STALE_VERSION', 'version', 'stale', 'The draft changed since you loaded it');
      if (c.state !== 'DRAFT' && c.state !== 'RETURNED') throw AppException.field('CONFLICT', 'state', 'wrongState', 'Only a draft or a returned application can be edited');
      if (dto.disputeType !== undefined) c.disputeType = dto.disputeType;
      if (dto.facts !== undefined) c.facts = dto.facts;
      if (dto.claims !== undefined) {
        c.claimAmount = dto.claims.amount ?? null;
        c.otherRequests = dto.claims.otherRequests ?? null;
      }
      if (dto.region !== undefined) c.region = dto.region;
      if (dto.organisationId !== undefined) c.chosenOrganisationId = await this.checkOrganisation(manager, dto.organisationId);
      if (dto.preferredMediatorId !== undefined) c.preferredMediatorId = dto.preferredMediatorId;
      if (dto.evaluation !== undefined) c.evaluation = dto.evaluation;
      await manager.getRepository(MediationCase).save(c);
      if (dto.applicant) {
        const existing = await manager.getRepository(CaseParty).findOne({ where: { caseId, side: 'applicant' } });
        await this.saveParty(manager, c, 'applicant', dto.applicant, 0, null, existing ?? undefined);
      }
      if (dto.respondents) await this.replaceRespondents(manager, c, dto.respondents);
    });
    return this.detail(caseId, viewer);
  }

  private async checkOrganisation(manager: EntityManager, id: string | undefined) {
    if (!id) return null;
    if (!(await manager.getRepository(Organisation).exists({ where: { id } }))) {
      throw AppException.field('VALIDATION_FAILED', 'organisationId', 'exists', 'No such organisation');
    }
    return id;
  }

  async saveParty(
    manager: EntityManager,
    c: MediationCase,
    side: 'applicant' | 'respondent',
    input: PartyInputDto | { name: string; mobile: string },
    position: number,
    account: User | null,
    existing?: CaseParty,
  ) {
    const p = existing ?? manager.getRepository(CaseParty).create({ caseId: c.id, side, position, consent: 'pending', userId: account?.id ?? null });
    const full = input as PartyInputDto;
    p.kind = full.kind ?? 'person';
    p.name = input.name;
    p.mobile = input.mobile;
    p.address = full.address ?? null;
    p.email = full.email ?? null;
    p.locale = full.locale ?? null; // issue #11: the language of its notices until it has an account
    if (full.idNumber) {
      const check = validateIdNumber(full.idNumber, this.clock.now());
      if (!check.valid) {
        throw AppException.field('VALIDATION_FAILED', `${side === 'applicant' ? 'applicant' : `respondents.${position}`}.idNumber`, 'isIdNumber', `Not a valid resident ID number (${check.reason})`);
      }
      p.idNumberEnc = encrypt(this.config.idKey, check.normalised);
      p.idNumberMasked = maskIdNumber(check.normalised);
    } else if (account?.idNumberMasked && !existing) {
      // The applicant's own real-name record.
      p.idNumberEnc = account.idNumberEnc;
      p.idNumberMasked = account.idNumberMasked;
    }
    return manager.getRepository(CaseParty).save(p);
  }

  private async replaceRespondents(manager: EntityManager, c: MediationCase, respondents: PartyInputDto[]) {
    await manager.getRepository(CaseParty).delete({ caseId: c.id, side: 'respondent' });
    for (const [i, r] of respondents.entries()) await this.saveParty(manager, c, 'respondent', r, i + 1, null);
  }

  // ─── Submission ───────────────────────────────────────────────────────────────────────

  /**
   * One transaction: completeness (R03), the applicant's consent and notice (R01, R02), a case
   * number, routing to an organisation, the timeline event, and the notices it causes.
   */
  async submit(caseId: string, dto: SubmitCaseDto, viewer: Viewer): Promise<CaseDetail> {
    const noticeVersion = shownNoticeVersion(dto.noticeVersion);
    const staffFiled = await this.db.transaction(async (manager) => {
      const c = await manager.getRepository(MediationCase).findOne({ where: { id: caseId } });
      if (!c || c.filedById !== viewer.userId) throw new AppException('NOT_FOUND', 'No such case');
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId } });
      const documents = await manager.getRepository(CaseDocument).find({ where: { caseId } });
      const problems = applicationProblems(c, parties, documents);
      if (problems.length) throw new AppException('UNPROCESSABLE', 'The application is incomplete', problems);
      const actor: Actor = viewer.user.roles.includes('intake') && c.channel !== 'self' ? 'intake' : c.channel === 'agent' ? 'agent' : 'citizen';
      // Issue #11: only an organisation that can take the case now (an active dispatcher and an
      // active mediator for the type); the chosen one if it can, else the nearest that can.
      const organisations = await routableOrganisations(manager, await manager.getRepository(Organisation).find());
      const organisation = routeCase({ disputeType: c.disputeType, region: c.region, chosenOrganisationId: c.chosenOrganisationId }, organisations);
      if (!organisation) {
        throw AppException.field('UNPROCESSABLE', 'region', 'noOrganisation', 'No mediation organisation on the platform can take this dispute type in this region now');
      }
      const now = this.clock.now();
      // R02: staff cannot consent or acknowledge the notice for the citizen: the applicant's stay
      // pending until the citizen confirms with the SMS code (FilingConfirmationService).
      const staffFiled = actor === 'intake' && FilingConfirmationService.isStaffFiled(c);
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        action: 'submit',
        event: 'case_submitted',
        notify: ['applicant', 'dispatcher', 'filer'],
        notifyActor: true,
        mutate: async (row, m) => {
          row.number ??= await this.nextNumber(m, now);
          row.organisationId = organisation.id;
          row.submittedAt = now;
          row.returnReason = null;
          if (!staffFiled) {
            await m.getRepository(CaseParty).update({ caseId, side: 'applicant' }, { consent: 'given', consentAt: now, noticeSeenAt: now, noticeVersion, consentChannel: 'platform' });
          }
        },
        data: {
          organisationId: organisation.id,
          organisationName: organisation.name,
          routed: c.chosenOrganisationId !== organisation.id,
          ...(staffFiled ? { applicantConfirmation: 'pending' } : {}),
        },
      });
      return staffFiled;
    });
    if (staffFiled) await this.confirmations.sendAfterSubmission(caseId);
    return this.detail(caseId, viewer);
  }

  async nextNumber(manager: EntityManager, now: Date) {
    // Year in China time (UTC+8): a case filed at 01:00 on 1 January belongs to the new year.
    const year = chinaYearOf(now);
    const [{ last }] = await manager.query(
      `INSERT INTO case_number_counter (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = case_number_counter.last + 1 RETURNING last`,
      [year],
    );
    return `TJ-${year}-${String(last).padStart(6, '0')}`;
  }

  // ─── Reading ──────────────────────────────────────────────────────────────────────────

  async detail(caseId: string, viewer: Viewer): Promise<CaseDetail> {
    return this.withAccess(caseId, viewer, 'view_case', null, (manager, c, relations) => this.buildDetail(manager, c, relations, viewer));
  }

  private async buildDetail(manager: EntityManager, c: MediationCase, relations: CaseRelations, viewer: Viewer): Promise<CaseDetail> {
    const now = this.clock.now();
    const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
    const assignments = await manager.getRepository(CaseAssignment).find({ where: { caseId: c.id }, order: { assignedAt: 'ASC' } });
    const mediators = assignments.length ? await manager.getRepository(User).find({ where: { id: In(assignments.map((a) => a.mediatorId)) } }) : [];
    const organisation = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
    const staff = isCaseStaff(relations);
    const audience = audienceOf(relations);
    // A respondent who has not consented yet sees a summary only — never the applicant's documents.
    const limitedView = audience.limited;
    // Attachments inside a conversation channel are listed only in that channel; the rest by
    // the one document rule (R15).
    const allDocs = await manager.getRepository(CaseDocument).find({ where: { caseId: c.id, channelId: IsNull() }, order: { createdAt: 'ASC' } });
    const documents = allDocs.filter((d) => mayListDocument(audience, d));
    const ctx = await this.lifecycle.contextOf(manager, c);
    const actions = offeredActions(c, relations, { userId: viewer.userId, intake: viewer.user.roles.includes('intake') }, ctx);
    // R10, R11: the parties' answers to a disclosed conflict, the requests to change mediator this viewer may see.
    const changes = await mediatorChangeFields(manager, c, audience, parties, assignments, mediators, now, this.holidays.calendar());
    const deadlines = [...openDeadlines(c, parties, assignments, now, this.holidays.calendar()), ...changes.deadlines].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    const slaDue = c.submittedAt ? deadlineFrom('sameDayContact', c.submittedAt, this.holidays.calendar()) : null;
    return {
      ...summaryView(c, parties, assignments, mediators, organisation, deadlines),
      viewerRole: viewerRoleOf(relations, viewer.userId),
      facts: c.facts,
      claims: { amount: c.claimAmount, otherRequests: c.otherRequests },
      region: c.region,
      parties: parties.map((p) => partyView(p, { full: staff || relations.isFiler || p.userId === viewer.userId || p.agentUserId === viewer.userId, viewerUserId: viewer.userId })),
      assignments: assignments.map((a) =>
        assignmentView(
          a,
          mediators.find((m) => m.id === a.mediatorId),
          staff,
        ),
      ),
      preferredMediatorId: c.preferredMediatorId,
      evaluation: limitedView ? null : c.evaluation,
      deadlines,
      actions,
      returnReason: c.returnReason,
      terminationReason: c.terminationReason,
      reasonNote: c.reasonNote,
      firstContactAt: c.firstContactAt?.toISOString() ?? null,
      contactSla: slaDue ? { dueAt: slaDue.toISOString(), metAt: c.firstContactAt?.toISOString() ?? null, met: c.firstContactAt ? c.firstContactAt <= slaDue : now > slaDue ? false : null } : null,
      documents: documents.map(documentView),
      limitedView,
      conflictCheck: changes.conflictCheck,
      mediatorChangeRequests: changes.mediatorChangeRequests,
      pendingMediatorChanges: changes.pendingMediatorChanges,
      nextActions: await this.next.forCase(manager, c, relations, viewer.userId, { actions, deadlines, pendingMediatorChanges: changes.pendingMediatorChanges }),
      ...(await courtAndArchiveOf(manager, c, staff)), // R21, R27
      // Issue #11: which important notices each party has read — the case's staff only (R19).
      partyNotices: staff ? await partyNotices(manager, c.id, parties) : null,
    };
  }

  async timeline(caseId: string, viewer: Viewer): Promise<TimelineEvent[]> {
    return this.withAccess(caseId, viewer, 'view_timeline', null, async (manager, _c, relations) => {
      // R15: each event as this viewer may see it (organisation-internal events, contact notes
      // and other sides' documents are left out by the domain's one rule).
      const audience = audienceOf(relations);
      const all = await manager.getRepository(CaseEvent).find({ where: { caseId }, order: { seq: 'ASC' } });
      const events = all.map((e) => timelineEventFor(audience, e)).filter((e): e is CaseEvent => e !== null);
      const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
      const actors = actorIds.length ? await manager.getRepository(User).find({ where: { id: In(actorIds) } }) : [];
      return events.map((e) => eventView(e, actors.find((a) => a.id === e.actorId)?.name ?? null));
    });
  }
}
