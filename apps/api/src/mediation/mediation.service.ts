import { CHANNEL_READABLE_STATES, inStates, mayReadChannel } from '@tiaojie/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MESSAGE_LIMITS, type ChannelKind, type ChannelMember, type ChannelView, type MessageAttachment, type MessageView, type SendMessageRequest } from '@tiaojie/contracts';
import { DataSource, In, Not } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { AppException, notFound, notFoundAsNull } from '../common/app-exception';
import type { RequestMeta } from '../common/request-meta';
import { Clock } from '../common/clock';
import { openCase, recordCaseAccess } from '../cases/case-access';
import { CaseAssignment } from '../cases/case-assignment.entity';
import { CaseParty } from '../cases/case-party.entity';
import { CaseDocument } from '../documents/case-document.entity';
import { CaseChanges } from '../cases/case-changes';
import { channelRight, channelViewerOf, consentOf, type ChannelAccess, type MemberRole } from './channel-access';
import { ConversationChannel, NO_PARTY } from './channel.entity';
import { ChannelMessage } from './message.entity';
import { MessageGroupCommit } from './message-store';

export type { ChannelAccess, MemberRole } from './channel-access';

/** A message as an export (a case file for litigation) may use it: never an R17 concession. */
export type ExportableMessage = MessageView & { channelKind: ChannelKind; partyId: string | null };

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
    private readonly clock: Clock,
  ) {
    this.store = new MessageGroupCommit((name, text, values) => this.onPool(name, text, values));
  }

  /** The hot path's writer: messages arriving together are stored in one statement (message-store.ts). */
  private readonly store: MessageGroupCommit;

  /** How the messages were grouped so far: statements, messages, largest batch. */
  storeStats() {
    return { ...this.store.stats };
  }

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
    return (await this.rightsOn(userId, caseId))?.rights ?? [];
  }

  /**
   * R15: the channel rights of one account on one case, opened through the read rule
   * (`openCase`): nothing when it may not read the case, and within it `channelRight` decides
   * each channel from the same relations REST uses. Null: the case is missing or unreadable.
   */
  private async rightsOn(userId: string, caseId: string): Promise<{ state: string; rights: ChannelAccess[] } | null> {
    const opened = await openCase(this.db.manager, caseId, userId).catch(notFoundAsNull);
    if (!opened) return null;
    const { c, relations } = opened;
    if (!inStates(CHANNEL_READABLE_STATES, c.state)) return { state: c.state, rights: [] };
    const viewer = channelViewerOf(relations, userId);
    if (!viewer.isMediator && !viewer.own.some((p) => p.consented)) return { state: c.state, rights: [] };
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
    let channels = await this.db.getRepository(ConversationChannel).find({ where: { caseId } });
    // Created once, on the first join: one caucus per party, the joint channel and the notes.
    if (channels.length < parties.length + 2) {
      await this.ensureChannels(caseId, parties);
      channels = await this.db.getRepository(ConversationChannel).find({ where: { caseId } });
    }
    const rights: ChannelAccess[] = [];
    const consent = consentOf(parties);
    for (const ch of channels) {
      const right = channelRight(ch, c.state, viewer, consent);
      if (right) rights.push({ ...right, partyName: viewer.isMediator ? (parties.find((p) => p.id === ch.partyId)?.name ?? null) : right.partyName });
    }
    const order: Record<ChannelKind, number> = { caucus: 0, joint: 1, notes: 2 };
    return { state: c.state, rights: rights.sort((a, b) => order[a.channel.kind] - order[b.channel.kind]) };
  }

  async channelIdsOf(caseId: string): Promise<string[]> {
    return (await this.db.getRepository(ConversationChannel).find({ where: { caseId }, select: { id: true } })).map((c) => c.id);
  }

  async views(userId: string, access: ChannelAccess[]): Promise<ChannelView[]> {
    const ids = access.map((a) => a.channel.id);
    // Every member's stored read position in the channels this account may read (read receipts
    // survive a reload); only rows of channels it may read, so nothing of another caucus.
    const reads: Array<{ channel_id: string; user_id: string; last_read_seq: number; read_at: Date; name: string | null }> = ids.length
      ? await this.db.query('SELECT r.channel_id, r.user_id, r.last_read_seq, r.read_at, u.name FROM channel_read r LEFT JOIN app_user u ON u.id = r.user_id WHERE r.channel_id = ANY($1)', [ids])
      : [];
    const members = await this.membersOf(access);
    return access.map(({ channel, partyName, awaitingConsent }) => ({
      id: channel.id,
      caseId: channel.caseId,
      kind: channel.kind,
      partyId: channel.kind === 'caucus' ? channel.partyId : null,
      partyName,
      open: channel.kind === 'joint' ? channel.open : true,
      lastSeq: channel.lastSeq,
      readSeq: reads.find((r) => r.channel_id === channel.id && r.user_id === userId)?.last_read_seq ?? 0,
      readers: reads
        .filter((r) => r.channel_id === channel.id && r.user_id !== userId)
        .map((r) => ({ userId: r.user_id, name: r.name ?? '', seq: r.last_read_seq, readAt: new Date(r.read_at).toISOString() })),
      members: members(channel),
      jointCall: channel.kind === 'joint' && channel.open ? (channel.jointCall ?? null) : null,
      ...(awaitingConsent ? { awaitingConsent: true as const } : {}),
    }));
  }

  /** The members of each channel (parties' and agents' accounts, the accepted mediators), by the same rule as `access`. */
  private async membersOf(access: ChannelAccess[]): Promise<(channel: ConversationChannel) => ChannelMember[]> {
    if (!access.length) return () => [];
    const caseId = access[0].channel.caseId;
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
    const mediatorIds = (await this.db.getRepository(CaseAssignment).find({ where: { caseId, status: 'accepted' } })).map((a) => a.mediatorId);
    const userIds = [...new Set([...mediatorIds, ...parties.flatMap((p) => [p.userId, p.agentUserId]).filter((x): x is string => !!x)])];
    const users = userIds.length ? await this.db.getRepository(User).find({ where: { id: In(userIds) }, select: { id: true, name: true } }) : [];
    const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? '';
    return (channel) => {
      const out: ChannelMember[] = [];
      for (const p of parties) {
        // R01: a party that has not consented is in no channel.
        if (p.consent !== 'given' || !mayReadChannel(channel, { isMediator: false, ownPartyIds: [p.id] })) continue;
        if (p.userId) out.push({ userId: p.userId, name: p.name, role: 'party' });
        if (p.agentUserId) out.push({ userId: p.agentUserId, name: nameOf(p.agentUserId), role: 'agent' });
      }
      for (const id of mediatorIds) out.push({ userId: id, name: nameOf(id), role: 'mediator' });
      return out;
    };
  }

  /**
   * R15: the one access check behind every REST route and every socket event that names a
   * channel, evaluated at that moment through the read rule (`rightsOn`) against the case's
   * state, the channel's (joint open or closed) and the account's current membership; nothing
   * is remembered. Null when the account may not read the channel (whether or not it exists).
   */
  async rightIn(userId: string, channelId: string): Promise<(ChannelAccess & { caseState: string }) | null> {
    const ch = await this.db.getRepository(ConversationChannel).findOne({ where: { id: channelId }, select: { id: true, caseId: true } });
    const on = ch ? await this.rightsOn(userId, ch.caseId) : null;
    const right = on?.rights.find((r) => r.channel.id === channelId);
    return right && on ? { ...right, caseState: on.state } : null;
  }

  /** The one access check behind REST reads: the channel, if this account may use it. */
  async channelFor(userId: string, channelId: string): Promise<ChannelAccess> {
    const access = await this.rightIn(userId, channelId);
    // The same answer whether the channel does not exist or belongs to someone else.
    if (!access) throw new AppException('NOT_FOUND', 'No such conversation');
    return access;
  }

  /**
   * R19: a read of a channel's history (REST pages, socket `channel:sync`) is a read of the case
   * file: checked as `rightIn` and written to the case access log, allowed or refused (a refusal
   * is logged when the channel exists).
   */
  async readChannel(userId: string, channelId: string, action: 'read_channel_history' | 'sync_channel', ip: string | null): Promise<ChannelAccess> {
    const access = await this.rightIn(userId, channelId);
    const caseId = access?.channel.caseId ?? (await this.db.getRepository(ConversationChannel).findOne({ where: { id: channelId }, select: { id: true, caseId: true } }))?.caseId;
    if (caseId) await recordCaseAccess(this.db.manager, { caseId, userId, action, targetId: channelId, allowed: !!access, ip });
    if (!access) throw new AppException('NOT_FOUND', 'No such conversation');
    return access;
  }

  /**
   * Stores a message, grouped with any sent at the same moment (message-store.ts): the channel's
   * next sequence number is taken and the row inserted in one statement, after checking the
   * (sender, client id) pair; a retry returns the stored message. Resolves after the commit.
   */
  async send(
    sender: { id: string; name: string },
    role: MemberRole,
    req: SendMessageRequest,
    extra: { sharedFromMessageId?: string; sharedFromKind?: ChannelKind; queued?: () => void } = {},
  ): Promise<{ message: MessageView; duplicate: boolean }> {
    let attachment: MessageAttachment | null = null;
    if (req.documentId) {
      const doc = await this.db.getRepository(CaseDocument).findOne({ where: { id: req.documentId } });
      // A sender attaches only a file they uploaded to this very channel; a shared copy carries
      // the original's file (visible in the target channel through the shared message, R15).
      const ok = doc && (extra.sharedFromMessageId ? true : doc.channelId === req.channelId && doc.uploadedById === sender.id);
      if (!ok) throw AppException.field('VALIDATION_FAILED', 'documentId', 'attachment', 'Attach a file uploaded to this conversation');
      attachment = attachmentView(doc);
    }
    const stored = this.store.store({
      channelId: req.channelId,
      senderId: sender.id,
      clientId: req.clientId,
      role,
      kind: req.kind ?? 'text',
      body: req.body,
      concession: req.concession ?? false,
      documentId: req.documentId ?? null,
      sharedFromMessageId: extra.sharedFromMessageId ?? null,
      createdAt: this.clock.now(),
    });
    extra.queued?.(); // in the queue: the sender's next message may be checked now
    const row = await stored;
    if (!row) throw new AppException('NOT_FOUND', 'No such conversation');
    if (row.duplicate) {
      const first = await this.db.getRepository(ChannelMessage).findOneByOrFail({ id: row.id });
      return { message: (await this.toViews([first]))[0], duplicate: true };
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
        attachment,
        createdAt: new Date(row.createdAt).toISOString(),
      },
    };
  }

  /**
   * Straight on the driver's pool as a named prepared statement (parsed and planned once per
   * connection), not through a TypeORM query runner (TARGETS P1/P2). The pool is node-pg's on
   * PostgreSQL and the PGlite pool otherwise; both take `{ name, text, values }`.
   */
  private onPool(name: string, text: string, values: unknown[]): Promise<Array<Record<string, unknown>>> {
    const pool = (this.db.driver as unknown as { master?: { query: (q: { name: string; text: string; values: unknown[] }) => Promise<{ rows: Array<Record<string, unknown>> }> } }).master;
    if (!pool) return this.db.query(text, values);
    return pool.query({ name, text, values }).then((r) => r.rows);
  }

  async after(channelId: string, afterSeq: number, limit = 500): Promise<MessageView[]> {
    const rows = await this.db
      .getRepository(ChannelMessage)
      .createQueryBuilder('m')
      .where('m.channel_id = :channelId AND m.seq > :afterSeq', { channelId, afterSeq })
      .orderBy('m.seq', 'ASC')
      .limit(limit)
      .getMany();
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
    const sources = sharedIds.length ? await this.db.query('SELECT m.id, c.kind FROM channel_message m JOIN conversation_channel c ON c.id = m.channel_id WHERE m.id = ANY($1)', [sharedIds]) : [];
    const docIds = [...new Set(rows.map((r) => r.documentId).filter((x): x is string => !!x))];
    const docs = docIds.length ? await this.db.getRepository(CaseDocument).find({ where: { id: In(docIds) } }) : [];
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
      attachment: r.documentId ? attachmentOrNull(docs.find((d) => d.id === r.documentId)) : null,
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
    // A missing message, one in a channel the caller may not read, and one the caller may read
    // but not share (only the case's mediator shares) all get the same answer (R15).
    const source = await this.db.getRepository(ChannelMessage).findOne({ where: { id: messageId } });
    const from = source ? await this.channelFor(mediator.id, source.channelId).catch(notFoundAsNull) : null;
    if (!source || !from || from.role !== 'mediator') throw notFound();
    const to = await this.channelFor(mediator.id, toChannelId);
    if (to.role !== 'mediator') throw new AppException('FORBIDDEN', 'Only the mediator may share');
    if (from.channel.caseId !== to.channel.caseId || from.channel.id === to.channel.id) {
      throw AppException.field('VALIDATION_FAILED', 'toChannelId', 'otherChannel', 'Share into another channel of the same case');
    }
    if (!to.canSend) throw AppException.field('CONFLICT', 'state', 'wrongState', 'The case takes no new messages');
    if (to.channel.kind === 'joint' && !to.channel.open) throw AppException.field('CONFLICT', 'toChannelId', 'jointClosed', 'Open the joint channel first');
    // R17: the shared copy keeps the concession mark, so a concession stays out of every export
    // for litigation wherever it is copied. The rule's exception (facts both parties confirmed
    // as undisputed) needs each party's recorded confirmation (the written record of R18); a
    // share by the mediator is not that, so it never lifts the mark.
    // A deterministic client id: sharing the same message into the same channel twice is one share.
    const clientId = uuidFrom(`${messageId}:${toChannelId}`);
    const result = await this.send(
      mediator,
      'mediator',
      { channelId: toChannelId, clientId, body: source.body, kind: source.kind === 'system' ? 'text' : source.kind, concession: source.concession, documentId: source.documentId ?? undefined },
      { sharedFromMessageId: source.id, sharedFromKind: from.channel.kind },
    );
    if (!result.duplicate) {
      await this.audit.record(
        {
          actorId: mediator.id,
          action: 'message.shared',
          targetType: 'case',
          targetId: from.channel.caseId,
          detail: { messageId, fromChannelId: from.channel.id, fromKind: from.channel.kind, toChannelId, toKind: to.channel.kind, sharedMessageId: result.message.id },
        },
        meta,
      );
    }
    return result;
  }

  /**
   * R17: the messages of a case that an export (a case file, anything that may reach a court)
   * may contain — every message marked as a concession is left out, and so is every shared copy
   * of one (copies keep the mark, see `share`). System messages are left out too. Which
   * channels an export may show is the caller's choice (`kinds`; a caucus is private to its
   * party and the mediators, R15); in channel order, then sequence.
   */
  async exportableMessages(caseId: string, options: { kinds?: ChannelKind[] } = {}): Promise<ExportableMessage[]> {
    const kinds = options.kinds ?? ['caucus', 'joint', 'notes'];
    const channels = await this.db.getRepository(ConversationChannel).find({ where: { caseId, kind: In(kinds) } });
    if (!channels.length) return [];
    const rows = await this.db
      .getRepository(ChannelMessage)
      .createQueryBuilder('m')
      .where('m.channel_id IN (:...ids) AND m.concession = false AND m.kind <> :system', { ids: channels.map((c) => c.id), system: 'system' })
      .orderBy('m.channel_id', 'ASC')
      .addOrderBy('m.seq', 'ASC')
      .getMany();
    const order = (id: string) => channels.findIndex((c) => c.id === id);
    const views = await this.toViews(rows.sort((a, b) => order(a.channelId) - order(b.channelId) || a.seq - b.seq));
    const byId = new Map(channels.map((c) => [c.id, c]));
    return views.filter(isExportable).flatMap((v) => {
      const ch = byId.get(v.channelId);
      return ch ? [{ ...v, channelKind: ch.kind, partyId: ch.kind === 'caucus' ? ch.partyId : null }] : [];
    });
  }

  /** The mediator opens or closes the joint channel; open connections are updated at once. */
  async setJoint(mediatorId: string, caseId: string, open: boolean) {
    const access = await this.access(mediatorId, caseId);
    const joint = access.find((a) => a.channel.kind === 'joint');
    if (!joint || joint.role !== 'mediator') throw new AppException('NOT_FOUND', 'No such case');
    // R01: no joint channel before every party consented to mediation.
    if (open && (await this.db.getRepository(CaseParty).exists({ where: { caseId, consent: Not('given') } }))) {
      throw AppException.field('CONFLICT', 'open', 'R01_consent_pending', 'Every party must consent to mediation before the joint channel opens (R01)');
    }
    await this.db.transaction(async (manager) => {
      // Opening or closing ends any joint call (R15: a new one needs everyone's consent again).
      await manager.getRepository(ConversationChannel).update({ id: joint.channel.id }, { open, jointCall: null });
      this.changes.mark(manager, caseId);
    });
    const view = (await this.views(mediatorId, await this.access(mediatorId, caseId))).find((v) => v.kind === 'joint');
    if (!view) throw new AppException('NOT_FOUND', 'No such case');
    return view;
  }
}

/** A uuid-shaped id derived from text (SHA-256), for idempotent system-made messages. */
function uuidFrom(text: string) {
  const h = require('node:crypto').createHash('sha256').update(text).digest('hex') as string;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** R17: whether a message may appear in an export for litigation (never a concession). */
export function isExportable(m: Pick<MessageView, 'concession' | 'kind'>): boolean {
  return !m.concession && m.kind !== 'system';
}

function attachmentView(d: CaseDocument): MessageAttachment {
  return { id: d.id, fileName: d.fileName, mimeType: d.mimeType, sizeBytes: d.sizeBytes, downloadUrl: `/api/cases/${d.caseId}/documents/${d.id}` };
}

function attachmentOrNull(d: CaseDocument | undefined): MessageAttachment | null {
  return d ? attachmentView(d) : null;
}
