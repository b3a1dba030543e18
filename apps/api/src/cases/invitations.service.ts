import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { INVITATION_OTP_PURPOSE, type CaseDetail, type InvitationPreview, type InvitationView, type RequestOtpResponse } from '@tiaojie/contracts';
import { deadlineFrom, maskMobile } from '@tiaojie/domain';
import { DataSource, EntityManager } from 'typeorm';
import { OtpService } from '../accounts/otp.service';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { randomToken, sha256Hex } from '../common/crypto';
import { AppConfig } from '../config/app-config';
import { Notifier } from './notifier';
import { Organisation } from '../organisations/organisation.entity';
import { caseActorFor } from './case-access';
import { CaseLifecycleService, updateRows } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { CasesService, type Viewer } from './cases.service';

/**
 * R12: inviting the respondent. Accepting an application (CaseWorkflowService) invites each
 * respondent by SMS with a link; the mediator or organisation may send it again. Whoever holds
 * the link sees only the masked number (R15: a forwarded SMS discloses nothing), proves the
 * number with a code to see the summary, and takes the invitation up with the account of that
 * number. Each step goes through CaseLifecycleService.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly config: AppConfig,
    private readonly lifecycle: CaseLifecycleService,
    private readonly cases: CasesService,
    private readonly notifier: Notifier,
    private readonly otp: OtpService,
  ) {}

  private inviteLink(token: string) {
    return `${this.config.publicUrl}/invite/${token}`;
  }

  /** A new invitation link for the party: only its hash is stored; an earlier link stops working. */
  async issueToken(manager: EntityManager, party: CaseParty, now: Date): Promise<string> {
    const token = randomToken();
    await manager.getRepository(CaseParty).update({ id: party.id }, { invitationTokenHash: sha256Hex(token), invitedAt: now });
    return token;
  }

  /** R12: the respondents are invited (SMS with the link), each as an event of the case; in the step's transaction. */
  async queueInvitations(manager: EntityManager, c: MediationCase, invitations: Array<{ party: CaseParty; token: string }>) {
    // R35: the invitation says "free" only when the organisation charges nothing.
    const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
    for (const { party, token } of invitations) {
      const event = await this.lifecycle.appendEvent(manager, c, {
        type: 'respondent_invited',
        fromState: null,
        toState: null,
        actorId: null,
        actorRole: 'system',
        audience: 'case',
        data: { partyId: party.id, partyName: party.name },
      });
      await this.notifier.queue(manager, {
        caseId: c.id,
        eventId: event.id,
        dedupBase: event.id,
        template: 'respondent_invited',
        params: { caseNumber: c.number, disputeType: c.disputeType, link: this.inviteLink(token), free: !org?.chargesFees },
        recipients: [{ role: 'respondent', userId: party.userId, mobile: party.mobile, email: party.email, locale: party.locale ?? 'zh-CN' }],
      });
    }
  }

  async resendInvitation(caseId: string, partyId: string, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { c, actor } = await caseActorFor(manager, caseId, viewer, ['mediator', 'org_admin']);
      if (c.state !== 'ACCEPTED') throw AppException.field('CONFLICT', 'state', 'wrongState', 'Invitations are sent while the case waits for the respondent');
      const party = await manager.getRepository(CaseParty).findOne({ where: { id: partyId, caseId, side: 'respondent' } });
      if (!party) throw new AppException('NOT_FOUND', 'No such respondent');
      if (party.consent !== 'pending') throw AppException.field('CONFLICT', 'partyId', 'answered', 'This respondent has already answered');
      const token = await this.issueToken(manager, party, this.clock.now());
      void actor;
      await this.queueInvitations(manager, c, [{ party, token }]);
    });
    return this.cases.detail(caseId, viewer);
  }

  private async invitedParty(manager: EntityManager, token: string) {
    const party = await manager.getRepository(CaseParty).findOne({ where: { invitationTokenHash: sha256Hex(token), side: 'respondent' } });
    if (!party) throw new AppException('NOT_FOUND', 'This invitation link is not valid');
    return party;
  }

  private refuseClaimed(party: CaseParty) {
    if (party.userId) throw AppException.field('CONFLICT', 'token', 'claimed', 'This invitation has been taken up; log in to see the case');
  }

  /**
   * Public: what the invitation link shows to whoever holds it — only the masked number the
   * code goes to, and whether it was taken up. Nothing of the dispute (R15: a forwarded SMS
   * must not disclose it).
   */
  async invitation(token: string): Promise<InvitationPreview> {
    return this.db.transaction(async (manager) => {
      const party = await this.invitedParty(manager, token);
      if (!party.invitationOpenedAt) await manager.getRepository(CaseParty).update({ id: party.id }, { invitationOpenedAt: this.clock.now() });
      return { mobileMasked: maskMobile(party.mobile), status: party.userId ? 'claimed' : 'open' };
    });
  }

  /** Public: sends a code to the invited number (never to a number the caller names). */
  async requestInvitationCode(token: string): Promise<RequestOtpResponse> {
    const party = await this.invitedParty(this.db.manager, token);
    this.refuseClaimed(party);
    return this.otp.request(party.mobile, INVITATION_OTP_PURPOSE, 'zh-CN', { deliverToAnyNumber: true });
  }

  /**
   * Public: the summary of the invitation (no documents), once the holder of the link proves
   * the invited number with the code sent to it — and never once the invitation is taken up.
   */
  async verifiedInvitation(token: string, code: string): Promise<InvitationView> {
    const party = await this.invitedParty(this.db.manager, token);
    this.refuseClaimed(party);
    await this.otp.verify(party.mobile, INVITATION_OTP_PURPOSE, code);
    return this.db.transaction(async (manager) => {
      const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: party.caseId });
      const applicant = await manager.getRepository(CaseParty).findOne({ where: { caseId: c.id, side: 'applicant' } });
      const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
      return {
        caseId: c.id,
        caseNumber: c.number,
        disputeType: c.disputeType,
        applicantName: applicant?.name ?? '',
        respondentName: party.name,
        mobileMasked: maskMobile(party.mobile),
        organisationName: org?.name ?? null,
        chargesFees: !!org?.chargesFees,
        feeSchedule: org?.chargesFees ? org.feeSchedule : '',
        factsSummary: c.facts.length > 300 ? `${c.facts.slice(0, 300)}…` : c.facts,
        claimAmount: c.claimAmount,
        state: c.state,
        answerBy: c.mediatorAcceptedAt ? deadlineFrom('contactRespondent', c.mediatorAcceptedAt, this.holidays.calendar()).toISOString() : null,
      };
    });
  }

  /** The logged-in respondent takes up the invitation: the account's mobile must be the invited one. */
  async claimInvitation(token: string, viewer: Viewer): Promise<{ caseId: string }> {
    return this.db.transaction(async (manager) => {
      const party = await manager
        .getRepository(CaseParty)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.invitation_token_hash = :h', { h: sha256Hex(token) })
        .getOne();
      if (!party || party.side !== 'respondent') throw new AppException('NOT_FOUND', 'This invitation link is not valid');
      if (party.userId === viewer.userId) return { caseId: party.caseId };
      if (party.userId) throw AppException.field('CONFLICT', 'token', 'claimed', 'This invitation was already taken up by another account');
      if (party.mobile !== viewer.user.mobile) {
        throw AppException.field('FORBIDDEN', 'token', 'mobileMismatch', `This invitation was sent to ${maskMobile(party.mobile)}; log in with that number`);
      }
      const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: party.caseId });
      await this.lifecycle.runIn(manager, {
        caseId: c.id,
        version: null,
        userId: viewer.userId,
        actor: 'citizen',
        event: 'invitation_claimed',
        data: { partyId: party.id, partyName: party.name },
        notify: ['mediator'],
        mutate: updateRows(CaseParty, { id: party.id }, { userId: viewer.userId }),
      });
      return { caseId: c.id };
    });
  }
}
