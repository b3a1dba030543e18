import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MESSAGE_LIMITS, type ChannelKind, type ChannelView, type MessageView, type SendMessageRequest } from '@tiaojie/contracts';
import { DataSource, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app-exception';
import type { RequestMeta } from '../common/request-meta';
import { CaseAssignment } from '../cases/case-assignment.entity';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CaseChanges } from './case-changes';
import { ConversationChannel, NO_PARTY } from './channel.entity';
import { ChannelMessage, ChannelRead } from './message.entity';

/** Case states in which channels exist at all, and in which they take new messages. */
const READABLE_STATES = ['ACCEPTED', 'MEDIATING', 'SUSPENDED', 'SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMED', 'CONFIRMATION_REJECTED', 'TERMINATED', 'ESCALATED', 'CLOSED'];
const WRITABLE_STATES = ['ACCEPTED', 'MEDIATING', 'SETTLED', 'CONFIRMATION_REQUESTED', 'CONFIRMATION_REJECTED'];

export type MemberRole = 'party' | 'agent' | 'mediator';

/** One channel as one account may use it: derived from the case on the server, never from the client. */
export interface ChannelAccess {
  channel: ConversationChannel;
  role: MemberRole;
  canSend: boolean;
  partyName: string | null;
}

const SEND_SQL = `
WITH dup AS (
  SELECT id, seq, created_at FROM channel_message WHERE sender_id = $2 AND client_id = $3
), ch AS (
  UPDATE conversation_channel SET last_seq = last_seq + 1
  WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM dup)
  RETURNING last_seq
), ins AS (
  INSERT INTO channel_message (channel_id, seq, sender_id, sender_role, client_id, kind, body, concession, document_id, shared_from_message_id)
  SELECT $1, ch.last_seq, $2, $4, $3, $5, $6, $7, $8, $9 FROM ch
  RETURNING id, seq, created_at
)
SELECT id, seq, created_at, false AS duplicate FROM ins
UNION ALL
SELECT id, seq, created_at, true AS duplicate FROM dup`;

/**
 * Separate sessions (背对背, R15): who may use which channel, and storing, syncing and sharing
 * messages. A caucus is its party (and agents) with the mediators; the joint channel is for
 * everyone while the mediator keeps it open; notes are the mediators' only.
 */
