import { fireEvent, render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../../app/providers';
import { createQueryClient } from '../../../lib/query-client';
import '../../../locales/mediation';
import type { CallController, CallState } from '../call-controller';
import { CallPanel } from './CallPanel';
import { MediationContext, type MediationContextValue } from './MediationContext';

const base: CallState = {
  phase: 'connected',
  channelId: 'ch-1',
  callId: 'call-1',
  video: true,
  peerName: '钱调解',
  peerId: 'u-qian',
  iceState: 'connected',
  endReason: null,
  localStream: {} as MediaStream,
  remoteStream: null,
  muted: false,
  cameraOff: false,
  reconnecting: false,
};

function renderPanel(call: Partial<CallState>, cameras = 2, room: { offline?: boolean; status?: string } = {}) {
  const controller = {
    toggleMute: vi.fn(),
    toggleCamera: vi.fn(),
    switchCamera: vi.fn(async () => undefined),
    hangup: vi.fn(),
    dismiss: vi.fn(),
    cameras: vi.fn(async () => Array.from({ length: cameras }, () => ({ kind: 'videoinput' }))),
  };
  const value = {
    state: { byChannel: {}, status: 'live', offline: false, ...room },
    isMediator: false,
    calls: { controller: controller as unknown as CallController, state: { ...base, ...call }, supported: true },
  } as unknown as MediationContextValue;
  render(
    <AppProviders queryClient={createQueryClient()}>
      <MediationContext.Provider value={value}>
        <CallPanel />
      </MediationContext.Provider>
    </AppProviders>,
  );
  return controller;
}

describe('CallPanel controls (issue #11)', () => {
  beforeAll(() => {
    // jsdom does not play media.
    HTMLMediaElement.prototype.play = vi.fn(async () => undefined);
  });

  it('offers mute, camera off and switch camera in a video call', async () => {
    const controller = renderPanel({});
    fireEvent.click(screen.getByTestId('call-mute'));
    expect(controller.toggleMute).toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('call-camera'));
    expect(controller.toggleCamera).toHaveBeenCalled();
    fireEvent.click(await screen.findByTestId('call-switch-camera'));
    expect(controller.switchCamera).toHaveBeenCalled();
  });

  it('shows the muted and camera-off state, and no camera switch with one camera', async () => {
    renderPanel({ muted: true, cameraOff: true }, 1);
    expect(screen.getByTestId('call-mute')).toHaveTextContent('取消静音');
    expect(screen.getByTestId('call-mute')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('call-camera')).toHaveTextContent('打开摄像头');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId('call-switch-camera')).toBeNull();
  });

  it('says it is reconnecting after a drop', () => {
    renderPanel({ reconnecting: true });
    expect(screen.getByTestId('call-status')).toHaveTextContent('网络中断，正在重新连接…');
  });

  it('says it is reconnecting while the page has no network in a call (issue #11)', () => {
    renderPanel({}, 2, { offline: true, status: 'reconnecting' });
    expect(screen.getByTestId('call-status')).toHaveTextContent('网络中断，正在重新连接…');
    expect(screen.getByTestId('call-panel')).toHaveAttribute('data-reconnecting', 'true');
  });

  it('a ringing call does not claim to reconnect while the page is offline', () => {
    renderPanel({ phase: 'incoming', localStream: null }, 2, { offline: true, status: 'reconnecting' });
    expect(screen.getByTestId('call-status')).toHaveTextContent('钱调解 邀请您视频通话');
  });

  it('ended after a drop: says the connection was lost', () => {
    renderPanel({ phase: 'ended', endReason: 'dropped', localStream: null });
    expect(screen.getByTestId('call-status')).toHaveTextContent('通话已结束：网络连接中断');
    expect(screen.queryByTestId('call-mute')).toBeNull();
  });
});
