import type { MessageAttachment, MessageKind, MessageView } from '@tiaojie/contracts';

/** A message the user wrote that the server has not acknowledged yet. */
export interface OutboxEntry {
  /** The id the server de-duplicates by: a re-send carries the same one. */
  clientId: string;
  channelId: string;
  body: string;
  kind: Exclude<MessageKind, 'system'>;
  concession: boolean;
  createdAt: string;
  /** A file already uploaded to the channel (R15), sent with the message; kept for re-sends. */
  attachment?: MessageAttachment;
  /** Set when the server refused it for a reason a re-send will not fix (shown with retry / discard). */
  error?: { code: string; field?: string; message: string };
}

/** The part of Web Storage the outbox uses (localStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'tiaojie.mediation';

function safeParse<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  const e = value as OutboxEntry;
  return typeof e === 'object' && e !== null && typeof e.clientId === 'string' && typeof e.channelId === 'string' && typeof e.body === 'string';
}

/**
 * Unacknowledged messages, kept in localStorage per user and per channel, so that a message
 * typed before a lost connection, a reload or a closed tab is sent (with its original client
 * id) the next time the conversation opens, and is never stored twice (DESIGN: at-least-once
 * delivery with de-duplication). An entry leaves only when the server has stored it.
 */
export class Outbox {
  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly userId: string,
  ) {}

  private key(channelId: string) {
    return `${PREFIX}.outbox.${this.userId}.${channelId}`;
  }

  private read(channelId: string): OutboxEntry[] {
    try {
      return safeParse<unknown[]>(this.storage?.getItem(this.key(channelId)) ?? null, []).filter(isEntry);
    } catch {
      return [];
    }
  }

  private write(channelId: string, entries: OutboxEntry[]) {
    try {
      if (entries.length) this.storage?.setItem(this.key(channelId), JSON.stringify(entries));
      else this.storage?.removeItem(this.key(channelId));
    } catch {
      // storage full or unavailable (private mode): the entry still lives in memory for this page
    }
  }

  /** Unacknowledged messages of a channel, oldest first. */
  list(channelId: string): OutboxEntry[] {
    return this.read(channelId);
  }

  add(entry: OutboxEntry) {
    const entries = this.read(entry.channelId).filter((e) => e.clientId !== entry.clientId);
    this.write(entry.channelId, [...entries, entry]);
  }

  /** The server stored it: the entry leaves. Returns whether there was one. */
  acknowledge(channelId: string, clientId: string): boolean {
    const entries = this.read(channelId);
    const rest = entries.filter((e) => e.clientId !== clientId);
    if (rest.length === entries.length) return false;
    this.write(channelId, rest);
    return true;
  }

  /** Records (or clears) a refusal a re-send will not fix; the entry stays for retry or discard. */
  setError(channelId: string, clientId: string, error: OutboxEntry['error'] | undefined) {
    this.write(
      channelId,
      this.read(channelId).map((e) => {
        if (e.clientId !== clientId) return e;
        const { error: _previous, ...rest } = e;
        return error ? { ...rest, error } : rest;
      }),
    );
  }

  /** Drops every entry the server already stored (seen in a sync or history page); returns the ones left. */
  settle(channelId: string, stored: readonly MessageView[]): OutboxEntry[] {
    const entries = this.read(channelId);
    if (!entries.length) return entries;
    const mine = new Set(stored.filter((m) => m.senderId === this.userId).map((m) => m.clientId));
    const rest = entries.filter((e) => !mine.has(e.clientId));
    if (rest.length !== entries.length) this.write(channelId, rest);
    return rest;
  }
}

/** The last sequence number this device saw without a gap, per user and channel (where the next sync starts). */
export class SeqMemory {
  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly userId: string,
  ) {}

  private key(channelId: string) {
    return `${PREFIX}.seq.${this.userId}.${channelId}`;
  }

  get(channelId: string): number | null {
    try {
      const value = Number(this.storage?.getItem(this.key(channelId)));
      return Number.isInteger(value) && value > 0 ? value : null;
    } catch {
      return null;
    }
  }

  /** Only ever moves forward. */
  set(channelId: string, seq: number) {
    if (seq <= (this.get(channelId) ?? 0)) return;
    try {
      this.storage?.setItem(this.key(channelId), String(seq));
    } catch {
      // storage unavailable: the next visit syncs the last page instead
    }
  }
}

/**
 * The other members' read positions this device has seen, per user and channel: the server
 * keeps read receipts ephemeral (it sends them live only), so without this a reload would turn
 * every ✓✓ back into ✓ until the other side reads again.
 */
export class ReceiptMemory {
  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly userId: string,
  ) {}

  private key(channelId: string) {
    return `${PREFIX}.read.${this.userId}.${channelId}`;
  }

  get(channelId: string): Record<string, number> {
    try {
      const value = safeParse<unknown>(this.storage?.getItem(this.key(channelId)) ?? null, {});
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
      return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => Number.isInteger(entry[1])));
    } catch {
      return {};
    }
  }

  set(channelId: string, readers: Record<string, number>) {
    try {
      this.storage?.setItem(this.key(channelId), JSON.stringify(readers));
    } catch {
      // storage unavailable: receipts show again when the other side next reads
    }
  }
}

/** A v4 uuid; crypto.randomUUID where the page is a secure context, else from getRandomValues. */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
