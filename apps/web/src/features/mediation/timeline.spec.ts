import { describe, expect, it } from 'vitest';
import { message } from './test-messages';
import { contiguousTop, highestSeq, initialSyncPoint, mergeMessages } from './timeline';

const seqs = (list: { seq: number }[]) => list.map((m) => m.seq);

describe('mergeMessages', () => {
  it('orders by seq whatever the order of arrival (live, ack, sync, history)', () => {
    let list = mergeMessages([], [message(5)]); // a live message:new
    list = mergeMessages(list, [message(3), message(4)]); // channel:sync after a reconnect
    list = mergeMessages(list, [message(1), message(2)]); // an older history page
    list = mergeMessages(list, [message(7), message(6)]); // out of order
    expect(seqs(list)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps each message once when routes overlap (ack and message:new, sync after a page)', () => {
    const first = mergeMessages([], [message(1), message(2), message(3)]);
    const again = mergeMessages(first, [message(2), message(3), message(4), message(4)]);
    expect(seqs(again)).toEqual([1, 2, 3, 4]);
    expect(again.filter((m) => m.id === 'm-4')).toHaveLength(1);
  });

  it('returns the same array when nothing is new (no re-render)', () => {
    const list = mergeMessages([], [message(1), message(2)]);
    expect(mergeMessages(list, [message(2)])).toBe(list);
    expect(mergeMessages(list, [])).toBe(list);
  });

  it('keeps the first copy when one id arrives twice, and never shows one seq twice', () => {
    const stored = message(1, { body: 'stored' });
    const list = mergeMessages([stored], [message(1, { body: 'again' }), message(1, { id: 'other', body: 'impostor' })]);
    expect(list).toHaveLength(1);
    expect(list[0].body).toBe('stored');
  });

  it('does not change its inputs', () => {
    const current = [message(2)];
    const incoming = [message(1)];
    mergeMessages(current, incoming);
    expect(seqs(current)).toEqual([2]);
    expect(seqs(incoming)).toEqual([1]);
  });
});

describe('contiguousTop', () => {
  it('is the last seq held without a gap from the floor', () => {
    expect(contiguousTop([message(1), message(2), message(3)], 1)).toBe(3);
    expect(contiguousTop([message(1), message(2), message(5)], 1)).toBe(2);
    expect(contiguousTop([], 1)).toBe(0);
    // Loaded from the middle: a sync from seq 40 on.
    expect(contiguousTop([message(41), message(42)], 41)).toBe(42);
    expect(contiguousTop([], 41)).toBe(40);
    // Older messages below the floor do not matter.
    expect(contiguousTop([message(3), message(41), message(43)], 41)).toBe(41);
  });
});

describe('highestSeq', () => {
  it('is the last seq held, or 0', () => {
    expect(highestSeq([message(1), message(9)])).toBe(9);
    expect(highestSeq([])).toBe(0);
  });
});

describe('initialSyncPoint', () => {
  it('starts after the last seq this device saw', () => {
    expect(initialSyncPoint(17, 20, 100)).toBe(17);
    expect(initialSyncPoint(20, 20, 100)).toBe(20);
  });
  it('starts one page below the end on a first visit or after a long absence', () => {
    expect(initialSyncPoint(null, 20, 100)).toBe(0);
    expect(initialSyncPoint(null, 350, 100)).toBe(250);
    expect(initialSyncPoint(10, 350, 100)).toBe(250);
  });
  it('never starts beyond the end (a remembered seq from a reset database)', () => {
    expect(initialSyncPoint(90, 5, 100)).toBe(5);
  });
});
