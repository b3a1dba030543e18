import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canTransition, confirmationDeadline, terminationReasonOf, type Actor, type CaseAction, type CaseContext, type CaseState, type TerminationReason, type WorkingCalendar } from '@tiaojie/domain';
import { DataSource, EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { CaseDocument } from '../documents/case-document.entity';
import { Agreement } from './agreement.entity';
import { Notifier, type RecipientRole } from './notifier';
import { CaseAssignment } from './case-assignment.entity';
import { CaseEvent } from './case-event.entity';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { applicationProblems } from './application-check';
import { tellCourtOfOutcome } from './court-outcome';
import { CaseChanges } from './case-changes';
import { mediationDeadline } from './mediation-period';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { allConsentedToDisclosures } from './mediator-change-views';
import { queueRatingInvitations } from './rating-invitations';
import { AppConfig } from '../config/app-config';

export interface CaseStep {
  caseId: string;
  /** The version the client saw; null for system steps (timers), which lock instead. */
  version: number | null;
  userId: string | null;
  /** The role the step is taken as (checked against the state machine). */
  actor: Actor;
  /** A state-machine action; omit for a step that changes the case but not its state. */
  action?: CaseAction;
  /** Timeline event type. */
  event: string;
  audience?: 'case' | 'organisation';
  data?: Record<string, unknown>;
  /** Facts for the state machine that the step itself supplies (reason codes, notes). */
  context?: Partial<CaseContext>;
  /** Changes made in the same transaction, after the transition is allowed. */
  mutate?: (c: MediationCase, manager: EntityManager) => Promise<void> | void;
  /** Who is told, in the same transaction (outbox). */
  notify?: RecipientRole[];
  /** Overrides the notice template (default: the event type). */
  template?: string;
  /** Tell the actor too (a receipt, e.g. the case number after submitting); by default the actor is not told of their own step. */
  notifyActor?: boolean;
}

/** A step's `mutate` that only updates rows of another table (in the step's transaction), leaving the case row as the step sets it. */
export const updateRows =
  <T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T>, changes: QueryDeepPartialEntity<T>): NonNullable<CaseStep['mutate']> =>
  (_, manager) =>
    manager
      .getRepository(entity)
      .update(where, changes)
      .then(() => undefined);

/**
 * The single writer of case state. Every step is one transaction that checks the version
 * (stale → 409), asks the domain state machine whether the actor may do it, applies the
 * change, appends a timeline event and queues the notifications it causes (outbox).
 */
