import { createContext, useContext } from 'react';
import type { CaseDetail, ChannelView } from '@tiaojie/contracts';
import type { CallController, CallState } from '../call-controller';
import type { MediationRoom, RoomState } from '../room';

export interface MediationContextValue {
  caseId: string;
  room: MediationRoom;
  state: RoomState;
  viewer: { id: string; name: string };
  detail: CaseDetail | undefined;
  /** The viewer is a mediator of the case (the server gave it every caucus and the notes). */
  isMediator: boolean;
  /** Accounts of the case's mediators: "read by the mediator" and presence. */
  mediatorIds: ReadonlySet<string>;
  /** The case takes new messages (mirrors the server; the server decides). */
  writable: boolean;
  calls: { controller: CallController | null; state: CallState; supported: boolean };
}

export const MediationContext = createContext<MediationContextValue | null>(null);

export function useMediation(): MediationContextValue {
  const value = useContext(MediationContext);
  if (!value) throw new Error('useMediation outside MediationContext');
  return value;
}

/** A channel's name as its viewer calls it. */
export function channelLabel(channel: ChannelView, isMediator: boolean, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (channel.kind === 'joint') return t('channels.joint');
  if (channel.kind === 'notes') return t('channels.notes');
  return isMediator ? (channel.partyName ?? t('channels.caucus')) : t('channels.caucusMine');
}
