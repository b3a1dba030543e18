import { describe, expect, it } from 'vitest';
import { message } from './test-messages';
import { readUpTo, unreadCount } from './unread';

const me = 'u-mediator';
const party = { senderId: 'u-party', senderName: '张三', senderRole: 'party' as const };

describe('unreadCount', () => {
  it('is lastSeq − readSeq for messages not held yet', () => {
    expect(unreadCount({ lastSeq: 12, readSeq: 7, messages: [], viewerId: me })).toBe(5);
    expect(unreadCount({ lastSeq: 7, readSeq: 7, messages: [], viewerId: me })).toBe(0);
  });

  it('leaves out what the viewer wrote or shared itself', () => {
    const messages = [message(1, party), message(2), message(3, party), message(4)];
    expect(unreadCount({ lastSeq: 4, readSeq: 1, messages, viewerId: me })).toBe(1);
    expect(unreadCount({ lastSeq: 4, readSeq: 0, messages, viewerId: 'u-party' })).toBe(2);
  });

  it('counts live messages beyond the channel view, and moves with the read position', () => {
    const messages = [message(1, party), message(2, party), message(3, party)];
    // The channel view said lastSeq 1; two more came live.
    expect(unreadCount({ lastSeq: 1, readSeq: 1, messages, viewerId: me })).toBe(2);
    expect(unreadCount({ lastSeq: 3, readSeq: 3, messages, viewerId: me })).toBe(0);
  });

  it('adds held and not-yet-held messages after the read position', () => {
    const messages = [message(9, party), message(10, party)];
    expect(unreadCount({ lastSeq: 10, readSeq: 5, messages, viewerId: me })).toBe(5);
  });

  it('is never negative', () => {
    expect(unreadCount({ lastSeq: 3, readSeq: 9, messages: [message(3)], viewerId: me })).toBe(0);
  });
});

describe('readUpTo', () => {
  const positions = { 'u-party': 4, 'u-agent': 6, 'u-mediator': 9 };
  it('is the furthest any chosen reader has read, never the viewer itself', () => {
    expect(readUpTo(positions, 'u-mediator', null)).toBe(6);
    expect(readUpTo(positions, 'u-mediator', new Set(['u-party']))).toBe(4);
    expect(readUpTo(positions, 'u-party', new Set(['u-mediator']))).toBe(9);
    expect(readUpTo({}, 'u-party', null)).toBe(0);
  });
});
