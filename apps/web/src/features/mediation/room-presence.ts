import type { RoomCore } from './room-core';
import { highestSeq } from './timeline';

const TYPING_SHOWN_MS = 6_000;
const TYPING_REPEAT_MS = 2_500;

/**
 * Who is there and what they have seen: the mediators online (`presence`), read receipts
 * (`message:read`, ✓✓) and typing indicators, both ways.
 */
export class PresenceReceipts {
  private readonly typingSentAt = new Map<string, number>();
  /** Presence events received while a join is answered (the ack's list was taken before them). */
  private presenceDuringJoin: Map<string, boolean> | null = null;

  constructor(private readonly core: RoomCore) {}

  /** Starts collecting the presence events that arrive while a join is answered. */
  beginJoin(): Map<string, boolean> {
    const during = new Map<string, boolean>();
    this.presenceDuringJoin = during;
    return during;
  }

  endJoin(during: Map<string, boolean>) {
    if (this.presenceDuringJoin === during) this.presenceDuringJoin = null;
  }

  /** A message was sent: the next keystroke announces typing again. */
  forgetTyping(channelId: string) {
    this.typingSentAt.delete(channelId);
  }

  /** The viewer has seen the channel up to what it holds: tells the server (and the other members). */
  markRead(channelId: string) {
    const core = this.core;
    const current = core.state.byChannel[channelId];
    if (!current || !core.socket?.connected || core.state.status !== 'live') return;
    const top = highestSeq(current.messages);
    if (top <= current.readSeq) return;
    core.socket.emit('message:read', { channelId, seq: top });
    core.setChannel(channelId, (c) => ({ ...c, readSeq: Math.max(c.readSeq, top) }));
  }

  /** Typing indicator: repeated while typing (so it does not expire on the other side), cleared on stop. */
  setTyping(channelId: string, typing: boolean) {
    const core = this.core;
    if (!core.socket?.connected || core.state.status !== 'live') return;
    const last = this.typingSentAt.get(channelId);
    if (typing) {
      if (last !== undefined && core.now() - last < TYPING_REPEAT_MS) return;
      this.typingSentAt.set(channelId, core.now());
    } else {
      if (last === undefined) return;
      this.typingSentAt.delete(channelId);
    }
    core.socket.emit('typing', { channelId, typing });
  }

  onTyping = (event: { channelId: string; userId: string; name: string; typing: boolean }) => {
    const core = this.core;
    if (event.userId === core.deps.userId) return;
    core.setChannel(event.channelId, (c) => {
      const typing = { ...c.typing };
      if (event.typing) typing[event.userId] = { name: event.name, until: core.now() + TYPING_SHOWN_MS };
      else delete typing[event.userId];
      return { ...c, typing };
    });
    if (event.typing) core.later(TYPING_SHOWN_MS + 50, () => this.expireTyping(event.channelId));
  };

  private expireTyping(channelId: string) {
    const core = this.core;
    const now = core.now();
    const current = core.state.byChannel[channelId];
    if (!current || !Object.values(current.typing).some((t) => t.until <= now)) return;
    core.setChannel(channelId, (c) => ({ ...c, typing: Object.fromEntries(Object.entries(c.typing).filter(([, t]) => t.until > now)) }));
  }

  onRead = (event: { channelId: string; userId: string; seq: number }) => {
    const core = this.core;
    if (event.userId === core.deps.userId) {
      core.setChannel(event.channelId, (c) => ({ ...c, readSeq: Math.max(c.readSeq, event.seq) }));
      return;
    }
    core.setChannel(event.channelId, (c) => {
      if ((c.readers[event.userId] ?? 0) >= event.seq) return c;
      const readers = { ...c.readers, [event.userId]: event.seq };
      core.receipts.set(event.channelId, readers);
      return { ...c, readers };
    });
  };

  onPresence = (event: { caseId: string; userId: string; online: boolean }) => {
    const core = this.core;
    if (event.caseId !== core.deps.caseId) return;
    this.presenceDuringJoin?.set(event.userId, event.online);
    const others = core.state.mediatorsOnline.filter((id) => id !== event.userId);
    core.set({ mediatorsOnline: event.online ? [...others, event.userId] : others });
  };
}
