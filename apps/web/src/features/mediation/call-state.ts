import type { RtcSignal } from '@tiaojie/contracts';
import type { RtcListener } from './room';

/*
 * One call's state, its timings and the payloads of its `rtc:signal` messages (R16), apart from
 * the controller (call-controller.ts) that moves a call through its phases.
 */

/** How long a call rings before it counts as not answered. */
export const RING_MS = 45_000;
/** How long a call may take to connect once answered. */
export const CONNECT_MS = 30_000;
/** How long the "call ended" notice stays before the panel closes by itself. */
export const ENDED_SHOWN_MS = 8_000;

export type CallPhase = 'idle' | 'outgoing' | 'incoming' | 'connecting' | 'connected' | 'ended';
export type CallEndReason = 'hangup' | 'remoteHangup' | 'declined' | 'noAnswer' | 'missed' | 'busy' | 'failed' | 'media' | 'dropped';

/** A connected call whose network dropped gets this long to come back before it is ended, saying so. */
export const DROP_GRACE_MS = 10_000;

export interface CallState {
  phase: CallPhase;
  channelId: string | null;
  callId: string | null;
  video: boolean;
  /** The other side's name, as the caller sent it or as the caller chose whom to call. */
  peerName: string | null;
  /** The other side's user id: every signal of the call goes to it alone (`RtcSignal.to`). */
  peerId: string | null;
  iceState: RTCIceConnectionState | null;
  endReason: CallEndReason | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  /** The microphone is off (its track disabled: the other side hears silence). */
  muted: boolean;
  /** The camera is off (its track disabled: the other side sees black). */
  cameraOff: boolean;
  /** The connection dropped and may come back (within DROP_GRACE_MS). */
  reconnecting: boolean;
}

export const IDLE: CallState = {
  phase: 'idle',
  channelId: null,
  callId: null,
  video: true,
  peerName: null,
  peerId: null,
  iceState: null,
  endReason: null,
  localStream: null,
  remoteStream: null,
  muted: false,
  cameraOff: false,
  reconnecting: false,
};

/** What travels in `rtc:signal` payloads (the server relays them to the one member named in `to`). */
export interface OfferPayload {
  callId: string;
  video: boolean;
  name: string;
  sdp: RTCSessionDescriptionInit;
  /** An ICE restart of the call in progress (issue #11): answered without ringing. */
  restart?: boolean;
}
export interface AnswerPayload {
  callId: string;
  sdp: RTCSessionDescriptionInit;
  /** Which of the callee's tabs answered (its other tabs stop ringing). */
  tab?: string;
}
export interface IcePayload {
  callId: string;
  candidate: RTCIceCandidateInit;
}
export interface HangupPayload {
  callId: string;
  reason: 'hangup' | 'declined' | 'noAnswer' | 'busy' | 'answeredElsewhere';
  /** With `answeredElsewhere`: the tab that took the call (the callee's other tabs stop ringing). */
  keep?: string;
}

export interface CallSignalling {
  onRtcSignal(listener: RtcListener): () => void;
  sendRtc(signal: RtcSignal): void;
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
