import { useEffect, useState, useSyncExternalStore } from 'react';
import { fetchRtcConfig } from '../api/mediation-api';
import { CallController } from '../call-controller';
import { IDLE } from '../call-state';
import type { MediationRoom } from '../room';

const noSubscription = () => () => undefined;
const idle = () => IDLE;

/** Whether this browser can make calls at all (WebRTC and a camera/microphone API; a secure context). */
export function callsSupported() {
  return typeof window !== 'undefined' && typeof window.RTCPeerConnection === 'function' && !!navigator.mediaDevices?.getUserMedia;
}

/** The page's one call controller, signalling over the room's socket; a call is hung up when the page is left. */
export function useVideoCall(room: MediationRoom | null, self: { id: string; name: string } | null) {
  const [controller, setController] = useState<CallController | null>(null);
  const selfId = self?.id;
  const selfName = self?.name;
  useEffect(() => {
    if (!room || !selfId) return;
    const next = new CallController(room, { id: selfId, name: selfName ?? '' }, fetchRtcConfig);
    next.attach();
    setController(next);
    const onLeave = () => next.hangup();
    window.addEventListener('pagehide', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      next.dispose();
      setController((current) => (current === next ? null : current));
    };
  }, [room, selfId, selfName]);
  const state = useSyncExternalStore(controller ? controller.subscribe : noSubscription, controller ? controller.getState : idle, idle);
  return { controller, call: state };
}
