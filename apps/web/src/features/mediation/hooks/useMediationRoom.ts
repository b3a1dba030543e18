import { useEffect, useState, useSyncExternalStore } from 'react';
import { refreshSession } from '../../../lib/api';
import { connectSocket } from '../../../lib/socket';
import { fetchHistory } from '../api/mediation-api';
import { INITIAL_ROOM_STATE, MediationRoom, type RoomState } from '../room';

const noSubscription = () => () => undefined;
const initial = () => INITIAL_ROOM_STATE;

function browserStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The case's separate sessions for this page: a MediationRoom on a socket of its own (opened
 * with the app's typed client, closed when the page is left).
 */
export function useMediationRoom(caseId: string, userId: string | null): { room: MediationRoom | null; state: RoomState } {
  const [room, setRoom] = useState<MediationRoom | null>(null);
  useEffect(() => {
    if (!caseId || !userId) return;
    const next = new MediationRoom({ caseId, userId, connect: connectSocket, fetchHistory, storage: browserStorage(), refreshSession });
    setRoom(next);
    void next.start();
    const onVisible = () => {
      if (document.visibilityState === 'visible') next.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    // Issue #11: the offline state shows within two seconds — from the browser's own events.
    const onOffline = () => next.networkOffline();
    const onOnline = () => next.networkOnline();
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) next.networkOffline();
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      next.stop();
      setRoom((current) => (current === next ? null : current));
    };
  }, [caseId, userId]);
  const state = useSyncExternalStore(room ? room.subscribe : noSubscription, room ? room.getState : initial, initial);
  return { room, state };
}
