import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../../app/providers';
import { createQueryClient } from '../../../lib/query-client';
import '../../../locales/mediation';
import type { MediationRoom, RoomState } from '../room';
import { MediationContext, type MediationContextValue } from './MediationContext';
import { Presence } from './PartyView';

function renderPresence(patch: Partial<RoomState>) {
  const state: RoomState = { status: 'live', errorCode: null, channels: [], byChannel: {}, mediatorsOnline: ['u-qian'], joinedOnce: true, offline: false, ...patch };
  const value: MediationContextValue = {
    caseId: 'c-1',
    room: {} as MediationRoom,
    state,
    viewer: { id: 'u-zhang', name: '张三' },
    detail: undefined,
    isMediator: false,
    mediatorIds: new Set(['u-qian']),
    writable: true,
    calls: { controller: null, state: { phase: 'idle' } as unknown as MediationContextValue['calls']['state'], supported: false },
  };
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <MediationContext.Provider value={value}>
        <Presence />
      </MediationContext.Provider>
    </AppProviders>,
  );
}

describe('the mediator’s presence on a party’s conversation page', () => {
  it('shows the mediator online while connected', async () => {
    renderPresence({});
    const presence = await screen.findByTestId('mediator-presence');
    expect(presence).toHaveAttribute('data-online', 'true');
    expect(presence).toHaveTextContent('调解员在线');
  });

  it('issue #11: offline, the presence is unknown and greyed — never a stale “online”', async () => {
    renderPresence({ offline: true, status: 'reconnecting' });
    const presence = await screen.findByTestId('mediator-presence');
    expect(presence).toHaveAttribute('data-online', 'false');
    expect(presence).toHaveAttribute('data-unknown', 'true');
    expect(presence).toHaveClass('is-unknown');
    expect(presence).toHaveTextContent('未连接，无法确认调解员是否在线');
  });
});
