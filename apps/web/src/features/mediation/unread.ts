import type { MessageView } from '@tiaojie/contracts';

/**
 * Unread messages of a channel for its viewer: everything after the viewer's read position
 * (lastSeq − readSeq, as the server counts), except what the viewer wrote (or shared) itself,
 * for the messages the client holds. Never negative.
 */
export function unreadCount({ lastSeq, readSeq, messages, viewerId }: { lastSeq: number; readSeq: number; messages: readonly MessageView[]; viewerId: string }): number {
  const top = Math.max(lastSeq, messages.length ? messages[messages.length - 1].seq : 0);
  if (top <= readSeq) return 0;
  let held = 0;
  let heldOwn = 0;
  for (const message of messages) {
    if (message.seq <= readSeq) continue;
    held++;
    if (message.senderId === viewerId) heldOwn++;
  }
  const notHeld = Math.max(0, top - readSeq - held);
  return notHeld + held - heldOwn;
}

/**
 * The highest position any of `readers` has read to (for ✓✓ on the viewer's own messages);
 * `readers` null means anyone but the viewer.
 */
export function readUpTo(positions: Readonly<Record<string, number>>, viewerId: string, readers: ReadonlySet<string> | null): number {
  let top = 0;
  for (const [userId, seq] of Object.entries(positions)) {
    if (userId === viewerId) continue;
    if (readers && !readers.has(userId)) continue;
    top = Math.max(top, seq);
  }
  return top;
}
