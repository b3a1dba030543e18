import type { ChannelView, MessageView, SyncAck } from '@tiaojie/contracts';
import type { RoomCore } from './room-core';
import { mergeReaders, type ChannelState } from './room-state';
import { contiguousTop, highestSeq, initialSyncPoint, mergeMessages } from './timeline';

/** The server returns at most this many messages per `channel:sync`; a full batch means ask again. */
const SYNC_BATCH = 500;

/**
 * Keeps every channel's messages in order without gaps or doubles: the channels the server
 * allows, `channel:sync` after what is held, older pages over REST, and the merge of them all.
 */
export class ChannelSync {
  private readonly syncing = new Set<string>();
  private readonly resync = new Set<string>();

  constructor(private readonly core: RoomCore) {}

  /** The channels the server says this account may use now; states of the others are dropped. */
  applyChannels(views: ChannelView[]) {
    const byChannel: Record<string, ChannelState> = {};
    for (const view of views) {
      const current = this.core.state.byChannel[view.id];
      if (current) {
        byChannel[view.id] = {
          ...current,
          channel: { ...view, lastSeq: Math.max(view.lastSeq, highestSeq(current.messages)) },
          readSeq: Math.max(current.readSeq, view.readSeq),
          readers: mergeReaders(current.readers, view),
        };
      } else {
        byChannel[view.id] = {
          channel: view,
          messages: [],
          floor: 1,
          initialised: false,
          loadingOlder: false,
          olderFailed: false,
          readSeq: view.readSeq,
          // Stored read positions from the server (after a reload) and those remembered here.
          readers: mergeReaders(this.core.receipts.get(view.id), view),
          typing: {},
          outbox: this.core.outbox.list(view.id),
        };
      }
    }
    this.core.set({ channels: views, byChannel });
  }

  /** Merges stored messages into a channel: order, no doubles, outbox settled, last seq remembered. */
  mergeInto(channelId: string, incoming: MessageView[]) {
    const core = this.core;
    const current = core.state.byChannel[channelId];
    if (!current || incoming.length === 0) return;
    const messages = mergeMessages(current.messages, incoming);
    const outbox = core.outbox.settle(channelId, incoming);
    for (const message of incoming) if (message.senderId === core.deps.userId) core.inFlight.delete(message.clientId);
    // A member who sent a message has read up to it; its typing is over.
    const readers = { ...current.readers };
    const typing = { ...current.typing };
    let readersMoved = false;
    for (const message of incoming) {
      if (message.senderId !== core.deps.userId && (readers[message.senderId] ?? 0) < message.seq) {
        readers[message.senderId] = message.seq;
        readersMoved = true;
      }
      delete typing[message.senderId];
    }
    if (readersMoved) core.receipts.set(channelId, readers);
    const next: ChannelState = {
      ...current,
      messages,
      outbox,
      readers,
      typing,
      channel: { ...current.channel, lastSeq: Math.max(current.channel.lastSeq, highestSeq(messages)) },
    };
    core.set({ byChannel: { ...core.state.byChannel, [channelId]: next } });
    if (next.initialised) core.seqs.set(channelId, contiguousTop(messages, next.floor));
  }

  async sync(channelId: string): Promise<void> {
    const core = this.core;
    if (this.syncing.has(channelId)) {
      this.resync.add(channelId);
      return;
    }
    const start = core.state.byChannel[channelId];
    if (!start) return;
    this.syncing.add(channelId);
    const first = !start.initialised;
    try {
      let afterSeq: number;
      if (first) {
        afterSeq = initialSyncPoint(core.seqs.get(channelId), start.channel.lastSeq, core.page);
        core.setChannel(channelId, (c) => ({ ...c, floor: afterSeq + 1 }));
      } else {
        afterSeq = contiguousTop(start.messages, start.floor);
      }
      for (;;) {
        const ack = await core.ask<SyncAck>('channel:sync', { channelId, afterSeq });
        if (core.stopped) return;
        if (!ack.ok) return;
        this.mergeInto(channelId, ack.messages);
        if (ack.messages.length < SYNC_BATCH) break;
        afterSeq = ack.lastSeq;
      }
      core.setChannel(channelId, (c) => ({ ...c, initialised: true }));
      const after = core.state.byChannel[channelId];
      if (after) core.seqs.set(channelId, contiguousTop(after.messages, after.floor));
      // A conversation opens with context: the page before the sync point.
      if (first && after && after.floor > 1) void this.loadOlder(channelId);
    } catch {
      // No answer (the connection dropped): the next connect syncs again.
    } finally {
      this.syncing.delete(channelId);
      if (this.resync.delete(channelId) && !core.stopped) void this.sync(channelId);
    }
  }

  /** The page of history before the oldest held message (scroll-up), over REST. */
  async loadOlder(channelId: string) {
    const core = this.core;
    const current = core.state.byChannel[channelId];
    if (!current || current.loadingOlder || current.floor <= 1) return;
    const beforeSeq = current.floor;
    core.setChannel(channelId, (c) => ({ ...c, loadingOlder: true, olderFailed: false }));
    try {
      const page = await core.deps.fetchHistory(channelId, beforeSeq, core.page);
      if (core.stopped) return;
      this.mergeInto(channelId, page);
      const floor = page.length < core.page ? 1 : Math.min(beforeSeq, page[0].seq);
      core.setChannel(channelId, (c) => ({ ...c, floor: Math.min(c.floor, floor), loadingOlder: false }));
    } catch {
      if (!core.stopped) core.setChannel(channelId, (c) => ({ ...c, loadingOlder: false, olderFailed: true }));
    }
  }

  /** A message pushed by the server (`message:new`); a gap behind it is fetched. */
  onMessage(message: MessageView) {
    const current = this.core.state.byChannel[message.channelId];
    if (!current) return;
    const top = contiguousTop(current.messages, current.floor);
    this.mergeInto(message.channelId, [message]);
    // A gap (a message missed while the page was busy or the socket flapped): fetch what is missing.
    if (current.initialised && message.seq > top + 1) void this.sync(message.channelId);
  }
}
