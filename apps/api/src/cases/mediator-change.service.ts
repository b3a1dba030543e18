import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseDetail, MediatorChangeRequestView } from '@tiaojie/contracts';
import { deadlineFrom, mayRequestMediatorChange, type MediatorChangeKind } from '@tiaojie/domain';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { Notifier, type Recipient } from './notifier';
import { Membership } from '../organisations/membership.entity';
import { audienceOf, openCase, type CaseRelations } from './case-access';
import { CaseAssignment, pendingAssignment } from './case-assignment.entity';
import { CaseLifecycleService, updateRows } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { CasesService } from './cases.service';
import type { Viewer } from './viewer.decorator';
import type { AnswerMediatorChangeDto, ConflictAnswerDto, CreateMediatorChangeDto } from './dto/mediator-change.dto';
import { ConflictConsent, MediatorChangeRequest } from './mediator-change.entity';
import { conflictAnswers, disclosedAssignment, visibleMediatorChanges } from './mediator-change-views';

/** The parties' side of a request's notices: the party's own account, its agent, or its mobile. */
export async function partyRecipients(notifier: Notifier, manager: EntityManager, c: MediationCase, party: CaseParty): Promise<Recipient[]> {
  const all = await notifier.recipients(manager, c, ['applicant', 'respondent', 'agent']);
  return all.filter((r) =>
    r.role === 'agent' ? !!party.agentUserId && r.userId === party.agentUserId : r.role === party.side && (party.userId ? r.userId === party.userId : r.mobile === party.mobile),
  );
}

/**
 * R10: after a mediator discloses a conflict on accepting, each party consents to that
 * mediator or asks for recusal (回避); R11: a party asks to change mediator at any time while
 * the case is ACCEPTED or MEDIATING. The dispatcher answers within 3 working days (the
 * deadline scanner escalates an unanswered one): a grant removes the mediator (access ends at
 * once) and assigns the one named, in one transaction; a refusal gives the party the reason.
 * A request is the asking party's own item (domain `mayReadMediatorChangeRequest`).
 */
