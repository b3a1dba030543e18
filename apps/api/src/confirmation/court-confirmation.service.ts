import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONFIRMATION_LIMITS, type ConfirmationGrantedData, type RefusalGround, type RejectionGround } from '@tiaojie/contracts';
import { chinaYearOf, deadlineFrom, rulingNumber } from '@tiaojie/domain';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { FileStorage } from '../documents/storage';
import { Notifier } from '../cases/notifier';
import { Court } from '../organisations/court.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Agreement, Obligation } from '../cases/agreement.entity';
import { withStoredFiles } from '../settlement/signing-ceremony';
import { newVerificationCode } from '../settlement/verification-code';
import { ConfirmationApplication, ConfirmationMessage, ConfirmationSupplement } from '../cases/confirmation.entity';
import { renderRulingPdf } from './confirmation-pdf';
import { awaitsDecision, courtName, OPEN } from './confirmation-views';
import { CourtReadsService, forCourt } from './court-reads.service';

export interface CourtViewer {
  userId: string;
  user: User;
  role: 'judge' | 'clerk';
}

/**
 * Judicial confirmation, the court's steps (R33, R34): acceptance, the one extension, refusal,
 * requests for materials and the judge's decision on a missed one, messages, and the ruling
 * (confirm or reject). Only judges and clerks of the application's court may act (`forCourt`);
 * the queue and the package are CourtReadsService. Every state change goes through
 * CaseLifecycleService.
 */
