import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deadlineFrom, FIRST_CONTACT_STATES, MEDIATION_PERIOD_STATES, type CaseAction, type TerminationReason } from '@tiaojie/domain';
import { Between, DataSource, In, IsNull, LessThan, Not } from 'typeorm';
import { MediationSession } from './session.entity';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics.service';
import { Notifier, type CaseNotice, type Recipient, type RecipientRole } from './notifier';
import { CaseAssignment } from './case-assignment.entity';
import { CaseLifecycleService, updateRows } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { mediationDeadline } from './mediation-period';
import { ROUTES_AFTER_FAILURE } from '@tiaojie/contracts';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { scanMediatorChanges } from './mediator-change-deadlines';

const DAY = 24 * 3600_000;

/**
 * Acts on the deadlines the domain module computes: reminds before they expire, and when they
 * do, expires a mediator's unanswered assignment and tells the dispatcher to reassign (R09),
 * tells the dispatcher when no mediator is designated in time (R07), ends a case whose
 * respondent did not answer (R12) or whose mediation period passed (R20). Reminders carry a
 * de-duplication key, so a rescan never repeats one.
 */
@Injectable()
export class DeadlineScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineScanner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Steps other modules add to every scan (R21/R24: the ending module returns expired court cases to their court). */
  private readonly steps: Array<(now: Date) => Promise<void>> = [];
  /**
   * Deadlines other modules keep (R33: confirmation's, R28: performance's obligations), run in
   * the scanner's own sequence: before the mediator changes and the steps above, which act on
   * the notices queued here (the unread escalation). A failure is logged (as the scan's) and the scan goes on.
   */
  private readonly deadlines: Array<(now: Date) => Promise<void>> = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly config: AppConfig,
    private readonly lifecycle: CaseLifecycleService,
    private readonly notifier: Notifier,
    private readonly metrics: Metrics,
  ) {}

  addStep(step: (now: Date) => Promise<void>) {
    this.steps.push(step);
  }

  addDeadlines(check: (now: Date) => Promise<void>, failed: string) {
    this.deadlines.push((now) => check(now).catch((err) => this.logger.warn({ err }, failed)));
  }

  onApplicationBootstrap() {
    const every = this.config.env.DEADLINE_SCAN_SECONDS;
    if (every > 0) {
      this.timer = setInterval(() => void this.scan().catch((err) => this.logger.error({ err }, 'deadline scan failed')), every * 1000);
      this.timer.unref();
    }
  }

  async onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  scan(): Promise<void> {
    this.running ??= this.metrics.timeScan(() => this.scanOnce()).finally(() => (this.running = null));
    return this.running;
  }

  private async scanOnce() {
    // Pick up a holiday calendar changed through another process before computing deadlines.
    await this.holidays.reload();
    const now = this.clock.now();
    await this.assignments(now);
    await this.designation(now);
    await this.firstContact(now);
    await this.invitations(now);
    await this.respondents(now);
    await this.mediationPeriods(now);
    await this.sessions(now);
    for (const check of this.deadlines) await check(now);
    await this.mediatorChanges(now);
    for (const step of this.steps) await step(now).catch((err) => this.logger.warn({ err }, 'deadline scan step failed'));
  }

  /** R10, R11: the dispatcher's answer to a request to change mediator: reminder, then escalation (mediator-change-deadlines.ts). */
  private async mediatorChanges(now: Date) {
    await scanMediatorChanges(this.db, this.notifier, this.lifecycle, now).catch((err) => this.logger.warn({ err }, 'mediator change deadlines failed'));
  }

  /** A deadline that passed ends the case (R12, R20), offering the routes after failure; a refused step is logged and the scan goes on. */
  private endAsFailed(c: MediationCase, now: Date, end: { action: CaseAction; event: string; terminationReason: TerminationReason; notify: RecipientRole[]; refused: string }) {
    return this.lifecycle
      .run({
        caseId: c.id,
        version: null,
        userId: null,
        actor: 'system',
        action: end.action,
        event: end.event,
        data: { terminationReason: end.terminationReason, routes: ROUTES_AFTER_FAILURE },
        notify: end.notify,
        mutate: (row) => {
          row.endedAt = now;
        },
      })
      .catch((err) => this.logger.warn({ err, caseId: c.id }, end.refused));
  }

  /** A reminder or escalation in its own transaction (Notifier.remind). */
  private remind(c: MediationCase, roles: RecipientRole[], notice: CaseNotice, only?: (r: Recipient) => boolean) {
    return this.db.transaction((manager) => this.notifier.remind(manager, c, roles, notice, only));
  }

  /** A session starting within the hour: remind its parties and mediators once. */
  private async sessions(now: Date) {
    const soon = await this.db.getRepository(MediationSession).find({ where: { status: 'scheduled', remindedAt: IsNull(), startsAt: Between(now, new Date(now.getTime() + 3600_000)) } });
    for (const s of soon) {
      await this.db.transaction(async (manager) => {
        const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: s.caseId });
        const parties = await manager.getRepository(CaseParty).find({ where: { caseId: s.caseId } });
        const invited = parties.filter((p) => s.partyIds.includes(p.id));
        await this.notifier.remind(
          manager,
          c,
          ['applicant', 'respondent', 'agent', 'mediator'],
          { dedupBase: `reminder:session:${s.id}`, template: 'session_reminder', params: { caseNumber: c.number, dueAt: s.startsAt.toISOString() } },
          (r) => r.role === 'mediator' || invited.some((p) => p.mobile === r.mobile || (r.userId && (p.userId === r.userId || p.agentUserId === r.userId))),
        );
        await manager.getRepository(MediationSession).update({ id: s.id }, { remindedAt: now });
      });
    }
  }

  /** R09: remind a day before; at the deadline expire the assignment and ask for reassignment. */
  private async assignments(now: Date) {
    const pending = await this.db.getRepository(CaseAssignment).find({ where: { status: 'pending', respondBy: LessThan(new Date(now.getTime() + DAY)) } });
    for (const a of pending) {
      await this.db.transaction(async (manager) => {
        const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: a.caseId });
        if (a.respondBy <= now) {
          await this.lifecycle.runIn(manager, {
            caseId: c.id,
            version: null,
            userId: null,
            actor: 'system',
            event: 'assignment_expired',
            audience: 'organisation',
            data: { assignmentId: a.id, mediatorId: a.mediatorId },
            notify: ['dispatcher'],
            mutate: updateRows(CaseAssignment, { id: a.id, status: 'pending' }, { status: 'expired' }),
          });
        } else if (!a.remindedAt) {
          await manager.getRepository(CaseAssignment).update({ id: a.id }, { remindedAt: now });
          const notice = { dedupBase: `reminder:assignment:${a.id}`, template: 'assignment_reminder', params: { caseNumber: c.number, dueAt: a.respondBy.toISOString() } };
          await this.notifier.remind(manager, c, ['mediator'], notice, (r) => r.userId === a.mediatorId);
        }
      });
    }
  }

  /** R07: no mediator designated within 3 working days of the application → tell the dispatcher. */
  private async designation(now: Date) {
    // One query for the candidates (no active assignment); the working-day deadline is then checked per case.
    const cases = await this.db
      .getRepository(MediationCase)
      .createQueryBuilder('c')
      .where("c.state IN ('SUBMITTED', 'ACCEPTED') AND c.submitted_at IS NOT NULL")
      .andWhere("NOT EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.status IN ('pending', 'accepted'))")
      .getMany();
    for (const c of cases) {
      const submittedAt = c.submittedAt;
      if (!submittedAt) continue;
      if (deadlineFrom('designateMediator', submittedAt, this.holidays.calendar()) > now) {
        // R07: the parties' 2 working days passed without a joint choice: the dispatcher designates (by day 3).
        if (c.state !== 'ACCEPTED' || deadlineFrom('chooseMediator', submittedAt, this.holidays.calendar()) > now) continue;
        await this.remind(c, ['dispatcher'], {
          dedupBase: `reminder:designate:${c.id}`,
          template: 'mediator_choice_closed',
          params: { caseNumber: c.number, dueAt: deadlineFrom('designateMediator', submittedAt, this.holidays.calendar()).toISOString() },
        });
        continue;
      }
      await this.remind(c, ['dispatcher'], { dedupBase: `overdue:designate:${c.id}`, template: 'designation_overdue', params: { caseNumber: c.number } });
    }
  }

  /** Same-day contact: two hours before the end of the working day, remind the mediator who has not called. */
  private async firstContact(now: Date) {
    const cases = await this.db.getRepository(MediationCase).find({ where: { state: In([...FIRST_CONTACT_STATES]) } });
    for (const c of cases) {
      if (!c.submittedAt || c.firstContactAt) continue;
      const due = deadlineFrom('sameDayContact', c.submittedAt, this.holidays.calendar());
      if (due.getTime() - now.getTime() > 2 * 3600_000 || due <= now) continue;
      await this.remind(c, ['mediator', 'dispatcher'], { dedupBase: `reminder:contact:${c.id}`, template: 'contact_due_reminder', params: { caseNumber: c.number, dueAt: due.toISOString() } });
    }
  }

  /** An invitation nobody opened within a day is sent again; after two days the dispatcher is asked to phone. */
  private async invitations(now: Date) {
    const parties = await this.db
      .getRepository(CaseParty)
      .find({ where: { side: 'respondent', consent: 'pending', invitationOpenedAt: IsNull(), invitedAt: LessThan(new Date(now.getTime() - DAY)) } });
    for (const p of parties) {
      const c = await this.db.getRepository(MediationCase).findOneBy({ id: p.caseId });
      const invitedAt = p.invitedAt;
      if (!c || c.state !== 'ACCEPTED' || !invitedAt) continue;
      const age = now.getTime() - invitedAt.getTime();
      await this.db.transaction(async (manager) => {
        if (age < 2 * DAY) {
          // The same link again (the token is not stored in clear; the first notice holds it).
          const first = await manager.query(
            "SELECT params FROM notification WHERE case_id = $1 AND template = 'respondent_invited' AND channel = 'sms' AND recipient_mobile = $2 ORDER BY created_at DESC LIMIT 1",
            [c.id, p.mobile],
          );
          if (!first.length) return;
          await this.notifier.queue(manager, {
            caseId: c.id,
            eventId: null,
            dedupBase: `reminder:invitation:${p.id}:${invitedAt.getTime()}`,
            template: 'respondent_invited',
            params: first[0].params,
            recipients: [{ role: 'respondent', userId: null, mobile: p.mobile, email: null, locale: p.locale ?? 'zh-CN' }],
          });
        } else {
          const notice = { dedupBase: `escalate:invitation:${p.id}:${invitedAt.getTime()}`, template: 'invitation_unopened', params: { caseNumber: c.number, partyName: p.name } };
          await this.notifier.remind(manager, c, ['dispatcher', 'mediator'], notice);
        }
      });
    }
  }

  /**
   * R12: the respondent has until the contact deadline; a day before they are reminded, after it
   * the case ends as unreachable — unless the mediator reached every respondent still to answer.
   */
  private async respondents(now: Date) {
    const cases = await this.db.getRepository(MediationCase).find({ where: { state: 'ACCEPTED', mediatorAcceptedAt: Not(IsNull()) } });
    // The respondents still to answer, for all those cases in one query.
    const pending = cases.length ? await this.db.getRepository(CaseParty).find({ where: { caseId: In(cases.map((c) => c.id)), side: 'respondent', consent: 'pending' } }) : [];
    for (const c of cases) {
      if (!c.mediatorAcceptedAt) continue;
      const due = deadlineFrom('contactRespondent', c.mediatorAcceptedAt, this.holidays.calendar());
      const waiting = pending.filter((p) => p.caseId === c.id);
      if (!waiting.length) continue;
      // R12: a respondent the mediator reached (and who is thinking, or agreed by phone and has
      // not confirmed yet) is never ended as unreachable: the dispatcher and mediator are told once.
      if (due <= now && waiting.every((p) => p.contactedAt)) {
        await this.remind(c, ['dispatcher', 'mediator'], {
          dedupBase: `R12:reached-undecided:${c.id}:${due.getTime()}`,
          template: 'respondent_reached_undecided',
          params: { caseNumber: c.number, dueAt: due.toISOString(), partyName: waiting[0].name },
        });
      } else if (due <= now) {
        await this.endAsFailed(c, now, {
          action: 'respondent_no_answer',
          event: 'respondent_no_answer',
          terminationReason: 'respondent_unreachable',
          notify: ['applicant', 'respondent', 'mediator', 'dispatcher', 'filer'],
          refused: 'respondent deadline not applied',
        });
      } else if (due.getTime() - now.getTime() < DAY) {
        await this.remind(c, ['respondent'], { dedupBase: `reminder:respondent:${c.id}`, template: 'respondent_reminder', params: { caseNumber: c.number, dueAt: due.toISOString() } }, (r) =>
          waiting.some((p) => p.mobile === r.mobile),
        );
      }
    }
  }

  /** R20: three days before the mediation period ends everyone is told; when it passes the case ends. */
  private async mediationPeriods(now: Date) {
    const cases = await this.db.getRepository(MediationCase).find({ where: { state: In([...MEDIATION_PERIOD_STATES]) } });
    for (const c of cases) {
      const due = mediationDeadline(c, this.holidays.calendar(), now); // R20: agreed extensions and excluded time included; null before a mediator accepted
      if (!due) continue;
      if (due > now && due.getTime() - now.getTime() <= 3 * DAY) {
        await this.remind(c, ['applicant', 'respondent', 'mediator'], {
          dedupBase: `reminder:period:${c.id}:${due.getTime()}`,
          template: 'mediation_period_reminder',
          params: { caseNumber: c.number, dueAt: due.toISOString() },
        });
      }
      if (due > now) continue;
      await this.endAsFailed(c, now, {
        action: 'expire',
        event: 'mediation_expired',
        terminationReason: 'period_expired',
        notify: ['applicant', 'respondent', 'mediator', 'dispatcher'],
        refused: 'mediation period not applied',
      });
    }
  }
}