@Injectable()
export class MediatorChangeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly cases: CasesService,
    private readonly notifier: Notifier,
  ) {}

  private async load(manager: EntityManager, caseId: string, viewer: Viewer): Promise<{ c: MediationCase; relations: CaseRelations }> {
    return openCase(manager, caseId, viewer.userId);
  }

  /** The party the viewer acts for (own account or agent): staff and filers may not act for a party here. */
  private ownParty(relations: CaseRelations, viewer: Viewer, partyId: string | undefined): { party: CaseParty; actor: 'citizen' | 'agent' } {
    if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only a party (or its agent) may ask this');
    const party = partyId ? relations.parties.find((p) => p.id === partyId) : relations.parties.length === 1 ? relations.parties[0] : undefined;
    if (!party) throw AppException.field('VALIDATION_FAILED', 'partyId', partyId ? 'ownParty' : 'isNotEmpty', partyId ? 'You do not act for this party' : 'Name the party you act for');
    return { party, actor: party.userId === viewer.userId ? 'citizen' : 'agent' };
  }

  /** R10: tells each party of the disclosure and asks it (called in the acceptance's transaction). */
  async conflictDisclosed(manager: EntityManager, c: MediationCase, assignmentId: string, mediatorName: string) {
    await this.notifier.queue(manager, {
      caseId: c.id,
      eventId: null,
      dedupBase: `conflict:${assignmentId}`,
      template: 'conflict_disclosed',
      params: { caseNumber: c.number, mediatorName },
      recipients: await this.notifier.recipients(manager, c, ['applicant', 'respondent', 'agent']),
    });
  }

  /** R10: a party consents to the mediator who disclosed a conflict, or asks for recusal. */
  async answerConflict(caseId: string, dto: ConflictAnswerDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { c, relations } = await this.load(manager, caseId, viewer);
      const { party, actor } = this.ownParty(relations, viewer, dto.partyId);
      const assignments = await manager.getRepository(CaseAssignment).find({ where: { caseId } });
      const disclosed = disclosedAssignment(c, assignments);
      if (!disclosed) throw AppException.field('CONFLICT', 'answer', 'R10_no_disclosure', 'No mediator of this case disclosed a conflict to answer');
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId } });
      const answer = (await conflictAnswers(manager, disclosed, parties))[party.id];
      if (answer === 'consented') throw AppException.field('CONFLICT', 'answer', 'R10_answered', 'This party already consented to this mediator');
      const now = this.clock.now();
      if (dto.answer === 'consent') {
        // Consenting withdraws the party's own open recusal request, if any.
        const open = await manager.getRepository(MediatorChangeRequest).findOne({ where: { assignmentId: disclosed.id, partyId: party.id, status: 'open' } });
        await this.lifecycle.runIn(manager, {
          caseId,
          version: dto.version,
          userId: viewer.userId,
          actor,
          event: 'conflict_consented',
          data: { partyId: party.id, partyName: party.name, assignmentId: disclosed.id },
          notify: ['mediator'],
          mutate: async (_row, m) => {
            await m.getRepository(ConflictConsent).insert({ caseId, assignmentId: disclosed.id, partyId: party.id, userId: viewer.userId, consentedAt: now });
            if (open) await m.getRepository(MediatorChangeRequest).update({ id: open.id }, { status: 'withdrawn', answeredAt: now });
          },
        });
        return;
      }
      if (answer === 'recusal') throw AppException.field('CONFLICT', 'answer', 'R10_recusal_open', 'This party’s recusal request is waiting for the organisation’s answer');
      // R10: the DTO asks for both with a recusal answer; checked again here rather than assumed.
      if (!dto.reasonCode) throw AppException.field('VALIDATION_FAILED', 'reasonCode', 'isNotEmpty', 'A recusal request gives its reason');
      if (!dto.reasonNote) throw AppException.field('VALIDATION_FAILED', 'reasonNote', 'isNotEmpty', 'A recusal request explains its reason');
      await this.createRequest(manager, c, { party, actor, viewer, kind: 'recusal', assignment: disclosed, reasonCode: dto.reasonCode, reasonNote: dto.reasonNote, version: dto.version });
    });
    return this.cases.detail(caseId, viewer);
  }

  /** R11: a party asks to change mediator (coded reason and note), during ACCEPTED or MEDIATING. */
  async requestChange(caseId: string, dto: CreateMediatorChangeDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { c, relations } = await this.load(manager, caseId, viewer);
      const { party, actor } = this.ownParty(relations, viewer, dto.partyId);
      if (!mayRequestMediatorChange(c.state))
        throw AppException.field('CONFLICT', 'state', 'wrongState', `A change of mediator can be asked while the case is accepted or in mediation, not ${c.state}`);
      const active = await manager.getRepository(CaseAssignment).find({ where: { caseId, status: In(['pending', 'accepted']) }, order: { assignedAt: 'ASC' } });
      const assignment = dto.assignmentId ? active.find((a) => a.id === dto.assignmentId) : (active.find((a) => a.role === 'presiding') ?? active[0]);
      if (!assignment) throw AppException.field(dto.assignmentId ? 'VALIDATION_FAILED' : 'CONFLICT', 'assignmentId', 'R11_active_mediator', 'There is no such mediator on this case to change');
      await this.createRequest(manager, c, { party, actor, viewer, kind: 'change', assignment, reasonCode: dto.reasonCode, reasonNote: dto.reasonNote, version: dto.version });
    });
    return this.cases.detail(caseId, viewer);
  }

  private async createRequest(
    manager: EntityManager,
    c: MediationCase,
    r: {
      party: CaseParty;
      actor: 'citizen' | 'agent';
      viewer: Viewer;
      kind: MediatorChangeKind;
      assignment: CaseAssignment;
      reasonCode: MediatorChangeRequest['reasonCode'];
      reasonNote: string;
      version: number;
    },
  ) {
    if (await manager.getRepository(MediatorChangeRequest).exists({ where: { assignmentId: r.assignment.id, partyId: r.party.id, status: 'open' } })) {
      throw AppException.field('CONFLICT', 'reasonCode', 'R11_open_request', 'This party already has an open request about this mediator');
    }
    const now = this.clock.now();
    const answerBy = deadlineFrom('mediatorChangeAnswer', now, this.holidays.calendar());
    let requestId = '';
    const saved = await this.lifecycle.runIn(manager, {
      caseId: c.id,
      version: r.version,
      userId: r.viewer.userId,
      actor: r.actor,
      event: 'mediator_change_requested',
      audience: 'organisation',
      data: { partyId: r.party.id, partyName: r.party.name, kind: r.kind, reasonCode: r.reasonCode },
      mutate: async (_row, m) => {
        const row = await m.getRepository(MediatorChangeRequest).save({
          caseId: c.id,
          partyId: r.party.id,
          assignmentId: r.assignment.id,
          kind: r.kind,
          status: 'open',
          reasonCode: r.reasonCode,
          reasonNote: r.reasonNote,
          requestedById: r.viewer.userId,
          createdAt: now,
          answerBy,
          remindedAt: null,
          escalatedAt: null,
          answeredById: null,
          answeredAt: null,
          answerNote: null,
          newAssignmentId: null,
        });
        requestId = row.id;
      },
    });
    // Only the organisation is told (the mediator concerned and the other party are not, R15/R19).
    await this.notifier.queue(manager, {
      caseId: c.id,
      eventId: null,
      dedupBase: `mediator-change:${requestId}:requested`,
      template: 'mediator_change_requested',
      params: { caseNumber: saved.number, kind: r.kind, dueAt: answerBy.toISOString() },
      recipients: await this.notifier.recipients(manager, saved, ['dispatcher']),
    });
  }

  /** The requests the viewer may see (its own party's; every one for the organisation's admin). */
  async list(caseId: string, viewer: Viewer): Promise<MediatorChangeRequestView[]> {
    return this.cases.withAccess(caseId, viewer, 'view_mediator_changes', null, async (manager, c, relations) => {
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
      const assignments = await manager.getRepository(CaseAssignment).find({ where: { caseId } });
      return visibleMediatorChanges(manager, c.id, audienceOf(relations), parties, assignments);
    });
  }

  /** R10, R11: the dispatcher grants (removing the mediator and assigning the one named) or refuses with a reason. */
  async answer(caseId: string, requestId: string, dto: AnswerMediatorChangeDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { c, relations } = await this.load(manager, caseId, viewer);
      if (!relations.isOrgAdmin) throw new AppException('FORBIDDEN', 'Only the organisation’s dispatcher answers a request to change mediator');
      const request = await manager.getRepository(MediatorChangeRequest).findOne({ where: { id: requestId, caseId } });
      if (!request) throw new AppException('NOT_FOUND', 'No such request');
      if (request.status !== 'open') throw AppException.field('CONFLICT', 'decision', 'R11_answered', 'This request has already been answered');
      const party = await manager.getRepository(CaseParty).findOneByOrFail({ id: request.partyId });
      const now = this.clock.now();
      const base = { answeredById: viewer.userId, answeredAt: now, answerNote: dto.answerNote ?? null };
      if (dto.decision === 'refuse') {
        const saved = await this.lifecycle.runIn(manager, {
          caseId,
          version: dto.version,
          userId: viewer.userId,
          actor: 'org_admin',
          event: 'mediator_change_refused',
          audience: 'organisation',
          data: { partyId: party.id, partyName: party.name, kind: request.kind, answerNote: dto.answerNote },
          mutate: updateRows(MediatorChangeRequest, { id: request.id }, { ...base, status: 'refused' }),
        });
        await this.tellParty(manager, saved, party, request, 'mediator_change_refused');
        return;
      }
      await this.grant(manager, c, request, dto, viewer, base);
    });
    return this.cases.detail(caseId, viewer);
  }

  /** R11: the dispatcher removes a mediator directly (its access ends at once). */
  async removeAssignment(caseId: string, assignmentId: string, dto: { version: number; reasonNote?: string }, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { c, relations } = await this.load(manager, caseId, viewer);
      if (!relations.isOrgAdmin) throw new AppException('FORBIDDEN', 'Your role may not do this on this case');
      const a = await manager.getRepository(CaseAssignment).findOne({ where: { id: assignmentId, caseId } });
      if (!a) throw new AppException('NOT_FOUND', 'No such assignment');
      if (a.status !== 'pending' && a.status !== 'accepted') throw AppException.field('CONFLICT', 'assignment', 'notActive', 'This assignment has already ended');
      await this.removeIn(manager, c, a, viewer, dto.version, dto.reasonNote ?? null);
    });
    return this.cases.detail(caseId, viewer);
  }

  /**
   * Removes an assignment as one case step: the parties are told the mediator changed (not why),
   * and the removed mediator is told too — computed before the removal drops it from the case's
   * recipients. Its access (REST, sockets, the organisation queue) ends with the commit.
   */
  private async removeIn(manager: EntityManager, c: MediationCase, a: CaseAssignment, viewer: Viewer, version: number | null, reasonNote: string | null) {
    const mediator = await manager.getRepository(User).findOneByOrFail({ id: a.mediatorId });
    const removedTo = (await this.notifier.recipients(manager, c, ['mediator'])).filter((r) => r.userId === a.mediatorId);
    const saved = await this.lifecycle.runIn(manager, {
      caseId: c.id,
      version,
      userId: viewer.userId,
      actor: 'org_admin',
      event: 'mediator_removed',
      data: { mediatorId: a.mediatorId, mediatorName: mediator.name, reasonNote },
      notify: ['applicant', 'respondent'],
      mutate: (_row, m) =>
        m
          .getRepository(CaseAssignment)
          .update({ id: a.id }, { status: 'removed', respondedAt: a.respondedAt ?? this.clock.now() })
          .then(() => undefined),
    });
    await this.notifier.queue(manager, {
      caseId: c.id,
      eventId: null,
      dedupBase: `removed:${a.id}`,
      template: 'mediator_removed',
      params: { caseNumber: saved.number, mediatorName: mediator.name },
      recipients: removedTo,
    });
  }

  private async grant(manager: EntityManager, c: MediationCase, request: MediatorChangeRequest, dto: AnswerMediatorChangeDto, viewer: Viewer, base: Partial<MediatorChangeRequest>) {
    const old = await manager.getRepository(CaseAssignment).findOneByOrFail({ id: request.assignmentId });
    const newId = dto.mediatorId;
    if (!newId) throw AppException.field('VALIDATION_FAILED', 'mediatorId', 'isNotEmpty', 'Granting a change names the new mediator');
    const active = await manager.getRepository(CaseAssignment).find({ where: { caseId: c.id, status: In(['pending', 'accepted']) } });
    const isMediator = c.organisationId && (await manager.getRepository(Membership).exists({ where: { organisationId: c.organisationId, userId: newId, role: 'mediator', status: 'active' } }));
    if (!isMediator || newId === old.mediatorId || active.some((a) => a.mediatorId === newId)) {
      throw AppException.field('UNPROCESSABLE', 'mediatorId', 'R11_other_mediator', 'Name another mediator of the organisation who is not on this case');
    }
    const newMediator = await manager.getRepository(User).findOneByOrFail({ id: newId });
    const now = this.clock.now();
    const stillActive = old.status === 'pending' || old.status === 'accepted';
    // Every open request about this mediator is answered by the grant (each party is told).
    const answered = await manager.getRepository(MediatorChangeRequest).find({ where: { assignmentId: old.id, status: 'open' } });
    let newAssignmentId = '';
    await this.lifecycle.runIn(manager, {
      caseId: c.id,
      version: dto.version,
      userId: viewer.userId,
      actor: 'org_admin',
      event: 'mediator_change_granted',
      audience: 'organisation',
      data: { partyId: request.partyId, kind: request.kind, mediatorName: newMediator.name },
      mutate: async (_row, m) => {
        const assignment = await m.getRepository(CaseAssignment).save(
          pendingAssignment({
            caseId: c.id,
            mediatorId: newId,
            role: old.role,
            assignedById: viewer.userId,
            assignedAt: now,
            respondBy: deadlineFrom('mediatorAccept', now, this.holidays.calendar()),
          }),
        );
        newAssignmentId = assignment.id;
        await m.getRepository(MediatorChangeRequest).update({ id: In(answered.map((x) => x.id)) }, { ...base, status: 'granted', newAssignmentId });
      },
    });
    // The reason stays the party's own item: the removal says only that the mediator changed.
    if (stillActive) await this.removeIn(manager, c, old, viewer, null, null);
    const saved = await this.lifecycle.runIn(manager, {
      caseId: c.id,
      version: null,
      userId: viewer.userId,
      actor: 'org_admin',
      event: 'mediator_assigned',
      data: { mediatorId: newId, mediatorName: newMediator.name, role: old.role },
      notify: ['mediator', 'applicant', 'respondent'],
    });
    for (const r of answered) {
      const party = await manager.getRepository(CaseParty).findOneByOrFail({ id: r.partyId });
      await this.tellParty(manager, saved, party, r, 'mediator_change_granted', newMediator.name);
    }
  }

  private async tellParty(manager: EntityManager, c: MediationCase, party: CaseParty, request: MediatorChangeRequest, template: string, mediatorName?: string) {
    await this.notifier.queue(manager, {
      caseId: c.id,
      eventId: null,
      dedupBase: `mediator-change:${request.id}:${template}`,
      template,
      params: { caseNumber: c.number, kind: request.kind, ...(mediatorName ? { mediatorName } : {}) },
      recipients: await partyRecipients(this.notifier, manager, c, party),
    });
  }
}