@Injectable()
export class CourtConfirmationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly config: AppConfig,
    private readonly reads: CourtReadsService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly storage: FileStorage,
    private readonly notifier: Notifier,
  ) {}

  private async courtStep<T>(
    userId: string,
    applicationId: string,
    work: (manager: EntityManager, ctx: { app: ConfirmationApplication; role: 'judge' | 'clerk'; c: MediationCase; user: User; now: Date }) => Promise<T>,
  ) {
    await this.db.transaction(async (manager) => {
      const found = await forCourt(manager, userId, applicationId, true);
      const user = await manager.getRepository(User).findOneByOrFail({ id: userId });
      await work(manager, { ...found, user, now: this.clock.now() });
    });
    return this.reads.courtDetail(userId, applicationId);
  }

  private requireJudge(role: 'judge' | 'clerk', what: string) {
    if (role !== 'judge') throw new AppException('FORBIDDEN', `Only a judge may ${what}`);
  }

  private requireStatus(app: ConfirmationApplication, allowed: readonly string[], message: string) {
    if (!allowed.includes(app.status)) throw AppException.field('CONFLICT', 'state', 'wrongState', message);
  }

  /** R33: accept the application (within 3 days); the 15 days for the ruling start. */
  accept(userId: string, applicationId: string) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, now }) => {
      this.requireStatus(app, ['submitted'], 'Only a newly filed application can be accepted');
      const ruleBy = deadlineFrom('courtRule', now, this.holidays.calendar());
      await manager.getRepository(ConfirmationApplication).update({ id: app.id }, { status: 'accepted', acceptedAt: now, acceptedById: userId, ruleBy });
      await this.lifecycle.runIn(manager, {
        caseId: c.id,
        version: null,
        userId,
        actor: role,
        event: 'confirmation_accepted',
        data: { applicationId: app.id, dueAt: ruleBy.toISOString(), courtName: await courtName(manager, app) },
        notify: ['applicant', 'respondent', 'agent'],
      });
    });
  }

  /**
   * R33: the ruling period may be extended once, by 10 days, with the approval of the court's
   * president (院长): who approved it and when are recorded with the extension.
   */
  extend(userId: string, applicationId: string, dto: { reason: string; approvedBy: string; approvedAt: string }) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, now }) => {
      this.requireJudge(role, 'extend the period');
      this.requireStatus(app, ['accepted'], 'Only an accepted application has a ruling period');
      if (app.extendedAt) throw AppException.field('CONFLICT', 'reason', 'R33_extended_once', 'The ruling period was already extended once (R33)');
      const approvedAt = new Date(dto.approvedAt);
      if (!Number.isFinite(approvedAt.getTime())) throw AppException.field('VALIDATION_FAILED', 'approvedAt', 'isDate', 'approvedAt is not a real date-time');
      if (approvedAt > now) throw AppException.field('VALIDATION_FAILED', 'approvedAt', 'R33_approved_not_future', 'The approval cannot be in the future');
      if (app.acceptedAt && approvedAt < app.acceptedAt) throw AppException.field('VALIDATION_FAILED', 'approvedAt', 'R33_approved_after_acceptance', 'The approval cannot precede the acceptance');
      const approvedBy = dto.approvedBy.trim();
      if (!approvedBy) throw AppException.field('VALIDATION_FAILED', 'approvedBy', 'isNotEmpty', 'Name the person who approved the extension');
      const ruleBy = deadlineFrom('courtRuleExtension', app.ruleBy ?? now, this.holidays.calendar());
      // Conditional on "not extended yet": two extensions at once cannot both pass (R33: once).
      const res = await manager
        .getRepository(ConfirmationApplication)
        .update({ id: app.id, extendedAt: IsNull() }, { ruleBy, extendedAt: now, extensionReason: dto.reason, extendedById: userId, extensionApprovedBy: approvedBy, extensionApprovedAt: approvedAt });
      if (!res.affected) throw AppException.field('CONFLICT', 'reason', 'R33_extended_once', 'The ruling period was already extended once (R33)');
      await this.lifecycle.runIn(manager, {
        caseId: c.id,
        version: null,
        userId,
        actor: role,
        event: 'confirmation_extended',
        data: { applicationId: app.id, dueAt: ruleBy.toISOString(), reason: dto.reason, approvedBy, approvedAt: approvedAt.toISOString(), courtName: await courtName(manager, app) },
        notify: ['applicant', 'respondent', 'agent'],
      });
    });
  }

  /**
   * R33: the court refuses to accept the application (不予受理) with a ground, before accepting
   * it (the 3 days of R33; a late refusal is recorded as such). The agreement stays in effect.
   */
  refuse(userId: string, applicationId: string, dto: { reasonCode: RefusalGround; reasonNote?: string }, version: number | null) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, user, now }) => {
      this.requireJudge(role, 'refuse to accept an application');
      this.requireStatus(app, ['submitted'], app.status === 'accepted' ? 'An accepted application is ruled on, not refused (R33)' : `The application is ${app.status}`);
      await this.lifecycle.runIn(manager, {
        caseId: c.id,
        version,
        userId,
        actor: 'judge',
        action: 'refuse_confirmation',
        event: 'confirmation_refused',
        context: { reasonCode: dto.reasonCode, reasonNote: dto.reasonNote },
        data: { applicationId: app.id, reasonCode: dto.reasonCode, reasonNote: dto.reasonNote ?? null, courtName: await courtName(manager, app), withinPeriod: !!app.acceptBy && now <= app.acceptBy },
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (_row, m) => {
          await m
            .getRepository(ConfirmationApplication)
            .update({ id: app.id }, { status: 'refused', refusedAt: now, judgeId: userId, judgeName: user.name, refusalGround: dto.reasonCode, refusalNote: dto.reasonNote ?? null });
        },
      });
    });
  }

  /**
   * R33 (JC2011 6): a missed deadline for supplementary materials is put to the judge, who
   * decides whether it counts as withdrawal (the application ends, the case returns to SETTLED)
   * or the application goes on (the parties may still provide the materials).
   */
  decideSupplement(userId: string, applicationId: string, supplementId: string, dto: { withdrawn: boolean; note?: string }) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, now }) => {
      this.requireJudge(role, 'decide on missed materials');
      this.requireStatus(app, OPEN, 'The application is no longer pending');
      const s = await manager.getRepository(ConfirmationSupplement).findOne({ where: { id: supplementId, applicationId: app.id } });
      if (!s) throw new AppException('NOT_FOUND', 'No such request');
      if (!awaitsDecision(s, now)) {
        throw AppException.field(
          'CONFLICT',
          'supplement',
          s.decision ? 'R33_already_decided' : 'R33_supplement_not_missed',
          s.decision ? 'This request was already decided' : 'The deadline has not passed, or the materials were provided',
        );
      }
      const decided = { missedAt: s.missedAt ?? now, decision: dto.withdrawn ? ('withdrawn' as const) : ('continue' as const), decidedAt: now, decidedById: userId, decisionNote: dto.note ?? null };
      const data = { applicationId: app.id, supplementId: s.id, dueAt: s.dueAt.toISOString(), note: dto.note ?? null, courtName: await courtName(manager, app) };
      if (!dto.withdrawn) {
        await manager.getRepository(ConfirmationSupplement).update({ id: s.id }, decided);
        await this.lifecycle.runIn(manager, { caseId: c.id, version: null, userId, actor: 'judge', event: 'confirmation_supplement_excused', data, notify: ['applicant', 'respondent', 'agent'] });
        return;
      }
      await this.lifecycle.runIn(manager, {
        caseId: c.id,
        version: null,
        userId,
        actor: 'judge',
        action: 'supplement_deadline_missed',
        event: 'confirmation_supplement_withdrawn',
        context: { supplementDeadline: s.dueAt },
        data,
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (_row, m) => {
          await m.getRepository(ConfirmationSupplement).update({ id: s.id }, decided);
          await m.getRepository(ConfirmationApplication).update({ id: app.id }, { status: 'withdrawn', withdrawnAt: now, withdrawnReason: 'supplement_missed' });
        },
      });
    });
  }

  /** R33: ask the parties for supplementary materials by a deadline (if missed, the judge decides whether it counts as withdrawal). */
  requestSupplement(userId: string, applicationId: string, dto: { text: string; dueDate: string }) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, now }) => {
      this.requireStatus(app, OPEN, 'Materials can be requested only while the application is pending');
      let dueAt: Date;
      try {
        dueAt = this.holidays.calendar().endOfDay(dto.dueDate);
      } catch {
        throw AppException.field('VALIDATION_FAILED', 'dueDate', 'isDate', 'dueDate is not a real date');
      }
      if (!Number.isFinite(dueAt.getTime())) throw AppException.field('VALIDATION_FAILED', 'dueDate', 'isDate', 'dueDate is not a real date');
      if (dueAt <= now) throw AppException.field('VALIDATION_FAILED', 'dueDate', 'future', 'The deadline must be in the future');
      if (dueAt.getTime() - now.getTime() > (CONFIRMATION_LIMITS.supplementMaxDays + 1) * 86400_000) {
        throw AppException.field('VALIDATION_FAILED', 'dueDate', 'max', `The deadline may be at most ${CONFIRMATION_LIMITS.supplementMaxDays} days ahead`);
      }
      const s = await manager.getRepository(ConfirmationSupplement).save({ applicationId: app.id, caseId: c.id, text: dto.text, dueAt, requestedById: userId, documentIds: [] });
      await this.lifecycle.runIn(manager, {
        caseId: c.id,
        version: null,
        userId,
        actor: role,
        event: 'confirmation_supplement_requested',
        data: { applicationId: app.id, supplementId: s.id, text: dto.text, dueAt: dueAt.toISOString(), courtName: await courtName(manager, app) },
        notify: ['applicant', 'respondent', 'agent'],
      });
    });
  }

  courtMessage(userId: string, applicationId: string, body: string) {
    return this.courtStep(userId, applicationId, async (manager, { app, c, user, now }) => {
      this.requireStatus(app, OPEN, 'The application is no longer pending');
      const court = await courtName(manager, app);
      await manager.getRepository(ConfirmationMessage).insert({ applicationId: app.id, authorId: userId, authorRole: 'court', authorName: `${court} ${user.name}`, body, createdAt: now });
      const recipients = await this.notifier.recipients(manager, c, ['applicant', 'respondent', 'agent']);
      await this.notifier.queue(manager, {
        caseId: c.id,
        eventId: null,
        dedupBase: `confirmation:message:${app.id}:${now.getTime()}`,
        template: 'confirmation_message',
        params: { caseNumber: c.number, courtName: court },
        recipients,
      });
    });
  }

  /** R34: a valid ruling. Renders the 民事裁定书; the agreement becomes enforceable. */
  confirm(userId: string, applicationId: string, version: number | null) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, user, now }) => {
      this.requireJudge(role, 'rule');
      this.requireStatus(app, ['accepted'], app.status === 'submitted' ? 'Accept the application before ruling' : `The application is ${app.status}`);
      // The court row is locked so two rulings of one court at the same moment get consecutive numbers.
      const court = await manager.getRepository(Court).findOneOrFail({ where: { id: app.courtId }, lock: { mode: 'pessimistic_write' } });
      const year = chinaYearOf(now);
      const [{ n }] = await manager.query(`SELECT COUNT(*)::int AS n FROM confirmation_application WHERE court_id = $1 AND ruling_number IS NOT NULL AND ruling_number LIKE $2`, [
        court.id,
        `(${year})%`,
      ]);
      const number = rulingNumber(year, court.region, Number(n) + 1);
      const verificationCode = await newVerificationCode(manager);
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
      const agreement = await manager.getRepository(Agreement).findOneByOrFail({ id: app.agreementId });
      const obligations = await manager.getRepository(Obligation).find({ where: { agreementId: agreement.id }, order: { seq: 'ASC' } });
      const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
      const pdf = await renderRulingPdf({
        court,
        number,
        parties,
        agreement,
        obligations,
        organisationName: org?.name ?? null,
        submittedAt: app.submittedAt ?? now,
        judgeName: user.name,
        ruledAt: now,
        verificationCode,
        verifyUrl: `${this.config.publicUrl}/verify?code=${verificationCode}`,
      });
      const data: ConfirmationGrantedData = { applicationId: app.id, rulingNumber: number, courtId: court.id, courtName: court.name, ruledAt: now.toISOString() };
      // The ruling's PDF is removed again if the step fails.
      await withStoredFiles(this.storage, async (store) => {
        const storedKey = await store(pdf.buffer);
        await this.lifecycle.runIn(manager, {
          caseId: c.id,
          version,
          userId,
          actor: 'judge',
          action: 'confirm',
          event: 'confirmation_granted',
          data: { ...data },
          notify: ['applicant', 'respondent', 'agent', 'mediator'],
          mutate: async (_row, m) => {
            await m.getRepository(ConfirmationApplication).update(
              { id: app.id },
              {
                status: 'confirmed',
                ruledAt: now,
                judgeId: userId,
                judgeName: user.name,
                rulingNumber: number,
                rulingPdfKey: storedKey,
                rulingPdfSha256: pdf.sha256,
                verificationCode,
              },
            );
          },
        });
      });
    });
  }

  /** R34: a rejection with grounds; the parties may amend, make a new agreement, or go to court. */
  reject(userId: string, applicationId: string, dto: { reasonCode: RejectionGround; reasonNote?: string }, version: number | null) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, user, now }) => {
      this.requireJudge(role, 'rule');
      this.requireStatus(app, ['accepted'], app.status === 'submitted' ? 'Accept the application before ruling' : `The application is ${app.status}`);
      await this.lifecycle.runIn(manager, {
        caseId: c.id,
        version,
        userId,
        actor: 'judge',
        action: 'reject_confirmation',
        event: 'confirmation_rejected',
        context: { reasonCode: dto.reasonCode, reasonNote: dto.reasonNote },
        data: { applicationId: app.id, reasonCode: dto.reasonCode, reasonNote: dto.reasonNote ?? null, courtName: await courtName(manager, app), routes: ['amend', 'new_agreement', 'court'] },
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (row, m) => {
          row.reasonNote = dto.reasonNote ?? null;
          await m
            .getRepository(ConfirmationApplication)
            .update({ id: app.id }, { status: 'rejected', ruledAt: now, judgeId: userId, judgeName: user.name, rejectionGround: dto.reasonCode, rejectionNote: dto.reasonNote ?? null });
        },
      });
    });
  }
}