@Injectable()
export class CaseLifecycleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly notifier: Notifier,
    private readonly changes: CaseChanges,
    private readonly config: AppConfig,
  ) {}

  run(step: CaseStep): Promise<MediationCase> {
    return this.db.transaction((manager) => this.runIn(manager, step));
  }

  async runIn(manager: EntityManager, step: CaseStep): Promise<MediationCase> {
    const repo = manager.getRepository(MediationCase);
    const c = await repo.createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: step.caseId }).getOne();
    if (!c) throw new AppException('NOT_FOUND', 'No such case');
    // R27: a closed case's file is archived and read-only — no step writes to it again.
    if (c.archivedAt) throw archivedRefusal();
    if (step.version !== null && c.version !== step.version) {
      throw AppException.field('STALE_VERSION', 'version', 'stale', 'The case changed since you loaded it; reload and try again');
    }
    const from = c.state;
    let to: CaseState = c.state;
    let reason: TerminationReason | undefined;
    if (step.action) {
      const ctx = { ...(await this.contextOf(manager, c)), ...step.context };
      const check = canTransition(c.state, step.action, step.actor, ctx);
      if (!check.ok) throw refusal(check, c.state, step.action);
      to = check.to;
      // R22: the reason an ending records is the state machine's, in one place (fixed for
      // `expire`, `respondent_decline`…, the coded reason for `terminate` and `party_refuse`).
      reason = terminationReasonOf(step.action, ctx);
    }
    await step.mutate?.(c, manager);
    if (reason) c.terminationReason = reason;
    c.state = to;
    // Every step changes the case, even one that only wrote related rows (an assignment, a
    // consent): touching the row bumps its version and activity time, so a client holding the
    // old version gets 409 and queues ordered by activity move.
    c.updatedAt = this.clock.now();
    const saved = await repo.save(c);
    // Open sockets re-derive their channels once this commits (membership may have changed).
    this.changes.mark(manager, saved.id);
    const event = await this.appendEvent(manager, saved, {
      type: step.event,
      fromState: from === to ? null : from,
      toState: from === to ? null : to,
      actorId: step.userId,
      actorRole: step.actor,
      audience: step.audience ?? 'case',
      data: step.data ?? {},
    });
    await tellCourtOfOutcome(manager, this.notifier, saved, from, event.id); // R21
    // Issue #13: once mediation ended, each party is asked for a rating (once per case: outbox key).
    if (from !== to) await queueRatingInvitations(manager, this.notifier, this.config.publicUrl, saved, event.id);
    if (step.notify?.length) {
      const recipients = (await this.notifier.recipients(manager, saved, step.notify)).filter((r) => step.notifyActor || r.userId !== step.userId);
      await this.notifier.queue(manager, {
        caseId: saved.id,
        eventId: event.id,
        dedupBase: event.id,
        template: step.template ?? step.event,
        params: { caseNumber: saved.number, state: saved.state, disputeType: saved.disputeType, ...step.data },
        recipients,
      });
    }
    return saved;
  }

  async appendEvent(manager: EntityManager, c: MediationCase, e: Omit<CaseEvent, 'id' | 'caseId' | 'seq' | 'createdAt'>) {
    // The case row is locked (here too: an upload or a note appends without a transition, and
    // two at once would read the same max), so max(seq)+1 is gap-free and unique.
    await manager.query('SELECT 1 FROM mediation_case WHERE id = $1 FOR UPDATE', [c.id]);
    const [{ next }] = await manager.query('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM case_event WHERE case_id = $1', [c.id]);
    return manager.getRepository(CaseEvent).save({ ...e, caseId: c.id, seq: Number(next) });
  }

  /** The facts the state machine needs, computed from the case's records. */
  async contextOf(manager: EntityManager, c: MediationCase): Promise<CaseContext> {
    const now = this.clock.now();
    const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id } });
    const assignments = await manager.getRepository(CaseAssignment).find({ where: { caseId: c.id } });
    const documents = await manager.getRepository(CaseDocument).find({ where: { caseId: c.id } });
    const accepted = assignments.filter((a) => a.status === 'accepted');
    const disclosed = accepted.find((a) => a.conflictDisclosure);
    const calendar = this.holidays.calendar();
    return {
      now,
      calendar, // R29's window (and any deadline the state machine computes) uses the calendar in force
      applicationComplete: applicationProblems(c, parties, documents).length === 0,
      consents: Object.fromEntries(parties.map((p) => [p.id, p.consent])),
      noticesSeen: Object.fromEntries(parties.map((p) => [p.id, !!p.noticeSeenAt])),
      // R12: every respondent still to answer was reached (contact recorded as reached).
      respondentsReached: parties.some((p) => p.side === 'respondent' && p.consent === 'pending') && parties.every((p) => p.side !== 'respondent' || p.consent !== 'pending' || !!p.contactedAt),
      mediatorAccepted: accepted.length > 0,
      mediatorConflictDisclosed: !!disclosed,
      // R10: every party consented to that mediator after the disclosure (its own answer; consent to
      // mediation given before the disclosure does not count, and an open recusal request is no consent).
      conflictConsentedByAll: !!disclosed && (await allConsentedToDisclosures(manager, assignments, parties)),
      mediationDeadline: mediationDeadline(c, calendar, now) ?? undefined, // R20, agreed extensions and excluded time included
      courtDelegated: c.courtDelegated,
      // R27/R29: a settled case stays open while its parties may still apply for confirmation.
      confirmationWindowOpen: c.state === 'SETTLED' ? await this.windowOpen(manager, c, calendar, now) : false,
    };
  }

  private async windowOpen(manager: EntityManager, c: MediationCase, calendar: WorkingCalendar, now: Date): Promise<boolean> {
    const a = await manager.getRepository(Agreement).findOne({ where: { caseId: c.id, status: 'effective' }, order: { seq: 'DESC' } });
    return !a?.effectiveAt || now <= confirmationDeadline(a.effectiveAt, calendar);
  }
}

/** R27: the one refusal of a write to a closed, archived case. */
export function archivedRefusal() {
  return AppException.field('CONFLICT', 'state', 'R27_archived', 'The case is closed and archived: it is read-only');
}

function refusal(check: { reason: string; requirement?: string; unmet?: string[] }, state: CaseState, action: CaseAction) {
  switch (check.reason) {
    case 'WRONG_ROLE':
      return new AppException('FORBIDDEN', `Your role may not ${action.replace(/_/g, ' ')} this case`);
    case 'REQUIREMENT_NOT_MET': {
      const unmet = check.unmet?.length ? check.unmet : [check.requirement ?? 'requirement'];
      return new AppException(
        'UNPROCESSABLE',
        `Not yet possible: ${unmet.join(', ')}`,
        unmet.map((id) => ({ field: 'case', constraint: id, message: `requirement not met: ${id}` })),
      );
    }
    default:
      return AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${state}`);
  }
}
