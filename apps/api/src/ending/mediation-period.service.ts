import { MEDIATION_PERIOD_STATES, inStates } from '@tiaojie/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EndingView } from '@tiaojie/contracts';
import type { CaseState } from '@tiaojie/domain';
import { DataSource, In, IsNull } from 'typeorm';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import type { Viewer } from '../cases/cases.service';
import { mediationDeadline, withPause } from '../cases/mediation-period';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { Notifier } from '../cases/notifier';
import { actAs, courtOfCase, courtRecipients } from './ending-access';
import { EndingService } from './ending.service';
import { ExtensionConsent, MediationExtension, ShamReport } from './ending.entities';
import type { AnswerExtensionDto, AppraisalDto, ProposeExtensionDto, ResumeDto, SuspendDto } from './ending.dto';

/**
 * The mediation period (R20) and its interruptions: an extension proposed by the mediator and
 * agreed by every party, the suspension of a suspected sham mediation reported to the court
 * and its resumption (R36), and expert appraisal time, which is excluded. Every state change
 * goes through CaseLifecycleService; the answers are the case's ending view (EndingService).
 */
@Injectable()
export class MediationPeriodService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly notifier: Notifier,
    private readonly ending: EndingService,
  ) {}

  // ─── R20: extensions of the mediation period, agreed by every party ───────────────────

  async proposeExtension(caseId: string, dto: ProposeExtensionDto, viewer: Viewer): Promise<EndingView> {
    await this.db.transaction(async (manager) => {
      const { actor } = await actAs(manager, caseId, viewer, ['mediator']);
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
          if (!inStates(MEDIATION_PERIOD_STATES, row.state) || !row.mediatorAcceptedAt) {
            throw AppException.field('CONFLICT', 'state', 'wrongState', `The mediation period cannot be extended while the case is ${row.state}`);
          }
          const due = mediationDeadline(row, this.holidays.calendar(), this.clock.now());
          if (due && due < now) throw AppException.field('UNPROCESSABLE', 'days', 'R20_period_passed', 'The mediation period has already passed');
          if (await m.getRepository(MediationExtension).exists({ where: { caseId, status: 'pending' } })) {
            throw AppException.field('CONFLICT', 'days', 'pendingExtension', 'An extension is already waiting for the parties');
          }
          const ext = await m
            .getRepository(MediationExtension)
            .save(m.getRepository(MediationExtension).create({ caseId, days: dto.days, reason: dto.reason, status: 'pending', proposedById: viewer.userId, proposedAt: now, decidedAt: null }));
          const parties = await m.getRepository(CaseParty).find({ where: { caseId } });
          await m.getRepository(ExtensionConsent).insert(parties.map((p) => ({ extensionId: ext.id, partyId: p.id, decision: 'pending' as const, decidedById: null, decidedAt: null })));
        },
      });
    });
    return this.ending.view(caseId, viewer);
  }

  async answerExtension(caseId: string, extensionId: string, dto: AnswerExtensionDto, viewer: Viewer): Promise<EndingView> {
    await this.db.transaction(async (manager) => {
      const { relations, actor } = await actAs(manager, caseId, viewer, ['citizen', 'agent']);
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
    return this.ending.view(caseId, viewer);
  }

  // ─── R36: sham-mediation flag ─────────────────────────────────────────────────────────

  async suspend(caseId: string, dto: SuspendDto, viewer: Viewer): Promise<{ caseId: string; state: CaseState }> {
    return this.db.transaction(async (manager) => {
      const { c, actor } = await actAs(manager, caseId, viewer, ['mediator', 'judge']);
      const courtId = await courtOfCase(manager, c);
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
          await m.getRepository(ShamReport).insert({
            caseId,
            note: dto.note,
            reporterId: viewer.userId,
            reporterRole: actor === 'judge' ? 'judge' : 'mediator',
            fromState: row.state,
            createdAt: this.clock.now(),
            resolvedAt: null,
            resolvedById: null,
            resolutionNote: null,
          });
        },
      });
      // R36: reported to the court too.
      const recipients = (await courtRecipients(manager, this.notifier, courtId)).filter((r) => r.userId !== viewer.userId);
      if (recipients.length) {
        await this.notifier.queue(manager, {
          caseId,
          eventId: null,
          dedupBase: `sham:${caseId}:${this.clock.now().getTime()}`,
          template: 'mediation_suspended',
          params: { caseNumber: c.number },
          recipients,
        });
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
      const { actor } = await actAs(manager, caseId, viewer, ['mediator', 'org_admin', 'judge']);
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
      const { c, actor } = await actAs(manager, caseId, viewer, ['mediator']);
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
    return this.ending.view(caseId, viewer);
  }
}