@Injectable()
export class MediationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly changes: CaseChanges,
  ) {}

  /** Creates the case's channels if they do not exist yet (one caucus per party, joint, notes). */
  private async ensureChannels(caseId: string, parties: CaseParty[]) {
    const rows = [
      ...parties.map((p) => ({ caseId, kind: 'caucus' as ChannelKind, partyId: p.id })),
      { caseId, kind: 'joint' as ChannelKind, partyId: NO_PARTY },
      { caseId, kind: 'notes' as ChannelKind, partyId: NO_PARTY },
    ];
    await this.db.createQueryBuilder().insert().into(ConversationChannel).values(rows).orIgnore().execute();
  }

  /** The channels `userId` may use on a case, with whether it may send in each. Empty: none. */
  async access(userId: string, caseId: string): Promise<ChannelAccess[]> {
    const c = await this.db.getRepository(MediationCase).findOne({ where: { id: caseId } });
    if (!c || !READABLE_STATES.includes(c.state)) return [];
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
    const isMediator = await this.db.getRepository(CaseAssignment).exists({ where: { caseId, mediatorId: userId, status: 'accepted' } });
    const own = parties.filter((p) => p.userId === userId || p.agentUserId === userId);
    if (!isMediator && own.length === 0) return [];
    let channels = await this.db.getRepository(ConversationChannel).find({ where: { caseId } });
    // Created once, on the first join: one caucus per party, the joint channel and the notes.
    if (channels.length < parties.length + 2) {
      await this.ensureChannels(caseId, parties);
      channels = await this.db.getRepository(ConversationChannel).find({ where: { caseId } });
    }
    const writable = WRITABLE_STATES.includes(c.state);
    const out: ChannelAccess[] = [];
    for (const ch of channels) {
      const party = parties.find((p) => p.id === ch.partyId) ?? null;
      if (isMediator) {
        out.push({ channel: ch, role: 'mediator', canSend: writable, partyName: party?.name ?? null });
        continue;
      }
      const mine = own.find((p) => p.id === ch.partyId);
      if (ch.kind === 'caucus' && mine) {
        out.push({ channel: ch, role: mine.userId === userId ? 'party' : 'agent', canSend: writable, partyName: mine.name });
      } else if (ch.kind === 'joint' && ch.open) {
        out.push({ channel: ch, role: own[0].userId === userId ? 'party' : 'agent', canSend: writable, partyName: null });
      }
    }
    const order: Record<ChannelKind, number> = { caucus: 0, joint: 1, notes: 2 };
    return out.sort((a, b) => order[a.channel.kind] - order[b.channel.kind]);
  }

  async channelIdsOf(caseId: string): Promise<string[]> {
    return (await this.db.getRepository(ConversationChannel).find({ where: { caseId }, select: { id: true } })).map((c) => c.id);
  }

  async views(userId: string, access: ChannelAccess[]): Promise<ChannelView[]> {
    const ids = access.map((a) => a.channel.id);
    const reads = ids.length ? await this.db.getRepository(ChannelRead).find({ where: { userId, channelId: In(ids) } }) : [];
    return access.map(({ channel, partyName }) => ({
      id: channel.id,
      caseId: channel.caseId,
      kind: channel.kind,
      partyId: channel.kind === 'caucus' ? channel.partyId : null,
      partyName,
      open: channel.kind === 'joint' ? channel.open : true,
      lastSeq: channel.lastSeq,
      readSeq: reads.find((r) => r.channelId === channel.id)?.lastReadSeq ?? 0,
    }));
  }

  /** The one access check behind REST reads: the channel, if this account may use it. */
  async channelFor(userId: string, channelId: string): Promise<ChannelAccess> {
    const ch = await this.db.getRepository(ConversationChannel).findOne({ where: { id: channelId } });
    const access = ch ? (await this.access(userId, ch.caseId)).find((a) => a.channel.id === channelId) : undefined;
    // The same answer whether the channel does not exist or belongs to someone else.
    if (!access) throw new AppException('NOT_FOUND', 'No such conversation');
    return access;
  }

  /**
   * Stores a message in one statement: the channel's next sequence number is taken and the
   * row inserted together, after checking the (sender, client id) pair; a retry returns the
   * stored message. A race between two identical retries fails on the unique key and rolls
   * the whole statement back, so no sequence number is ever skipped.
   */
  async send(sender: { id: string; name: string }, role: MemberRole, req: SendMessageRequest, extra: { sharedFromMessageId?: string; sharedFromKind?: ChannelKind } = {}): Promise<{ message: MessageView; duplicate: boolean }> {
    const params = [req.channelId, sender.id, req.clientId, role, req.kind ?? 'text', req.body, req.concession ?? false, req.documentId ?? null, extra.sharedFromMessageId ?? null];
    let rows: Array<{ id: string; seq: number; created_at: Date | string; duplicate: boolean }>;
    try {
      rows = await this.db.query(SEND_SQL, params);
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code !== '23505') throw e;
      rows = await this.db.query('SELECT id, seq, created_at, true AS duplicate FROM channel_message WHERE sender_id = $1 AND client_id = $2', [sender.id, req.clientId]);
    }
    const row = rows[0];
    if (!row) throw new AppException('NOT_FOUND', 'No such conversation');
    if (row.duplicate) {
      const stored = await this.db.getRepository(ChannelMessage).findOneByOrFail({ id: row.id });
      return { message: (await this.toViews([stored]))[0], duplicate: true };
    }
    return {
      duplicate: false,
      message: {
        id: row.id,
        channelId: req.channelId,
        seq: Number(row.seq),
        senderId: sender.id,
        senderName: sender.name,
        senderRole: role,
        clientId: req.clientId,
        kind: req.kind ?? 'text',
        body: req.body,
        concession: req.concession ?? false,
        sharedFromChannelKind: extra.sharedFromKind ?? null,
        documentId: req.documentId ?? null,
        createdAt: new Date(row.created_at).toISOString(),
      },
    };
  }

  async after(channelId: string, afterSeq: number, limit = 500): Promise<MessageView[]> {
    const rows = await this.db.getRepository(ChannelMessage).createQueryBuilder('m').where('m.channel_id = :channelId AND m.seq > :afterSeq', { channelId, afterSeq }).orderBy('m.seq', 'ASC').limit(limit).getMany();
    return this.toViews(rows);
  }

  async before(channelId: string, beforeSeq: number | null, limit: number = MESSAGE_LIMITS.historyPage): Promise<MessageView[]> {
    const qb = this.db.getRepository(ChannelMessage).createQueryBuilder('m').where('m.channel_id = :channelId', { channelId });
    if (beforeSeq !== null) qb.andWhere('m.seq < :beforeSeq', { beforeSeq });
    const rows = await qb.orderBy('m.seq', 'DESC').limit(limit).getMany();
    return this.toViews(rows.reverse());
  }

  private async toViews(rows: ChannelMessage[]): Promise<MessageView[]> {
    const senderIds = [...new Set(rows.map((r) => r.senderId))];
    const users = senderIds.length ? await this.db.getRepository(User).find({ where: { id: In(senderIds) }, select: { id: true, name: true } }) : [];
    const sharedIds = rows.map((r) => r.sharedFromMessageId).filter((x): x is string => !!x);
    const sources = sharedIds.length
      ? await this.db.query('SELECT m.id, c.kind FROM channel_message m JOIN conversation_channel c ON c.id = m.channel_id WHERE m.id = ANY($1)', [sharedIds])
      : [];
    return rows.map((r) => ({
      id: r.id,
      channelId: r.channelId,
      seq: r.seq,
      senderId: r.senderId,
      senderName: users.find((u) => u.id === r.senderId)?.name ?? '',
      senderRole: r.senderRole,
      clientId: r.clientId,
      kind: r.kind,
      body: r.body,
      concession: r.concession,
      sharedFromChannelKind: r.sharedFromMessageId ? (sources.find((s: { id: string; kind: ChannelKind }) => s.id === r.sharedFromMessageId)?.kind ?? 'caucus') : null,
      documentId: r.documentId,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async markRead(userId: string, channelId: string, seq: number, now: Date) {
    await this.db.query(
      `INSERT INTO channel_read (channel_id, user_id, last_read_seq, read_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel_id, user_id) DO UPDATE SET last_read_seq = GREATEST(channel_read.last_read_seq, EXCLUDED.last_read_seq), read_at = EXCLUDED.read_at`,
      [channelId, userId, seq, now],
    );
  }

  /**
   * R15: the mediator copies one item from a caucus to another party's caucus or to the joint
   * channel. Shown as shared in both places and written to the audit log.
   */
  async share(mediator: { id: string; name: string }, messageId: string, toChannelId: string, meta: RequestMeta | null): Promise<{ message: MessageView; duplicate: boolean }> {
    const source = await this.db.getRepository(ChannelMessage).findOne({ where: { id: messageId } });
    if (!source) throw new AppException('NOT_FOUND', 'No such message');
    const from = await this.channelFor(mediator.id, source.channelId);
    const to = await this.channelFor(mediator.id, toChannelId);
    if (from.role !== 'mediator' || to.role !== 'mediator') throw new AppException('FORBIDDEN', 'Only the mediator may share');
    if (from.channel.caseId !== to.channel.caseId || from.channel.id === to.channel.id) {
      throw AppException.field('VALIDATION_FAILED', 'toChannelId', 'otherChannel', 'Share into another channel of the same case');
    }
    if (!to.canSend) throw AppException.field('CONFLICT', 'state', 'wrongState', 'The case takes no new messages');
    if (to.channel.kind === 'joint' && !to.channel.open) throw AppException.field('CONFLICT', 'toChannelId', 'jointClosed', 'Open the joint channel first');
    // A deterministic client id: sharing the same message into the same channel twice is one share.
    const clientId = uuidFrom(`${messageId}:${toChannelId}`);
    const result = await this.send(mediator, 'mediator', { channelId: toChannelId, clientId, body: source.body, kind: source.kind === 'system' ? 'text' : source.kind, concession: source.concession, documentId: source.documentId ?? undefined }, { sharedFromMessageId: source.id, sharedFromKind: from.channel.kind });
    if (!result.duplicate) {
      await this.audit.record(
        { actorId: mediator.id, action: 'message.shared', targetType: 'case', targetId: from.channel.caseId, detail: { messageId, fromChannelId: from.channel.id, fromKind: from.channel.kind, toChannelId, toKind: to.channel.kind, sharedMessageId: result.message.id } },
        meta,
      );
    }
    return result;
  }

  /** The mediator opens or closes the joint channel; open connections are updated at once. */
  async setJoint(mediatorId: string, caseId: string, open: boolean) {
    const access = await this.access(mediatorId, caseId);
    const joint = access.find((a) => a.channel.kind === 'joint');
    if (!joint || joint.role !== 'mediator') throw new AppException('NOT_FOUND', 'No such case');
    await this.db.transaction(async (manager) => {
      await manager.getRepository(ConversationChannel).update({ id: joint.channel.id }, { open });
      this.changes.mark(manager, caseId);
    });
    return (await this.views(mediatorId, await this.access(mediatorId, caseId))).find((v) => v.kind === 'joint')!;
  }
}

/** A uuid-shaped id derived from text (SHA-256), for idempotent system-made messages. */
function uuidFrom(text: string) {
  const h = require('node:crypto').createHash('sha256').update(text).digest('hex') as string;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
