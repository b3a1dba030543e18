import { FILING_CONFIRMATION_STATES, inStates } from '@tiaojie/domain';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FilingConfirmationResult, Locale, RequestOtpResponse } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { OtpService, type OtpPolicy } from '../accounts/otp.service';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { shownNoticeVersion } from './notice';

/** Long enough for a citizen at the counter, or at home with the SMS. */
const CONFIRM_TTL_SECONDS = 30 * 60;

/**
 * R02 (with R01, R03): when staff (a grid worker, a police officer, a court clerk) file for a
 * citizen, the staff member cannot tick the citizen's consent or acknowledge the notice for
 * them. Submission leaves both pending and sends the citizen, at the mobile filed, a code and a
 * link to a page that shows the versioned notice; the citizen's answer with that code is the
 * citizen's own act, recorded with its time, channel (`sms_code`) and the notice version.
 * Mediation cannot start before (the state machine needs every consent and notice).
 */
@Injectable()
export class FilingConfirmationService {
  private readonly logger = new Logger(FilingConfirmationService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly otp: OtpService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly audit: AuditService,
  ) {}

  /** A staff-filed case (any channel but the citizen's own or an agent's). */
  static isStaffFiled(c: Pick<MediationCase, 'channel'>): boolean {
    return c.channel !== 'self' && c.channel !== 'agent';
  }

  private policy(caseId: string): OtpPolicy {
    const link = `${this.config.publicUrl}/confirm/${caseId}`;
    return {
      ttlSeconds: CONFIRM_TTL_SECONDS,
      // The number is the one the application was filed with: it gets the code whether or not it has an account.
      deliverToAnyNumber: true,
      // The code comes first: nothing before it has six digits in a row.
      text: {
        // Short: within two SMS segments when PUBLIC_URL has up to 40 characters (the case number is on the page).
        'zh-CN': (sig, code, minutes) => `【${sig}】验证码${code}。工作人员代您提交了调解申请，请在${link}阅读告知书并确认（${minutes}分钟有效）`,
        en: (sig, code, minutes) => `[${sig}] Code ${code}: staff filed a mediation application for you. Read the notice and confirm at ${link} (${minutes} min)`,
      },
    };
  }

  private async pending(caseId: string) {
    const c = await this.db.getRepository(MediationCase).findOne({ where: { id: caseId } });
    if (!c || !c.submittedAt || !FilingConfirmationService.isStaffFiled(c)) throw new AppException('NOT_FOUND', 'No such application to confirm');
    const party = await this.db.getRepository(CaseParty).findOne({ where: { caseId, side: 'applicant' } });
    if (!party) throw new AppException('NOT_FOUND', 'No such application to confirm');
    if (party.consent !== 'pending') throw AppException.field('CONFLICT', 'consent', 'answered', 'This application was already confirmed');
    if (!inStates(FILING_CONFIRMATION_STATES, c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', 'This application can no longer be confirmed');
    return { c, party };
  }

  /** Sends (or sends again) the code to the applicant's mobile as filed. */
  async requestCode(caseId: string): Promise<RequestOtpResponse> {
    const { c, party } = await this.pending(caseId);
    return this.otp.request(party.mobile, 'filing_confirm', 'zh-CN' as Locale, this.policy(c.id));
  }

  /** Called after a staff submission commits: a refused send (rate limit) is logged; staff or the citizen ask again. */
  async sendAfterSubmission(caseId: string): Promise<void> {
    await this.requestCode(caseId).catch((err: unknown) => this.logger.warn({ err, caseId }, 'filing confirmation code not sent'));
  }

  async confirm(caseId: string, dto: { code: string; noticeVersion: string }, meta: RequestMeta | null = null): Promise<FilingConfirmationResult> {
    const noticeVersion = shownNoticeVersion(dto.noticeVersion);
    const { party } = await this.pending(caseId);
    // Its own transaction: a wrong guess counts even though this request fails.
    await this.otp.verify(party.mobile, 'filing_confirm', dto.code);
    const now = this.clock.now();
    const c = await this.db.transaction(async (manager) => {
      // Re-read under the case lock (runIn locks the case row first).
      return this.lifecycle.runIn(manager, {
        caseId,
        version: null,
        userId: party.userId,
        actor: 'citizen',
        event: 'applicant_confirmed',
        data: { partyId: party.id, partyName: party.name, channel: 'sms_code', noticeVersion },
        mutate: async (_row, m) => {
          const res = await m.getRepository(CaseParty).update({ id: party.id, consent: 'pending' }, { consent: 'given', consentAt: now, noticeSeenAt: now, noticeVersion, consentChannel: 'sms_code' });
          if (!res.affected) throw AppException.field('CONFLICT', 'consent', 'answered', 'This application was already confirmed');
          // The client address and agent of the citizen's own act, beside the timeline event.
          await this.audit.record(
            { actorId: party.userId, action: 'case.applicant_confirmed', targetType: 'case', targetId: caseId, detail: { partyId: party.id, channel: 'sms_code', noticeVersion } },
            meta,
            m,
          );
        },
      });
    });
    return { caseNumber: c.number, confirmedAt: now.toISOString(), noticeVersion };
  }
}
