/**
 * Group commit for the message hot path (TARGETS P1/P2, issue #15).
 *
 * Messages that arrive while earlier ones are being stored go to PostgreSQL together, as ONE
 * statement (one parse, one plan, one commit and WAL flush for all of them), which:
 *   - finds the ones already stored (a retry with the same sender and client id) and answers
 *     them with the stored row — the same id and seq as the first acknowledgement;
 *   - takes each channel's next sequence numbers for the rest with one UPDATE of its counter
 *     (the row lock serialises writers of a channel across statements and API processes), and
 *   - inserts them, numbered in arrival order.
 * A caller's promise resolves only after that statement COMMITTED (autocommit), so an
 * acknowledgement still means the message is durable (fsync on).
 *
 * Order and gaps: a batch holds at most one run of messages per channel, in arrival order, and a
 * channel with a batch in flight waits for it, so per channel (and so per sender) the numbers
 * follow arrival order in this process; numbers are taken only for rows that are inserted in the
 * same statement, so a failed statement rolls back both and no number is ever skipped.
 *
 * Why the duplicate check is an anti-join and not `ON CONFLICT DO NOTHING`: the numbers are taken
 * before the insert, so a row dropped by ON CONFLICT would leave a gap. The probe is the same
 * index lookup the unique key makes anyway (hot in the buffer cache), and the unique key stays the
 * backstop: a racing identical retry stored by another statement after this one's snapshot fails
 * it (23505), it rolls back whole, and the batch is run again, finding the stored row.
 */

/** One message to store, as the service validated it. */
export interface MessageRow {
  channelId: string;
  senderId: string;
  clientId: string;
  role: string;
  kind: string;
  body: string;
  concession: boolean;
  documentId: string | null;
  sharedFromMessageId: string | null;
  createdAt: Date;
}

/** What the statement answers for one message: its stored id and seq, and whether it was stored before. */
export interface StoredRow {
  id: string;
  seq: number;
  createdAt: Date | string;
  duplicate: boolean;
}

type Run = (name: string, text: string, values: unknown[]) => Promise<Array<Record<string, unknown>>>;

// $1 is a JSON array of messages (one parameter whatever the batch size: the same plan for every
// batch, and no array-literal escaping in Node). `o` is the message's position in the batch.
// The planner guesses 100 rows for json_to_recordset, so plain joins became sequential scans of
// channel_message and conversation_channel (EXPLAIN, bench/README.md): the duplicate probe is a
// LATERAL ... LIMIT 1 (one index lookup on uq_message_sender_client a message) and the counter
// UPDATE goes by `id = ANY(array)` (the primary key, in key order: writers of several channels lock
// them in the same order, so two API processes do not deadlock).
export const STORE_MESSAGES_SQL = `
WITH input AS MATERIALIZED (
  SELECT * FROM json_to_recordset($1::json) AS i(o int, channel_id uuid, sender_id uuid, client_id uuid, sender_role varchar, kind varchar, body text, concession boolean, document_id uuid, shared_from_message_id uuid, created_at timestamptz)
), dup AS (
  SELECT i.o, m.id, m.seq, m.created_at FROM input i
  CROSS JOIN LATERAL (SELECT m.id, m.seq, m.created_at FROM channel_message m WHERE m.sender_id = i.sender_id AND m.client_id = i.client_id LIMIT 1) m
), fresh AS (
  SELECT i.*, row_number() OVER (PARTITION BY i.channel_id ORDER BY i.o) AS rn
  FROM input i WHERE NOT EXISTS (SELECT 1 FROM dup d WHERE d.o = i.o)
), counts AS (
  SELECT channel_id, count(*)::int AS n FROM fresh GROUP BY channel_id
), ch AS (
  UPDATE conversation_channel c SET last_seq = c.last_seq + (SELECT k.n FROM counts k WHERE k.channel_id = c.id)
  WHERE c.id = ANY (ARRAY(SELECT channel_id FROM counts))
  RETURNING c.id, c.last_seq, (SELECT k.n FROM counts k WHERE k.channel_id = c.id) AS n
), ins AS (
  INSERT INTO channel_message (channel_id, seq, sender_id, sender_role, client_id, kind, body, concession, document_id, shared_from_message_id, created_at)
  SELECT f.channel_id, ch.last_seq - ch.n + f.rn, f.sender_id, f.sender_role, f.client_id, f.kind, f.body, f.concession, f.document_id, f.shared_from_message_id, f.created_at
  FROM fresh f JOIN ch ON ch.id = f.channel_id
  ORDER BY f.o
  RETURNING sender_id, client_id, id, seq, created_at
)
SELECT f.o, ins.id, ins.seq, ins.created_at, false AS duplicate FROM ins JOIN fresh f ON f.sender_id = ins.sender_id AND f.client_id = ins.client_id
UNION ALL
SELECT o, id, seq, created_at, true AS duplicate FROM dup`;

