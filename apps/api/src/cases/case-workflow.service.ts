import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROUTES_AFTER_FAILURE, type CaseDetail, type MediatorProfileView } from '@tiaojie/contracts';
import { ASSIGNMENT_STATES, deadlineFrom, inStates } from '@tiaojie/domain';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { MediatorProfile } from '../organisations/mediator-profile.entity';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { caseActorFor } from './case-access';
import { CaseAssignment, pendingAssignment } from './case-assignment.entity';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { CasesService } from './cases.service';
import type { Viewer } from './viewer.decorator';
import { AcceptAssignmentDto, AssignMediatorDto, CaseActionDto, ConsentDto, DeclineAssignmentDto, ReturnCaseDto, VersionDto } from './dto/case.dto';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { shownNoticeVersion } from './notice';
import { MediatorChangeService } from './mediator-change.service';
import { InvitationsService } from './invitations.service';
import { isOrgMediator } from './mediator-choice.service';

/** What a failed mediation's parties are told they can do next (R22). */

/**
 * The steps after filing: the organisation accepts or returns (R04), assigns a mediator
 * (R07–R09; the parties' joint choice is MediatorChoiceService), the mediator accepts, declines
 * or discloses a conflict (R09, R10), contacts the parties (R12, same-day SLA), the respondent
 * is invited (InvitationsService) and consents or declines (R01, R02, R12), mediation starts or
 * ends (R22). Each step goes through CaseLifecycleService.
 */
