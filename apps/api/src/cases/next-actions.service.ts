import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeadlineView, MyNextAction } from '@tiaojie/contracts';
import { confirmationDeadline, exclusionPreCheck, isTerminalState, nextActionsFor, type CaseAction, type NextAction } from '@tiaojie/domain';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { Clock } from '../common/clock';
import { ConfirmationApplication, ConfirmationSupplement } from './confirmation.entity';
import { supplementOpen } from './supplement-open';
import { MediationSession, SESSION_CHECK_IN_OPENS_MINUTES, SessionAttendance } from './session.entity';
import { Agreement, AgreementSignature } from './agreement.entity';
import { relationsOf, type CaseRelations } from './case-access';
import { CaseAssignment } from './case-assignment.entity';
import { CaseLifecycleService } from './case-lifecycle.service';
import { offeredActions } from './case-offers';
import { CaseParty } from './case-party.entity';
import { openDeadlines } from './case-views';
import { MediationCase } from './case.entity';
import { openChangeCounts } from './mediator-change-views';
import type { Viewer } from './viewer.decorator';

/** At most this many open cases are looked at for the home page's list. */
const MAX_CASES = 50;
/** How many of them are read at once (each takes one pooled connection for a few queries). */
const CASES_AT_ONCE = 5;

/**
 * "需要您处理" (issue #11): the viewer's next steps, from the same facts the case page offers
 * its steps from — the offered state-machine actions (case-offers.ts), the agreement's awaited
 * signatures (R26), the window to apply to the court (R29), the court's open requests (R33) and
 * the dispatcher's open mediator-change requests (R10, R11) — through the one domain rule
 * `nextActionsFor`. The case detail carries them (`nextActions`); GET /api/me/actions lists them
 * for every open case of the viewer.
 */