interface Pending {
  row: MessageRow;
  key: string;
  waiters: Array<{ resolve: (r: StoredRow | null) => void; reject: (e: unknown) => void; duplicate: boolean }>;
}

/** Errors after which the whole statement rolled back and running it again may succeed. */
const RETRYABLE = new Set(['23505', '40P01', '40001']);
const codeOf = (e: unknown) => {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err?.driverError?.code ?? err?.code;
};

export class MessageGroupCommit {
  private queue: Pending[] = [];
  /** (sender, client id) → the message waiting or in flight: a retry joins it instead of racing it. */
  private readonly byKey = new Map<string, Pending>();
  /** Channels with a batch in flight: their next messages wait for it (order per channel). */
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private scheduled = false;
  /** Statements run, messages they stored or answered, the largest batch (diagnostics, tests). */
  readonly stats = { statements: 0, messages: 0, largest: 0 };

  constructor(
    private readonly run: Run,
    private readonly options: { maxBatch: number; maxInFlight: number } = { maxBatch: 256, maxInFlight: 4 },
  ) {}

  /** Resolves after the commit with the stored row (null: no such channel). */
  store(row: MessageRow): Promise<StoredRow | null> {
    const key = `${row.senderId}:${row.clientId}`;
    return new Promise((resolve, reject) => {
      const same = this.byKey.get(key);
      if (same) {
        // The same message again before the first copy was stored: one row, both answered with it.
        same.waiters.push({ resolve, reject, duplicate: true });
        return;
      }
      const p: Pending = { row, key, waiters: [{ resolve, reject, duplicate: false }] };
      this.byKey.set(key, p);
      this.queue.push(p);
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || !this.queue.length) return;
    this.scheduled = true;
    // Whatever arrives in this turn of the event loop goes in the same batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush() {
    while (this.inFlight < this.options.maxInFlight && this.queue.length) {
      const batch: Pending[] = [];
      const rest: Pending[] = [];
      const held = new Set<string>();
      for (const p of this.queue) {
        const ch = p.row.channelId;
        // A channel in flight, or one already passed over in this scan, keeps its order: wait.
        if (batch.length >= this.options.maxBatch || this.busy.has(ch) || held.has(ch)) {
          held.add(ch);
          rest.push(p);
        } else batch.push(p);
      }
      this.queue = rest;
      if (!batch.length) return;
      const channels = new Set(batch.map((p) => p.row.channelId));
      for (const ch of channels) this.busy.add(ch);
      this.inFlight++;
      void this.execute(batch).finally(() => {
        for (const ch of channels) this.busy.delete(ch);
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async execute(batch: Pending[]) {
    try {
      const rows = await this.attempt(batch);
      this.settle(batch, rows);
    } catch (e) {
      if (batch.length === 1) return this.fail(batch, e);
      // A statement refused for one message (not a race) must not fail its neighbours: each alone.
      for (const p of batch) {
        try {
          this.settle([p], await this.attempt([p]));
        } catch (err) {
          this.fail([p], err);
        }
      }
    }
  }

  private async attempt(batch: Pending[]) {
    const json = JSON.stringify(
      batch.map((p, o) => ({
        o,
        channel_id: p.row.channelId,
        sender_id: p.row.senderId,
        client_id: p.row.clientId,
        sender_role: p.row.role,
        kind: p.row.kind,
        body: p.row.body,
        concession: p.row.concession,
        document_id: p.row.documentId,
        shared_from_message_id: p.row.sharedFromMessageId,
        created_at: p.row.createdAt.toISOString(),
      })),
    );
    this.stats.statements++;
    this.stats.messages += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    for (let tries = 1; ; tries++) {
      try {
        return await this.run('tiaojie_store_messages', STORE_MESSAGES_SQL, [json]);
      } catch (e) {
        if (!RETRYABLE.has(codeOf(e) ?? '') || tries >= 5) throw e;
      }
    }
  }

  /** Answers each message's callers in batch order (so `message:new` goes out in seq order). */
  private settle(batch: Pending[], rows: Array<Record<string, unknown>>) {
    const byPos = new Map<number, Record<string, unknown>>();
    for (const r of rows) byPos.set(Number(r.o), r);
    batch.forEach((p, o) => {
      this.byKey.delete(p.key);
      const r = byPos.get(o);
      for (const w of p.waiters) {
        w.resolve(r ? { id: String(r.id), seq: Number(r.seq), createdAt: r.created_at as Date | string, duplicate: w.duplicate || r.duplicate === true } : null);
      }
    });
  }

  private fail(batch: Pending[], e: unknown) {
    for (const p of batch) {
      this.byKey.delete(p.key);
      for (const w of p.waiters) w.reject(e);
    }
  }
}