@Injectable()
export class CaseWorkflowService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly cases: CasesService,
    private readonly mediatorChange: MediatorChangeService,
    private readonly invitations: InvitationsService,
  ) {}

  // ─── Organisation: accept or return ───────────────────────────────────────────────────

  async acceptApplication(caseId: string, dto: CaseActionDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { actor } = await caseActorFor(manager, caseId, viewer, ['org_admin']);
      const now = this.clock.now();
      const invitations: Array<{ party: CaseParty; token: string }> = [];
      const c = await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        action: 'accept_application',
        event: 'application_accepted',
        notify: ['applicant', 'filer'],
        mutate: async (row, m) => {
          row.acceptedAt = now;
          for (const party of await m.getRepository(CaseParty).find({ where: { caseId, side: 'respondent' } })) {
            invitations.push({ party, token: await this.invitations.issueToken(m, party, now) });
          }
          // R07: a mediator the applicant chose from the roster is assigned (pending acceptance).
          if (row.preferredMediatorId && row.organisationId && (await isOrgMediator(m, row.organisationId, row.preferredMediatorId))) {
            await m.getRepository(CaseAssignment).save(
              pendingAssignment({
                caseId,
                mediatorId: row.preferredMediatorId,
                role: 'presiding',
                assignedById: null,
                assignedAt: now,
                respondBy: deadlineFrom('mediatorAccept', now, this.holidays.calendar()),
              }),
            );
          }
        },
      });
      await this.invitations.queueInvitations(manager, c, invitations);
    });
    return this.cases.detail(caseId, viewer);
  }

  async returnApplication(caseId: string, dto: ReturnCaseDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { actor } = await caseActorFor(manager, caseId, viewer, ['org_admin']);
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        action: 'return',
        event: 'application_returned',
        context: { reasonCode: dto.reasonCode, reasonNote: dto.reasonNote },
        data: { reasonCode: dto.reasonCode, reasonNote: dto.reasonNote ?? null },
        notify: ['applicant', 'filer'],
        mutate: (row) => {
          row.returnReason = dto.reasonCode;
          row.reasonNote = dto.reasonNote ?? null;
        },
      });
    });
    return this.cases.detail(caseId, viewer);
  }

  // ─── Assignment ───────────────────────────────────────────────────────────────────────

  async assign(caseId: string, dto: AssignMediatorDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { c, actor } = await caseActorFor(manager, caseId, viewer, ['org_admin']);
      if (!inStates(ASSIGNMENT_STATES, c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', 'Accept the application before assigning a mediator');
      if (!c.organisationId || !(await isOrgMediator(manager, c.organisationId, dto.mediatorId))) {
        throw AppException.field('VALIDATION_FAILED', 'mediatorId', 'orgMediator', 'Not a mediator of this organisation');
      }
      const active = await manager.getRepository(CaseAssignment).find({ where: { caseId, status: In(['pending', 'accepted']) } });
      if (active.some((a) => a.mediatorId === dto.mediatorId)) throw AppException.field('CONFLICT', 'mediatorId', 'alreadyAssigned', 'Already assigned to this case');
      const role = dto.role ?? (active.some((a) => a.role === 'presiding') ? 'member' : 'presiding');
      // R08: one presiding mediator.
      if (role === 'presiding' && active.some((a) => a.role === 'presiding')) throw AppException.field('CONFLICT', 'role', 'onePresiding', 'The case already has a presiding mediator');
      const now = this.clock.now();
      const mediator = await manager.getRepository(User).findOneByOrFail({ id: dto.mediatorId });
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        event: 'mediator_assigned',
        data: { mediatorId: dto.mediatorId, mediatorName: mediator.name, role },
        notify: ['mediator', 'applicant', 'respondent'],
        mutate: (_, m) =>
          m
            .getRepository(CaseAssignment)
            .save(
              pendingAssignment({ caseId, mediatorId: dto.mediatorId, role, assignedById: viewer.userId, assignedAt: now, respondBy: deadlineFrom('mediatorAccept', now, this.holidays.calendar()) }),
            )
            .then(() => undefined),
      });
    });
    return this.cases.detail(caseId, viewer);
  }

  /** R11: the dispatcher removes a mediator (a party asked to change, or recusal); access ends at once (MediatorChangeService). */
  removeAssignment(caseId: string, assignmentId: string, dto: CaseActionDto, viewer: Viewer): Promise<CaseDetail> {
    return this.mediatorChange.removeAssignment(caseId, assignmentId, dto, viewer);
  }

  /** Mediators the system proposes: same organisation, handles the dispute type, least loaded. */
  async proposals(caseId: string, viewer: Viewer): Promise<MediatorProfileView[]> {
    return this.db.transaction(async (manager) => {
      const { c } = await caseActorFor(manager, caseId, viewer, ['org_admin']);
      if (!c.organisationId) return [];
      const members = await manager.getRepository(Membership).find({ where: { organisationId: c.organisationId, role: 'mediator', status: 'active' } });
      const excluded = await manager.getRepository(CaseAssignment).find({ where: { caseId, status: Not('removed') } });
      const ids = members.map((m) => m.userId).filter((id) => !excluded.some((a) => a.mediatorId === id));
      if (!ids.length) return [];
      const users = await manager.getRepository(User).find({ where: { id: In(ids), disabledAt: IsNull() } });
      const profiles = await manager.getRepository(MediatorProfile).find({ where: { userId: In(ids) } });
      const loads: Array<{ mediator_id: string; n: number | string }> = await manager.query(
        `SELECT a.mediator_id, count(*) AS n FROM case_assignment a JOIN mediation_case c ON c.id = a.case_id
         WHERE a.mediator_id = ANY($1) AND a.status IN ('pending','accepted') AND c.state IN ('ACCEPTED','MEDIATING','SUSPENDED') GROUP BY a.mediator_id`,
        [ids],
      );
      const org = await manager.getRepository(Organisation).findOneByOrFail({ id: c.organisationId });
      return users
        .filter((u) => !u.disabledAt)
        .map((u) => {
          const p = profiles.find((x) => x.userId === u.id);
          const load = Number(loads.find((l) => l.mediator_id === u.id)?.n ?? 0);
          return {
            view: {
              id: u.id,
              name: u.name,
              organisations: [{ id: org.id, name: org.name, nameEn: org.nameEn ?? null, type: org.type }],
              disputeTypes: p?.disputeTypes ?? [],
              expertise: p?.expertise ?? [],
              bio: p?.bio ?? '',
              nameEn: p?.nameEn ?? null,
              bioEn: p?.bioEn ?? null,
              expertiseEn: p?.expertiseEn ?? null,
              yearsOfPractice: p?.yearsOfPractice ?? 0,
              chargesFees: p?.chargesFees ?? false,
              courtName: null,
              activeCases: load,
            } satisfies MediatorProfileView,
            handles: p?.disputeTypes.includes(c.disputeType) ? 1 : 0,
            spare: (p?.capacity ?? 30) - load,
          };
        })
        .filter((x) => x.spare > 0)
        .sort((a, b) => b.handles - a.handles || (a.view.activeCases ?? 0) - (b.view.activeCases ?? 0) || a.view.name.localeCompare(b.view.name))
        .map((x) => x.view);
    });
  }

  async acceptAssignment(caseId: string, dto: AcceptAssignmentDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const assignment = await this.pendingAssignment(manager, caseId, viewer);
      const now = this.clock.now();
      const c = await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor: 'mediator',
        event: 'assignment_accepted',
        data: { mediatorName: viewer.user.name, conflictDisclosed: !!dto.conflictDisclosure, conflictDisclosure: dto.conflictDisclosure ?? null },
        notify: ['applicant', 'respondent', 'dispatcher'],
        mutate: async (row, m) => {
          await m.getRepository(CaseAssignment).update({ id: assignment.id }, { status: 'accepted', respondedAt: now, conflictDisclosure: dto.conflictDisclosure ?? null });
          // R20: the mediation period runs from the (first) mediator's acceptance.
          row.mediatorAcceptedAt ??= now;
        },
      });
      // R10: each party is told of a disclosed conflict and asked to consent or ask for recusal.
      if (dto.conflictDisclosure) await this.mediatorChange.conflictDisclosed(manager, c, assignment.id, viewer.user.name);
    });
    return this.cases.detail(caseId, viewer);
  }

  async declineAssignment(caseId: string, dto: DeclineAssignmentDto, viewer: Viewer): Promise<{ declined: true }> {
    await this.db.transaction(async (manager) => {
      const assignment = await this.pendingAssignment(manager, caseId, viewer);
      if (dto.reasonCode === 'other' && !dto.reasonNote) throw AppException.field('VALIDATION_FAILED', 'reasonNote', 'isNotEmpty', 'Explain the reason');
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor: 'mediator',
        event: 'assignment_declined',
        audience: 'organisation',
        data: { mediatorName: viewer.user.name, reasonCode: dto.reasonCode, reasonNote: dto.reasonNote ?? null },
        notify: ['dispatcher'],
        mutate: (_, m) =>
          m
            .getRepository(CaseAssignment)
            .update({ id: assignment.id }, { status: 'declined', respondedAt: this.clock.now(), declineReason: dto.reasonCode, declineNote: dto.reasonNote ?? null })
            .then(() => undefined),
      });
    });
    // Having declined, the mediator may no longer see the case.
    return { declined: true };
  }

  private async pendingAssignment(manager: EntityManager, caseId: string, viewer: Viewer) {
    const a = await manager.getRepository(CaseAssignment).findOne({ where: { caseId, mediatorId: viewer.userId, status: 'pending' } });
    if (!a) {
      const any = await manager.getRepository(CaseAssignment).exists({ where: { caseId, mediatorId: viewer.userId } });
      throw any ? AppException.field('CONFLICT', 'assignment', 'notPending', 'This assignment is no longer open') : new AppException('NOT_FOUND', 'No such case');
    }
    // Issue #13 (R39): a suspended mediator, or one who left the organisation, takes no new case.
    const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: caseId });
    if (!c.organisationId || !(await isOrgMediator(manager, c.organisationId, viewer.userId))) {
      throw AppException.field('CONFLICT', 'assignment', 'R39_not_active', 'You are suspended or no longer on this organisation’s roster: you cannot take new cases');
    }
    return a;
  }

  // ─── Consent ─────────────────────────────────────────────────────────────────────────

  // Recording a contact (R12, with the respondent's answer) is ConsentGatesService.recordContact;
  // the invitation itself is InvitationsService.

  /** R01, R02, R12: a party consents (after seeing the notice) or refuses, which ends the case. */
  async consent(caseId: string, dto: ConsentDto, viewer: Viewer): Promise<CaseDetail> {
    if (dto.consent === 'given' && !dto.noticeSeen) {
      throw AppException.field('VALIDATION_FAILED', 'noticeSeen', 'equals', 'Read the notice of rights, duties and legal effect first');
    }
    const noticeVersion = dto.noticeSeen ? shownNoticeVersion(dto.noticeVersion) : null;
    await this.db.transaction(async (manager) => {
      const { relations, actor } = await caseActorFor(manager, caseId, viewer, ['citizen', 'agent']);
      const party = relations.parties.find((p) => p.side === 'respondent' && p.consent === 'pending');
      if (!party) throw AppException.field('CONFLICT', 'consent', 'answered', 'There is no pending consent for you on this case');
      const now = this.clock.now();
      const refused = dto.consent === 'refused';
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        action: refused ? 'respondent_decline' : 'respondent_consent',
        event: refused ? 'respondent_declined' : 'respondent_consented',
        data: { partyId: party.id, partyName: party.name, ...(refused ? { terminationReason: 'party_unwilling', routes: ROUTES_AFTER_FAILURE } : {}) },
        notify: refused ? ['applicant', 'mediator', 'dispatcher', 'filer'] : ['applicant', 'mediator'],
        mutate: async (row, m) => {
          await m.getRepository(CaseParty).update(
            { id: party.id },
            {
              consent: dto.consent,
              consentAt: now,
              noticeSeenAt: dto.noticeSeen ? now : party.noticeSeenAt,
              noticeVersion: noticeVersion ?? party.noticeVersion,
              consentChannel: 'platform',
            },
          );
          if (refused) {
            row.endedAt = now;
          }
        },
      });
    });
    return this.cases.detail(caseId, viewer);
  }

  // Ending mediation (R22, with the R23 failure report) is EndingService.terminate: one path.
  // ─── Start, withdraw ─────────────────────────────────────────────────────────────

  async startMediation(caseId: string, dto: VersionDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { actor } = await caseActorFor(manager, caseId, viewer, ['mediator']);
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        action: 'start_mediation',
        event: 'mediation_started',
        notify: ['applicant', 'respondent', 'agent'],
        mutate: (row) => {
          row.mediationStartedAt = this.clock.now();
        },
      });
    });
    return this.cases.detail(caseId, viewer);
  }

  async withdraw(caseId: string, dto: CaseActionDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { c, relations, actor } = await caseActorFor(manager, caseId, viewer, ['citizen', 'agent', 'intake']);
      const isApplicantSide = relations.isFiler || relations.parties.some((p) => p.side === 'applicant');
      if (!isApplicantSide) throw new AppException('FORBIDDEN', 'Only the applicant may withdraw the application');
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        action: 'withdraw',
        event: 'application_withdrawn',
        data: { reasonNote: dto.reasonNote ?? null },
        notify: c.state === 'DRAFT' ? [] : ['dispatcher', 'mediator', 'respondent'],
        mutate: (row) => {
          row.endedAt = this.clock.now();
        },
      });
    });
    return this.cases.detail(caseId, viewer);
  }
}
