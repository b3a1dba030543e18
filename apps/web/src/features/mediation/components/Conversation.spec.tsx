import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ChannelView } from '@tiaojie/contracts';
import { AppProviders } from '../../../app/providers';
import { createQueryClient } from '../../../lib/query-client';
import '../../../locales/mediation';
import type { MediationRoom, RoomState } from '../room';
import { Conversation } from './Conversation';
import { MediationContext, type MediationContextValue } from './MediationContext';

function channel(overrides: Partial<ChannelView> = {}): ChannelView {
  return { id: 'ch-1', caseId: 'c-1', kind: 'caucus', partyId: 'p-2', partyName: '李四', open: true, lastSeq: 0, readSeq: 0, readers: [], members: [], jointCall: null, ...overrides };
}

function renderConversation(view: ChannelView) {
  const state: RoomState = {
    status: 'live',
    errorCode: null,
    channels: [view],
    byChannel: { [view.id]: { channel: view, messages: [], floor: 1, initialised: true, loadingOlder: false, olderFailed: false, readSeq: 0, readers: {}, typing: {}, outbox: [] } },
    mediatorsOnline: [],
    joinedOnce: true,
    offline: false,
  };
  const room = { markRead: vi.fn(), loadOlder: vi.fn(), send: vi.fn(), retry: vi.fn(), discard: vi.fn(), typing: vi.fn() } as unknown as MediationRoom;
  const value: MediationContextValue = {
    caseId: 'c-1',
    room,
    state,
    viewer: { id: 'u-qian', name: '钱调解' },
    detail: undefined,
    isMediator: true,
    mediatorIds: new Set(['u-qian']),
    writable: true,
    calls: { controller: null, state: { phase: 'idle' } as unknown as MediationContextValue['calls']['state'], supported: false },
  };
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <MediationContext.Provider value={value}>
        <Conversation channelId={view.id} active />
      </MediationContext.Provider>
    </AppProviders>,
  );
}

describe('Conversation composer (R01)', () => {
  it('R01: the mediator cannot write to a party that has not consented, and is told why', async () => {
    renderConversation(channel({ awaitingConsent: true }));
    const input = await screen.findByPlaceholderText('该当事人同意调解后才能在这里发送消息（R01）。');
    expect(input).toBeDisabled();
  });

  it('R01: once the party consented the composer is open', async () => {
    renderConversation(channel());
    expect(await screen.findByPlaceholderText('输入消息')).toBeEnabled();
  });
});
