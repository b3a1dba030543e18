import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JointCallState } from '@tiaojie/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { RequestMeta } from '../common/request-meta';
import { CaseParty } from '../cases/case-party.entity';
import { ConversationChannel } from './channel.entity';
import { MediationService } from './mediation.service';
import { uncheckedLiveSession } from './session-attendance';

/**
 * R15: the joint call of the joint channel — a mediator starts and ends it, every party and
 * agent account in the channel consents before it may signal another party. Access to the
 * channel is `MediationService.rightIn`, the one check behind every channel route and event.
 */
@Injectable()
export class JointCallsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mediation: MediationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * R15: a mediator starts a joint call in the open joint channel. Every party and agent account
   * in the channel is asked to consent; until each has, parties may signal only mediators.
   */
  async startJointCall(mediatorId: string, channelId: string, meta: RequestMeta | null): Promise<JointCallState> {
    const access = await this.mediation.rightIn(mediatorId, channelId);
    if (!access) throw new AppException('NOT_FOUND', 'No such conversation');
    if (access.role !== 'mediator' || access.channel.kind !== 'joint') throw new AppException('FORBIDDEN', 'Only a mediator may start a joint call, in the joint channel');
    if (!access.canSend) throw AppException.field('CONFLICT', 'channelId', 'jointClosed', 'Open the joint channel first');
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId: access.channel.caseId }, order: { position: 'ASC' } });
    const invited = [...new Set(parties.flatMap((p) => [p.userId, p.agentUserId]).filter((x): x is string => !!x))];
    const call: JointCallState = { callId: randomUUID(), startedBy: mediatorId, startedAt: new Date().toISOString(), invited, consented: [] };
    await this.db.query('UPDATE conversation_channel SET joint_call = $2 WHERE id = $1', [channelId, JSON.stringify(call)]);
    await this.audit.record({ actorId: mediatorId, action: 'call.joint_started', targetType: 'case', targetId: access.channel.caseId, detail: { channelId, callId: call.callId, invited } }, meta);
    return call;
  }

  /** R15: a party or agent consents to the joint call in progress (recorded in the audit log). */
  async consentJointCall(userId: string, channelId: string, callId: string, meta: RequestMeta | null): Promise<JointCallState> {
    const access = await this.mediation.rightIn(userId, channelId);
    if (!access || access.channel.kind !== 'joint') throw new AppException('NOT_FOUND', 'No such conversation');
    const call = access.channel.jointCall;
    if (!access.canSend || !call || call.callId !== callId) throw AppException.field('CONFLICT', 'callId', 'noSuchCall', 'This joint call is not in progress');
    if (!call.invited.includes(userId)) throw new AppException('FORBIDDEN', 'Only the parties of the case consent to a joint call');
    // R14: a party of a session under way joins its call only once checked in.
    if (await uncheckedLiveSession(this.db.manager, access.channel.caseId, userId, this.clock.now())) {
      throw AppException.field('CONFLICT', 'checkIn', 'checkInRequired', 'Check in to the session first: confirm your identity by SMS code (R14)');
    }
    // One statement, so two consents at once both count.
    const rows: Array<{ joint_call: JointCallState }> = await this.db.query(
      `UPDATE conversation_channel SET joint_call = jsonb_set(joint_call, '{consented}', (joint_call->'consented') || to_jsonb($3::text))
        WHERE id = $1 AND joint_call->>'callId' = $2 AND NOT (joint_call->'consented') ? $3 RETURNING joint_call`,
      [channelId, callId, userId],
    );
    if (rows[0]) await this.audit.record({ actorId: userId, action: 'call.joint_consented', targetType: 'case', targetId: access.channel.caseId, detail: { channelId, callId } }, meta);
    const now = await this.db.getRepository(ConversationChannel).findOne({ where: { id: channelId } });
    if (!now?.jointCall || now.jointCall.callId !== callId) throw AppException.field('CONFLICT', 'callId', 'noSuchCall', 'This joint call is not in progress');
    return now.jointCall;
  }

  /** R15: a mediator ends the joint call. */
  async endJointCall(mediatorId: string, channelId: string): Promise<ConversationChannel> {
    const access = await this.mediation.rightIn(mediatorId, channelId);
    if (!access) throw new AppException('NOT_FOUND', 'No such conversation');
    if (access.role !== 'mediator' || access.channel.kind !== 'joint') throw new AppException('FORBIDDEN', 'Only a mediator may end a joint call');
    await this.db.query('UPDATE conversation_channel SET joint_call = NULL WHERE id = $1', [channelId]);
    return access.channel;
  }
}
