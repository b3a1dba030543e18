import type { MessageView } from '@tiaojie/contracts';

/**
 * The messages of one channel as the client holds them: in sequence order, each once.
 * Messages reach the client by four routes (the send acknowledgement, `message:new`,
 * `channel:sync` after a reconnect, REST history pages), often overlapping; all of them go
 * through `mergeMessages`, so the order and the absence of doubles never depend on timing.
 */

/** `incoming` merged into `current` (already in order): sorted by seq, de-duplicated by id. Returns `current` itself when nothing is new. */
export function mergeMessages(current: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  if (incoming.length === 0) return current as MessageView[];
  const byId = new Map<string, MessageView>();
  for (const message of current) byId.set(message.id, message);
  let changed = false;
  for (const message of incoming) {
    if (byId.has(message.id)) continue;
    byId.set(message.id, message);
    changed = true;
  }
  if (!changed) return current as MessageView[];
  // Sequence numbers are unique per channel; two ids with one seq cannot come from the server,
  // but if they did the first one kept wins, so a list never shows one position twice.
  const bySeq = new Map<number, MessageView>();
  for (const message of byId.values()) if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The highest sequence number up to which the client holds every message without a gap,
 * counting from `floor` (the lowest seq it has loaded, or would load next). A reconnecting
 * client asks for everything after this number; live messages above a gap do not move it.
 */
export function contiguousTop(messages: readonly MessageView[], floor: number): number {
  let top = floor - 1;
  for (const message of messages) {
    if (message.seq <= top) continue;
    if (message.seq !== top + 1) break;
    top = message.seq;
  }
  return top;
}

/** The highest sequence number held, whatever the gaps (0 for none). */
export function highestSeq(messages: readonly MessageView[]): number {
  return messages.length ? messages[messages.length - 1].seq : 0;
}

/**
 * Where the first sync of a channel starts: after the last number this device saw, but never
 * further back than one history page below the channel's end (older pages load on scroll-up).
 */
export function initialSyncPoint(persistedSeq: number | null, channelLastSeq: number, page: number): number {
  const windowStart = Math.max(0, channelLastSeq - page);
  if (persistedSeq === null) return windowStart;
  return Math.max(windowStart, Math.min(persistedSeq, channelLastSeq));
}
