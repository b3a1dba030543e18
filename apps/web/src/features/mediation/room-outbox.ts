import type { SendMessageAck, SendMessageRequest } from '@tiaojie/contracts';
import { newClientId, type OutboxEntry } from './outbox';
import type { RoomCore } from './room-core';
import type { Draft } from './room-state';
import type { ChannelSync } from './room-sync';

/** Refused sends worth trying again as they are (the server was busy or the sender too fast). */
const RETRYABLE = new Set(['RATE_LIMITED', 'INTERNAL', 'SERVICE_UNAVAILABLE']);

/**
 * The viewer's messages from the outbox (localStorage) to the server: sent when live, sent
 * again with the same client id when no acknowledgement came, kept with the reason when refused.
 */
export class OutboxFlusher {
  constructor(
    private readonly core: RoomCore,
    private readonly channels: ChannelSync,
  ) {}

  /** Writes a message: kept in the outbox (localStorage) until the server acknowledges it. */
  send(channelId: string, draft: Draft, beforeTransmit: () => void): OutboxEntry | null {
    const core = this.core;
    const body = draft.body.trim();
    if (!body || !core.state.byChannel[channelId]) return null;
    const entry: OutboxEntry = {
      clientId: newClientId(),
      channelId,
      body,
      kind: draft.kind ?? 'text',
      concession: draft.concession ?? false,
      createdAt: new Date(core.now()).toISOString(),
      ...(draft.attachment ? { attachment: draft.attachment } : {}),
    };
    core.outbox.add(entry);
    core.setChannel(channelId, (c) => ({ ...c, outbox: core.outbox.list(channelId) }));
    beforeTransmit();
    this.transmit(entry);
    return entry;
  }

  /** Tries a refused message again as it is (same client id). */
  retry(channelId: string, clientId: string) {
    const core = this.core;
    core.outbox.setError(channelId, clientId, undefined);
    const outbox = core.outbox.list(channelId);
    core.setChannel(channelId, (c) => ({ ...c, outbox }));
    const entry = outbox.find((e) => e.clientId === clientId);
    if (entry) this.transmit(entry);
  }

  /** Gives up on an unacknowledged message. */
  discard(channelId: string, clientId: string) {
    const core = this.core;
    core.outbox.acknowledge(channelId, clientId);
    core.setChannel(channelId, (c) => ({ ...c, outbox: core.outbox.list(channelId) }));
  }

  flush(channelId: string, includeRefused: boolean) {
    const core = this.core;
    for (const entry of core.outbox.list(channelId)) {
      if (entry.error && !includeRefused) continue;
      if (entry.error) core.outbox.setError(channelId, entry.clientId, undefined);
      this.transmit({ ...entry, error: undefined });
    }
    core.setChannel(channelId, (c) => ({ ...c, outbox: core.outbox.list(channelId) }));
  }

  private transmit(entry: OutboxEntry) {
    const core = this.core;
    if (core.stopped || core.state.status !== 'live' || !core.socket?.connected) return; // sent on the next join
    if (core.inFlight.has(entry.clientId) || entry.error) return;
    core.inFlight.add(entry.clientId);
    const request: SendMessageRequest = {
      channelId: entry.channelId,
      clientId: entry.clientId,
      body: entry.body,
      ...(entry.kind !== 'text' ? { kind: entry.kind } : {}),
      ...(entry.concession ? { concession: true } : {}),
      ...(entry.attachment ? { documentId: entry.attachment.id } : {}),
    };
    core.ask<SendMessageAck>('message:send', request).then(
      (ack) => {
        core.inFlight.delete(entry.clientId);
        if (core.stopped) return;
        if (ack.ok) {
          this.channels.mergeInto(entry.channelId, [ack.message]);
          core.outbox.acknowledge(entry.channelId, entry.clientId);
          core.setChannel(entry.channelId, (c) => ({ ...c, outbox: core.outbox.list(entry.channelId) }));
          return;
        }
        if (RETRYABLE.has(ack.code)) {
          core.later(ack.code === 'RATE_LIMITED' ? 1500 : 4000, () => this.transmitIfPending(entry.channelId, entry.clientId));
          return;
        }
        core.outbox.setError(entry.channelId, entry.clientId, { code: ack.code, message: ack.message, ...(ack.field ? { field: ack.field } : {}) });
        core.setChannel(entry.channelId, (c) => ({ ...c, outbox: core.outbox.list(entry.channelId) }));
      },
      () => {
        // No acknowledgement: stored or not, a re-send with the same client id is safe.
        core.inFlight.delete(entry.clientId);
        core.later(3000, () => this.transmitIfPending(entry.channelId, entry.clientId));
      },
    );
  }

  private transmitIfPending(channelId: string, clientId: string) {
    const entry = this.core.outbox.list(channelId).find((e) => e.clientId === clientId);
    if (entry && !entry.error) this.transmit(entry);
  }
}
