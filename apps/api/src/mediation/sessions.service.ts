import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale, RequestOtpResponse, SessionView } from '@tiaojie/contracts';
import { maskIdNumber, validateIdNumber } from '@tiaojie/domain';
import { DataSource, In } from 'typeorm';
import { OtpService } from '../accounts/otp.service';
import { AuditService } from '../audit/audit.service';
import { User } from '../accounts/user.entity';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { encrypt } from '../common/crypto';
import type { RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { Notifier } from '../cases/notifier';
import { MediationService } from './mediation.service';
import { MediationSession, SessionAttendance } from '../cases/session.entity';
import { CheckInCodeDto, CheckInDto, ScheduleSessionDto } from './sessions.dto';

/**
 * Scheduled sessions (R13) and check-in (R14). The mediator schedules; a separate slot needs
 * the consent of each party in it; at check-in each participant re-confirms identity (R14: a
 * code sent by SMS to their registered mobile, never something printed on their case page) and
 * acknowledges the warning against sham mediation.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly mediation: MediationService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly notifier: Notifier,
    private readonly otp: OtpService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  private async role(userId: string, caseId: string) {
    const access = await this.mediation.access(userId, caseId);
    if (!access.length) throw new AppException('NOT_FOUND', 'No such case');
    const isMediator = access.some((a) => a.role === 'mediator');
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId } });
    const own = parties.filter((p) => p.userId === userId || p.agentUserId === userId);
    return { isMediator, parties, own };
  }

  async schedule(userId: string, caseId: string, dto: ScheduleSessionDto): Promise<SessionView> {
    const { isMediator, parties } = await this.role(userId, caseId);
    if (!isMediator) throw new AppException('FORBIDDEN', 'Only the mediator schedules sessions');
    const startsAt = new Date(dto.startsAt);
    if (startsAt.getTime() < this.clock.now().getTime() + 5 * 60_000) throw AppException.field('VALIDATION_FAILED', 'startsAt', 'future', 'Choose a time at least 5 minutes from now');
    const unknown = dto.partyIds.filter((id) => !parties.some((p) => p.id === id));
    if (unknown.length) throw AppException.field('VALIDATION_FAILED', 'partyIds', 'parties', 'Choose parties of this case');
    if (!dto.separate && dto.partyIds.length !== parties.length) throw AppException.field('VALIDATION_FAILED', 'partyIds', 'allParties', 'A joint session includes every party');
    // R01: no session with a party before that party consents to mediation.
    if (dto.partyIds.some((id) => parties.find((p) => p.id === id)?.consent !== 'given')) {
      throw AppException.field('UNPROCESSABLE', 'partyIds', 'R01_consent_pending', 'A party in this session has not consented to mediation yet (R01)');
    }
    const session = await this.db.transaction(async (manager) => {
      const s = await manager.getRepository(MediationSession).save({
        caseId,
        startsAt,
        durationMinutes: dto.durationMinutes ?? 60,
        mode: dto.mode,
        separate: dto.separate,
        partyIds: dto.partyIds,
        createdById: userId,
        status: 'scheduled' as const,
        remindedAt: null,
      });
      const c = await this.lifecycle.runIn(manager, {
        caseId,
        version: null,
        userId,
        actor: 'mediator',
        event: 'session_scheduled',
        // A separate slot is announced only to the parties in it.
        audience: dto.separate ? 'organisation' : 'case',
        data: { sessionId: s.id, startsAt: startsAt.toISOString(), dueAt: startsAt.toISOString(), mode: dto.mode, separate: dto.separate },
      });
      const invited = parties.filter((p) => dto.partyIds.includes(p.id));
      const recipients = (await this.notifier.recipients(manager, c, ['applicant', 'respondent', 'agent'])).filter((r) =>
        invited.some((p) => p.mobile === r.mobile || (r.userId && (p.userId === r.userId || p.agentUserId === r.userId))),
      );
      await this.notifier.queue(manager, {
        caseId,
        eventId: null,
        dedupBase: `session:${s.id}`,
        template: 'session_scheduled',
        params: { caseNumber: c.number, dueAt: startsAt.toISOString(), mode: dto.mode },
        recipients,
      });
      return s;
    });
    return (await this.views(userId, [session]))[0];
  }

  async list(userId: string, caseId: string): Promise<SessionView[]> {
    const { isMediator, own } = await this.role(userId, caseId);
    const all = await this.db.getRepository(MediationSession).find({ where: { caseId }, order: { startsAt: 'ASC' } });
    const visible = isMediator ? all : all.filter((s) => s.partyIds.some((id) => own.some((p) => p.id === id)));
    return this.views(userId, visible);
  }

  private async views(userId: string, sessions: MediationSession[]): Promise<SessionView[]> {
    if (!sessions.length) return [];
    const attendance = await this.db.getRepository(SessionAttendance).find({ where: { sessionId: In(sessions.map((s) => s.id)) } });
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId: sessions[0].caseId } });
    return sessions.map((s) => {
      const att = attendance.filter((a) => a.sessionId === s.id);
      const consented = s.partyIds.filter((pid) => {
        const p = parties.find((x) => x.id === pid);
        return att.some((a) => a.consentedAt && (a.userId === p?.userId || a.userId === p?.agentUserId));
      });
      const checkedIn = s.partyIds.filter((pid) => {
        const p = parties.find((x) => x.id === pid);
        return att.some((a) => a.identityConfirmedAt && a.warningAcknowledgedAt && (a.userId === p?.userId || a.userId === p?.agentUserId));
      });
      const mine = att.find((a) => a.userId === userId);
      return {
        id: s.id,
        caseId: s.caseId,
        startsAt: s.startsAt.toISOString(),
        durationMinutes: s.durationMinutes,
        mode: s.mode,
        separate: s.separate,
        partyIds: s.partyIds,
        status: s.status,
        consentedPartyIds: consented,
        checkedInPartyIds: checkedIn,
        viewer: { consented: !!mine?.consentedAt, checkedIn: !!(mine?.identityConfirmedAt && mine.warningAcknowledgedAt) },
      };
    });
  }

  private async sessionFor(userId: string, sessionId: string) {
    const s = await this.db.getRepository(MediationSession).findOne({ where: { id: sessionId } });
    if (!s) throw new AppException('NOT_FOUND', 'No such session');
    const r = await this.role(userId, s.caseId).catch(() => null);
    if (!r) throw new AppException('NOT_FOUND', 'No such session');
    const mine = r.own.filter((p) => s.partyIds.includes(p.id));
    if (!r.isMediator && !mine.length) throw new AppException('NOT_FOUND', 'No such session');
    return { s, ...r, mine };
  }

  /** R13: a party consents to a separate slot. */
  async consent(userId: string, sessionId: string): Promise<SessionView> {
    const { s, mine } = await this.sessionFor(userId, sessionId);
    if (!mine.length) throw new AppException('FORBIDDEN', 'Only the parties of the session consent to it');
    await this.db.query(
      `INSERT INTO session_attendance (session_id, user_id, consented_at) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, user_id) DO UPDATE SET consented_at = COALESCE(session_attendance.consented_at, EXCLUDED.consented_at)`,
      [s.id, userId, this.clock.now()],
    );
    return (await this.views(userId, [s]))[0];
  }

  /**
   * Who checks in and whose ID it is: a party its own party row (the ID it filed with, or the
   * one it gives now), an agent or a mediator the ID on their own account (recorded in the profile).
   */
  private async checkInTarget(userId: string, sessionId: string, idNumber: string | undefined) {
    const found = await this.sessionFor(userId, sessionId);
    const { s, isMediator, mine } = found;
    if (s.status !== 'scheduled') throw AppException.field('CONFLICT', 'status', 'cancelled', 'This session was cancelled');
    const attendance = await this.db.getRepository(SessionAttendance).findOne({ where: { sessionId: s.id, userId } });
    if (s.separate && !isMediator && !attendance?.consentedAt) {
      throw AppException.field('CONFLICT', 'consent', 'consentRequired', 'Consent to the separate session first (R13)');
    }
    const user = await this.db.getRepository(User).findOneByOrFail({ id: userId });
    const ownParty = mine.find((p) => p.userId === userId) ?? null;
    const recorded = ownParty ? (ownParty.idNumberMasked ?? user.idNumberMasked) : user.idNumberMasked;
    let newId: string | null = null;
    if (!recorded) {
      // R14: a party with no ID number recorded gives it first (validated like a filing).
      if (!ownParty) throw AppException.field('CONFLICT', 'idNumber', 'noIdRecorded', 'Record your real name and ID number in your profile first');
      if (idNumber === undefined) throw AppException.field('CONFLICT', 'idNumber', 'noIdRecorded', 'Give your resident ID number first');
      const check = validateIdNumber(idNumber, this.clock.now());
      if (!check.valid) throw AppException.field('VALIDATION_FAILED', 'idNumber', 'isIdNumber', `Not a valid resident ID number (${check.reason})`);
      newId = check.normalised;
    }
    return { s, user, ownParty, newId };
  }

  /** R14: sends the check-in code to the participant's registered mobile (the shared per-number limits apply). */
  async requestCheckInCode(userId: string, sessionId: string, dto: CheckInCodeDto): Promise<RequestOtpResponse> {
    const { user } = await this.checkInTarget(userId, sessionId, dto.idNumber);
    return this.otp.request(user.mobile, 'check_in', user.locale as Locale);
  }

  /** R14: identity re-confirmed by the SMS code (and the ID number given if none was recorded), the sham-mediation warning acknowledged. */
  async checkIn(userId: string, sessionId: string, dto: CheckInDto, meta: RequestMeta | null = null): Promise<SessionView> {
    const { s, user, ownParty, newId } = await this.checkInTarget(userId, sessionId, dto.idNumber);
    // Checked in its own transaction, so a wrong guess counts.
    await this.otp.verify(user.mobile, 'check_in', dto.code);
    const now = this.clock.now();
    await this.db.transaction(async (manager) => {
      if (newId && ownParty) {
        await manager.getRepository(CaseParty).update({ id: ownParty.id }, { idNumberEnc: encrypt(this.config.idKey, newId), idNumberMasked: maskIdNumber(newId) });
      }
      await manager.query(
        `INSERT INTO session_attendance (session_id, user_id, identity_confirmed_at, warning_acknowledged_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (session_id, user_id) DO UPDATE SET identity_confirmed_at = EXCLUDED.identity_confirmed_at, warning_acknowledged_at = EXCLUDED.warning_acknowledged_at`,
        [s.id, userId, now],
      );
      // Who confirmed, when and how, in the same transaction.
      await this.audit.record(
        {
          actorId: userId,
          action: 'session.checked_in',
          targetType: 'case',
          targetId: s.caseId,
          detail: { sessionId: s.id, method: 'sms_code', partyId: ownParty?.id ?? null, idNumberRecorded: !!newId },
        },
        meta,
        manager,
      );
    });
    return (await this.views(userId, [s]))[0];
  }
}