@Injectable()
export class NextActionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly lifecycle: CaseLifecycleService,
  ) {}

  /** One case, with the facts the case detail already has (its offered actions and deadlines). */
  async forCase(
    manager: EntityManager,
    c: MediationCase,
    relations: CaseRelations,
    userId: string,
    known: { actions: readonly CaseAction[]; deadlines: readonly DeadlineView[]; pendingMediatorChanges: number },
  ): Promise<NextAction[]> {
    const now = this.clock.now();
    const pending =
      relations.isAssignedMediator && !relations.isActiveMediator ? await manager.getRepository(CaseAssignment).findOne({ where: { caseId: c.id, mediatorId: userId, status: 'pending' } }) : null;
    const partyIds = relations.parties.map((p) => p.id);
    return nextActionsFor(
      {
        partyIds,
        applicantSide: relations.isFiler || relations.parties.some((p) => p.side === 'applicant'),
        activeMediator: relations.isActiveMediator,
        pendingAssignment: pending ? { respondBy: pending.respondBy.toISOString() } : null,
        dispatcher: relations.isOrgAdmin,
      },
      {
        state: c.state,
        actions: known.actions,
        deadlines: Object.fromEntries(known.deadlines.map((d) => [d.kind, d.dueAt])),
        agreement: await this.agreementFacts(manager, c),
        ...(partyIds.length ? await this.confirmationFacts(manager, c, now) : {}),
        pendingMediatorChanges: known.pendingMediatorChanges,
        sessions: partyIds.length ? await this.sessionFacts(manager, c.id, partyIds, userId, now) : [],
        unreadMediatorMessages: partyIds.length > 0 && c.state === 'MEDIATING' && (await this.unreadFromMediator(manager, c.id, userId)),
      },
    );
  }

  /** Every open case of the viewer (party, agent, filer, mediator, dispatcher): its next steps. */
  async mine(viewer: Viewer): Promise<MyNextAction[]> {
    const now = this.clock.now();
    const cases = await this.db
      .getRepository(MediationCase)
      .createQueryBuilder('c')
      .where(
        new Brackets((w) =>
          w
            .where('c.filed_by_id = :uid')
            .orWhere('EXISTS (SELECT 1 FROM case_party p WHERE p.case_id = c.id AND (p.user_id = :uid OR p.agent_user_id = :uid))')
            .orWhere("EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.mediator_id = :uid AND a.status IN ('pending','accepted'))")
            .orWhere("(c.state <> 'DRAFT' AND c.organisation_id IN (SELECT m.organisation_id FROM membership m WHERE m.user_id = :uid AND m.role = 'org_admin'))"),
        ),
      )
      .andWhere("c.state NOT IN ('WITHDRAWN', 'CLOSED')")
      .setParameter('uid', viewer.userId)
      .orderBy('c.updated_at', 'DESC')
      .take(MAX_CASES)
      .getMany();
    const changes = await openChangeCounts(
      this.db.manager,
      cases.map((c) => c.id),
      viewer.userId,
    );
    const manager = this.db.manager;
    const one = async (c: MediationCase): Promise<MyNextAction[]> => {
      const relations = await relationsOf(manager, viewer.userId, c);
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id } });
      const assignments = await manager.getRepository(CaseAssignment).find({ where: { caseId: c.id } });
      const ctx = await this.lifecycle.contextOf(manager, c);
      const actions = offeredActions(c, relations, { userId: viewer.userId, intake: viewer.user.roles.includes('intake') }, ctx);
      const deadlines = openDeadlines(c, parties, assignments, now, this.holidays.calendar());
      const next = await this.forCase(manager, c, relations, viewer.userId, { actions, deadlines, pendingMediatorChanges: changes.get(c.id) ?? 0 });
      return next.map((a) => ({ ...a, caseId: c.id, caseNumber: c.number }));
    };
    // A few cases at a time on the pool, not fifty one after another; the order stays the cases' order.
    const open = cases.filter((c) => !isTerminalState(c.state));
    const out: MyNextAction[] = [];
    for (let i = 0; i < open.length; i += CASES_AT_ONCE) {
      for (const next of await Promise.all(open.slice(i, i + CASES_AT_ONCE).map(one))) out.push(...next);
    }
    return out.sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff'));
  }

  /** R13, R14: the viewer's scheduled sessions not over yet (the same window as the check-in, mediation/session-attendance.ts). */
  private async sessionFacts(manager: EntityManager, caseId: string, partyIds: string[], userId: string, now: Date) {
    const sessions = (await manager.getRepository(MediationSession).find({ where: { caseId, status: 'scheduled' } })).filter(
      (s) => s.partyIds.some((id) => partyIds.includes(id)) && now.getTime() <= s.startsAt.getTime() + s.durationMinutes * 60_000,
    );
    if (!sessions.length) return [];
    const attendance = await manager.getRepository(SessionAttendance).find({ where: { sessionId: In(sessions.map((s) => s.id)), userId } });
    return sessions.map((s) => {
      const mine = attendance.find((a) => a.sessionId === s.id);
      const open = now.getTime() >= s.startsAt.getTime() - SESSION_CHECK_IN_OPENS_MINUTES * 60_000;
      return {
        startsAt: s.startsAt.toISOString(),
        consentNeeded: s.separate && !mine?.consentedAt,
        checkInDue: open && !(mine?.identityConfirmedAt && mine.warningAcknowledgedAt),
      };
    });
  }

  /** R15: a mediator's message in one of the viewer's own conversations (its caucus, the joint one) it has not read. */
  private async unreadFromMediator(manager: EntityManager, caseId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM conversation_channel ch
       JOIN case_party p ON p.case_id = ch.case_id AND (ch.kind = 'joint' OR p.id = ch.party_id) AND p.consent = 'given' AND (p.user_id = $2 OR p.agent_user_id = $2)
       LEFT JOIN channel_read r ON r.channel_id = ch.id AND r.user_id = $2
       WHERE ch.case_id = $1 AND ch.kind IN ('caucus', 'joint')
         AND EXISTS (SELECT 1 FROM channel_message m WHERE m.channel_id = ch.id AND m.sender_role = 'mediator' AND m.seq > coalesce(r.last_read_seq, 0))
       LIMIT 1`,
      [caseId, userId],
    );
    return rows.length > 0;
  }

  /** R26: the agreement being signed or sealed, and who has still to sign its frozen revision. */
  private async agreementFacts(manager: EntityManager, c: MediationCase) {
    const a = await manager.getRepository(Agreement).findOne({ where: { caseId: c.id, status: In(['signing', 'awaiting_seal']) }, order: { seq: 'DESC' } });
    if (!a) return null;
    if (a.status !== 'signing' || !a.contentHash) return { status: a.status, awaiting: [] };
    const signatures = await manager.getRepository(AgreementSignature).find({ where: { agreementId: a.id, revision: a.revision, contentHash: a.contentHash } });
    const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id } });
    const awaiting = parties.filter((p) => !signatures.some((s) => s.partyId === p.id)).map((p) => p.id);
    if (!signatures.some((s) => s.signerRole === 'mediator')) awaiting.push('mediator');
    return { status: a.status, awaiting };
  }

  /** R29, R33: the window to apply (as the confirmation section computes it) and the court's open requests. */
  private async confirmationFacts(manager: EntityManager, c: MediationCase, now: Date) {
    const latest = await manager.getRepository(ConfirmationApplication).findOne({ where: { caseId: c.id }, order: { createdAt: 'DESC' } });
    let confirmation = null;
    if (c.state === 'SETTLED') {
      const agreement = await manager.getRepository(Agreement).findOne({ where: { caseId: c.id, status: 'effective' }, order: { seq: 'DESC' } });
      if (agreement?.effectiveAt) {
        const windowEndsAt = confirmationDeadline(agreement.effectiveAt, this.holidays.calendar());
        const signing = latest?.status === 'signing' ? latest : null;
        confirmation = {
          windowEndsAt: windowEndsAt.toISOString(),
          windowOpen: now <= windowEndsAt,
          // R32: the exclusions found from the platform's data (a dispute type the court does not confirm).
          mayApply: exclusionPreCheck({ disputeType: c.disputeType, courtFound: true, answers: {} }).length === 0,
          signedPartyIds: (signing?.signatures ?? []).map((s) => s.partyId).filter((id): id is string => !!id),
        };
      }
    }
    const open =
      latest && (latest.status === 'submitted' || latest.status === 'accepted')
        ? (await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: latest.id } })).filter((s) => supplementOpen(s, now))
        : [];
    return { confirmation, openSupplements: open.map((s) => ({ dueAt: s.dueAt.toISOString() })) };
  }
}
