import type { MessageView } from '@tiaojie/contracts';

/** A stored message for tests of the pure parts. */
export function message(seq: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: `m-${seq}`,
    channelId: 'ch-1',
    seq,
    senderId: 'u-mediator',
    senderName: '钱调解',
    senderRole: 'mediator',
    clientId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    kind: 'text',
    body: `message ${seq}`,
    concession: false,
    sharedFromChannelKind: null,
    documentId: null,
    attachment: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 9, 0, seq)).toISOString(),
    ...overrides,
  };
}
