import { describe, expect, it } from 'vitest';
import { Outbox, ReceiptMemory, SeqMemory, newClientId, type KeyValueStore, type OutboxEntry } from './outbox';
import { message } from './test-messages';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const entry = (clientId: string, overrides: Partial<OutboxEntry> = {}): OutboxEntry => ({
  clientId,
  channelId: 'ch-1',
  body: `body ${clientId}`,
  kind: 'text',
  concession: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('Outbox', () => {
  it('persists unacknowledged messages per user and per channel, oldest first', () => {
    const store = memoryStore();
    const outbox = new Outbox(store, 'u-1');
    outbox.add(entry('a'));
    outbox.add(entry('b', { kind: 'proposal', concession: true }));
    outbox.add(entry('c', { channelId: 'ch-2' }));
    new Outbox(store, 'u-2').add(entry('z'));

    // A reload: a new Outbox on the same storage finds them, with everything needed to re-send.
    const reloaded = new Outbox(store, 'u-1');
    expect(reloaded.list('ch-1')).toEqual([entry('a'), entry('b', { kind: 'proposal', concession: true })]);
    expect(reloaded.list('ch-2').map((e) => e.clientId)).toEqual(['c']);
    // Another account on the same browser does not see (or send) them.
    expect(new Outbox(store, 'u-2').list('ch-1').map((e) => e.clientId)).toEqual(['z']);
    expect([...store.data.keys()].sort()).toEqual(['tiaojie.mediation.outbox.u-1.ch-1', 'tiaojie.mediation.outbox.u-1.ch-2', 'tiaojie.mediation.outbox.u-2.ch-1']);
  });

  it('keeps the same client id for a re-send (adding it again does not double it)', () => {
    const outbox = new Outbox(memoryStore(), 'u-1');
    outbox.add(entry('a'));
    outbox.add(entry('a'));
    expect(outbox.list('ch-1')).toHaveLength(1);
    expect(outbox.list('ch-1')[0].clientId).toBe('a');
  });

  it('clears an entry on acknowledgement, and the storage key with the last one', () => {
    const store = memoryStore();
    const outbox = new Outbox(store, 'u-1');
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    expect(outbox.acknowledge('ch-1', 'a')).toBe(true);
    expect(outbox.acknowledge('ch-1', 'a')).toBe(false); // a second ack (a duplicate) changes nothing
    expect(outbox.list('ch-1').map((e) => e.clientId)).toEqual(['b']);
    outbox.acknowledge('ch-1', 'b');
    expect(outbox.list('ch-1')).toEqual([]);
    expect(store.data.size).toBe(0);
  });

  it('settles entries the server already stored (seen in a sync), by the sender’s client id', () => {
    const outbox = new Outbox(memoryStore(), 'u-1');
    outbox.add(entry('00000000-0000-4000-8000-000000000001'));
    outbox.add(entry('00000000-0000-4000-8000-000000000002'));
    // Stored by this user with the first client id; another user's message with the second id does not count.
    const left = outbox.settle('ch-1', [message(1, { senderId: 'u-1' }), message(2, { senderId: 'u-other' })]);
    expect(left.map((e) => e.clientId)).toEqual(['00000000-0000-4000-8000-000000000002']);
    expect(outbox.list('ch-1')).toEqual(left);
  });

  it('records a refusal and clears it for a retry, keeping the entry', () => {
    const outbox = new Outbox(memoryStore(), 'u-1');
    outbox.add(entry('a'));
    outbox.setError('ch-1', 'a', { code: 'VALIDATION_FAILED', field: 'body', message: 'too long' });
    expect(outbox.list('ch-1')[0].error).toEqual({ code: 'VALIDATION_FAILED', field: 'body', message: 'too long' });
    outbox.setError('ch-1', 'a', undefined);
    expect(outbox.list('ch-1')[0]).toEqual(entry('a'));
  });

  it('survives broken or missing storage', () => {
    const store = memoryStore();
    store.setItem('tiaojie.mediation.outbox.u-1.ch-1', '{not json');
    expect(new Outbox(store, 'u-1').list('ch-1')).toEqual([]);
    const none = new Outbox(null, 'u-1');
    none.add(entry('a'));
    expect(none.list('ch-1')).toEqual([]);
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => new Outbox(full, 'u-1').add(entry('a'))).not.toThrow();
  });
});

describe('SeqMemory', () => {
  it('remembers the last seq per user and channel, only moving forward', () => {
    const store = memoryStore();
    const seqs = new SeqMemory(store, 'u-1');
    expect(seqs.get('ch-1')).toBeNull();
    seqs.set('ch-1', 5);
    seqs.set('ch-1', 3);
    expect(seqs.get('ch-1')).toBe(5);
    expect(new SeqMemory(store, 'u-2').get('ch-1')).toBeNull();
    seqs.set('ch-1', 0);
    expect(new SeqMemory(store, 'u-1').get('ch-1')).toBe(5);
  });
});

describe('ReceiptMemory', () => {
  it('keeps the other members’ read positions per user and channel, across a reload', () => {
    const store = memoryStore();
    new ReceiptMemory(store, 'u-1').set('ch-1', { 'u-mediator': 7 });
    expect(new ReceiptMemory(store, 'u-1').get('ch-1')).toEqual({ 'u-mediator': 7 });
    expect(new ReceiptMemory(store, 'u-2').get('ch-1')).toEqual({});
    store.setItem('tiaojie.mediation.read.u-1.ch-2', '[1,2]');
    expect(new ReceiptMemory(store, 'u-1').get('ch-2')).toEqual({});
  });
});

describe('newClientId', () => {
  it('is a v4 uuid, as the server requires', () => {
    const id = newClientId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newClientId()).not.toBe(id);
  });
});
