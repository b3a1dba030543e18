import type { RtcConfig, RtcSignal } from '@tiaojie/contracts';
import {
  CONNECT_MS,
  DROP_GRACE_MS,
  ENDED_SHOWN_MS,
  IDLE,
  RING_MS,
  isObject,
  type AnswerPayload,
  type CallEndReason,
  type CallSignalling,
  type CallState,
  type HangupPayload,
  type IcePayload,
  type OfferPayload,
} from './call-state';
import { newClientId } from './outbox';

// The call's state and signal shapes live in call-state.ts; CallPanel, MediationContext and useVideoCall import them from here.
export { DROP_GRACE_MS, type CallEndReason, type CallPhase, type CallSignalling, type CallState } from './call-state';

/**
 * One 1:1 video or voice call inside a caucus (R16), browser to browser: offer, answer and ICE
 * candidates travel over the case socket (`rtc:signal`), the media directly between the two
 * browsers (or through the operator's TURN server). Nothing is recorded (R18).
 */
export class CallController {
  private state: CallState = IDLE;
  private readonly listeners = new Set<() => void>();
  private pc: RTCPeerConnection | null = null;
  private pendingOffer: OfferPayload | null = null;
  private queuedIce: RTCIceCandidateInit[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private endedTimer: ReturnType<typeof setTimeout> | null = null;
  private dropTimer: ReturnType<typeof setTimeout> | null = null;
  private detach: (() => void) | null = null;
  private config: Promise<RtcConfig> | null = null;
  /** This page's id among the account's tabs (all of them ring for a call to the account). */
  private readonly tab = newClientId();
  /** This side made the call: after a drop, it is the one that restarts ICE. */
  private caller = false;
  /** An ICE-restart offer is out and waits for its answer. */
  private restarting = false;

  constructor(
    private readonly signalling: CallSignalling,
    private readonly self: { id: string; name: string },
    private readonly loadConfig: () => Promise<RtcConfig>,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getState = () => this.state;

  private set(patch: Partial<CallState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  attach() {
    this.detach = this.signalling.onRtcSignal(this.onSignal);
  }

  dispose() {
    if (this.busy()) this.end('hangup', true);
    this.detach?.();
    this.detach = null;
    this.clearTimers();
    this.listeners.clear();
  }

  busy() {
    return this.state.phase === 'outgoing' || this.state.phase === 'incoming' || this.state.phase === 'connecting' || this.state.phase === 'connected';
  }

  private send(type: RtcSignal['type'], payload: OfferPayload | AnswerPayload | IcePayload | HangupPayload, channelId = this.state.channelId, to = this.state.peerId) {
    if (channelId && to) this.signalling.sendRtc({ channelId, to, type, payload });
  }

  private arm(ms: number, run: () => void) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      run();
    }, ms);
  }

  private clearTimers() {
    if (this.timer) clearTimeout(this.timer);
    if (this.endedTimer) clearTimeout(this.endedTimer);
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.timer = null;
    this.endedTimer = null;
    this.dropTimer = null;
  }

  private iceServers() {
    this.config ??= this.loadConfig().catch(() => ({ iceServers: [], recording: false as const }));
    return this.config.then((c) => c.iceServers);
  }

  private async media(video: boolean) {
    return navigator.mediaDevices.getUserMedia({ audio: true, video: video ? { width: { ideal: 640 }, height: { ideal: 480 } } : false });
  }

  private async connection(stream: MediaStream, callId: string) {
    const pc = new RTCPeerConnection({ iceServers: await this.iceServers() });
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    pc.onicecandidate = (event) => {
      if (event.candidate && this.state.callId === callId) this.send('ice', { callId, candidate: event.candidate.toJSON() });
    };
    pc.ontrack = (event) => {
      if (this.state.callId !== callId) return;
      const remote = event.streams[0] ?? this.state.remoteStream ?? new MediaStream();
      if (!event.streams[0]) remote.addTrack(event.track);
      this.set({ remoteStream: remote });
    };
    pc.oniceconnectionstatechange = () => {
      if (this.pc !== pc) return;
      const iceState = pc.iceConnectionState;
      this.set({ iceState });
      if (iceState === 'connected' || iceState === 'completed') {
        if (this.timer) clearTimeout(this.timer);
        if (this.dropTimer) clearTimeout(this.dropTimer);
        this.timer = null;
        this.dropTimer = null;
        this.set({ phase: 'connected', reconnecting: false });
      } else if (iceState === 'disconnected' && this.state.phase === 'connected') {
        // A brief drop (a phone changing networks) often recovers by itself: say so, and end
        // the call clearly if it does not come back.
        this.set({ reconnecting: true });
        // Issue #11: a new network (a phone moving from Wi-Fi to mobile data) needs new ICE
        // candidates: the caller offers again with an ICE restart, on the same call; the
        // offer waits in the socket's buffer if the socket is down and goes once it is back.
        if (this.caller && !this.dropTimer) void this.restartIce(pc);
        this.dropTimer ??= setTimeout(() => {
          this.dropTimer = null;
          if (this.pc === pc && this.state.reconnecting) this.end('dropped', true);
        }, DROP_GRACE_MS);
      } else if (iceState === 'failed') {
        this.end(this.state.phase === 'connected' ? 'dropped' : 'failed', true);
      }
    };
    this.pc = pc;
    return pc;
  }

  private async restartIce(pc: RTCPeerConnection) {
    const { callId, video } = this.state;
    if (!callId) return;
    try {
      const offer = await pc.createOffer({ iceRestart: true });
      if (this.pc !== pc || this.state.callId !== callId) return;
      await pc.setLocalDescription(offer);
      this.restarting = true;
      this.send('offer', { callId, video, name: this.self.name, sdp: { type: offer.type, sdp: offer.sdp }, restart: true });
    } catch {
      // Nothing more to try: the drop timer ends the call, saying so.
    }
  }

  /** The callee's side of an ICE restart: the same call, answered at once. */
  private async onRestartOffer(offer: OfferPayload) {
    const pc = this.pc;
    if (!pc) return;
    try {
      await pc.setRemoteDescription(offer.sdp);
      const answer = await pc.createAnswer();
      if (this.pc !== pc || this.state.callId !== offer.callId) return;
      await pc.setLocalDescription(answer);
      this.send('answer', { callId: offer.callId, sdp: { type: answer.type, sdp: answer.sdp }, tab: this.tab });
    } catch {
      // As above: the drop timer ends the call if it does not come back.
    }
  }

  /** Calls one member of a caucus (the server rings that member only, R15). */
  async call(channelId: string, peer: { id: string; name: string }, video: boolean) {
    if (this.busy()) return;
    this.clearTimers();
    const callId = newClientId();
    this.queuedIce = [];
    this.set({ ...IDLE, phase: 'outgoing', channelId, callId, video, peerName: peer.name, peerId: peer.id });
    this.caller = true;
    this.restarting = false;
    const stream = await this.takeMedia(callId, video, () => this.end('media', false));
    if (!stream) return;
    try {
      const pc = await this.connection(stream, callId);
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      if (this.state.callId !== callId) return;
      this.send('offer', { callId, video, name: this.self.name, sdp: { type: offer.type, sdp: offer.sdp } });
      this.arm(RING_MS, () => this.end('noAnswer', true, 'noAnswer'));
    } catch {
      this.end('failed', true);
    }
  }

  /**
   * The camera and microphone for the call `callId`, shown as the local stream. Null when they
   * could not be had (`onFail` ran, if the call is still this one) or the call ended meanwhile
   * (they are let go again).
   */
  private async takeMedia(callId: string, video: boolean, onFail: () => void): Promise<MediaStream | null> {
    let stream: MediaStream;
    try {
      stream = await this.media(video);
    } catch {
      if (this.state.callId === callId) onFail();
      return null;
    }
    if (this.state.callId !== callId) {
      stream.getTracks().forEach((t) => t.stop());
      return null;
    }
    this.set({ localStream: stream });
    return stream;
  }

  /** Answers the ringing call. */
  async accept() {
    const offer = this.pendingOffer;
    if (this.state.phase !== 'incoming' || !offer) return;
    const { callId, video } = offer;
    this.pendingOffer = null;
    this.caller = false;
    this.restarting = false;
    this.set({ phase: 'connecting' });
    this.arm(CONNECT_MS, () => this.end('failed', true));
    const stream = await this.takeMedia(callId, video, () => this.end('media', true, 'declined'));
    if (!stream) return;
    try {
      const pc = await this.connection(stream, callId);
      await pc.setRemoteDescription(offer.sdp);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      if (this.state.callId !== callId) return;
      this.send('answer', { callId, sdp: { type: answer.type, sdp: answer.sdp }, tab: this.tab });
      await this.flushIce();
    } catch {
      this.end('failed', true);
    }
  }

  decline() {
    if (this.state.phase !== 'incoming') return;
    // The caller is told "declined"; here the call simply ended.
    this.end('hangup', true, 'declined');
  }

  hangup() {
    if (this.busy()) this.end('hangup', true);
  }

  /** Turns the microphone off or on again (the track stays; the other side hears silence). */
  toggleMute() {
    const muted = !this.state.muted;
    this.state.localStream?.getAudioTracks().forEach((track) => (track.enabled = !muted));
    this.set({ muted });
  }

  /** Turns the camera off or on again. */
  toggleCamera() {
    const cameraOff = !this.state.cameraOff;
    this.state.localStream?.getVideoTracks().forEach((track) => (track.enabled = !cameraOff));
    this.set({ cameraOff });
  }

  /** The cameras this device has (to offer "switch camera" only when there are two or more). */
  async cameras(): Promise<MediaDeviceInfo[]> {
    const devices = await navigator.mediaDevices?.enumerateDevices?.().catch(() => []);
    return (devices ?? []).filter((device) => device.kind === 'videoinput');
  }

  /** Switches to the device's next camera (front ↔ back on a phone) without renegotiating. */
  async switchCamera() {
    const stream = this.state.localStream;
    const current = stream?.getVideoTracks()[0];
    if (!stream || !current || !this.pc) return;
    const cameras = await this.cameras();
    if (cameras.length < 2) return;
    const at = cameras.findIndex((camera) => camera.deviceId === current.getSettings().deviceId);
    const next = cameras[(at + 1) % cameras.length];
    const fresh = await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: next.deviceId }, width: { ideal: 640 }, height: { ideal: 480 } } }).catch(() => null);
    const track = fresh?.getVideoTracks()[0];
    if (!track || !this.pc) return;
    track.enabled = !this.state.cameraOff;
    const sender = this.pc.getSenders().find((s) => s.track?.kind === 'video');
    await sender?.replaceTrack(track);
    current.stop();
    const local = new MediaStream([...stream.getAudioTracks(), track]);
    this.set({ localStream: local });
  }

  /** Closes the "call ended" notice. */
  dismiss() {
    if (this.state.phase === 'ended') {
      this.clearTimers();
      this.set(IDLE);
    }
  }

  private async flushIce() {
    const pc = this.pc;
    if (!pc?.remoteDescription) return;
    const queued = this.queuedIce;
    this.queuedIce = [];
    for (const candidate of queued) await pc.addIceCandidate(candidate).catch(() => undefined);
  }

  private end(reason: CallEndReason, notify: boolean, told: HangupPayload['reason'] = 'hangup') {
    const { callId, channelId } = this.state;
    if (notify && callId && channelId) this.send('hangup', { callId, reason: told }, channelId);
    this.pc?.close();
    this.pc = null;
    this.pendingOffer = null;
    this.queuedIce = [];
    this.restarting = false;
    this.state.localStream?.getTracks().forEach((t) => t.stop());
    this.clearTimers();
    this.set({ phase: 'ended', endReason: reason, localStream: null, remoteStream: null, iceState: null, muted: false, cameraOff: false, reconnecting: false });
    this.endedTimer = setTimeout(() => this.dismiss(), ENDED_SHOWN_MS);
  }

  private onSignal = (signal: RtcSignal & { from: string }) => {
    const payload = signal.payload;
    if (!isObject(payload) || typeof payload.callId !== 'string') return;
    const callId = payload.callId;
    // Everything but a new call comes from the peer of the call in progress only.
    if (signal.type !== 'offer' && signal.from !== this.state.peerId) return;
    switch (signal.type) {
      case 'offer':
        void this.onOffer(signal.channelId, payload as unknown as OfferPayload, signal.from);
        return;
      case 'answer':
        if (this.restarting && this.state.phase === 'connected' && this.state.callId === callId && this.pc) {
          // The answer to an ICE restart: the same call goes on, nobody else is told.
          this.restarting = false;
          void this.pc.setRemoteDescription((payload as unknown as AnswerPayload).sdp).catch(() => undefined);
          return;
        }
        if (this.state.phase !== 'outgoing' || this.state.callId !== callId || !this.pc) return;
        this.set({ phase: 'connecting' });
        this.arm(CONNECT_MS, () => this.end('failed', true));
        // The callee's other tabs, which were ringing too, stop.
        this.send('hangup', { callId, reason: 'answeredElsewhere', keep: (payload as unknown as AnswerPayload).tab ?? signal.from });
        void this.pc
          .setRemoteDescription((payload as unknown as AnswerPayload).sdp)
          .then(() => this.flushIce())
          .catch(() => this.end('failed', true));
        return;
      case 'ice': {
        if (this.state.callId !== callId) return;
        const candidate = (payload as unknown as IcePayload).candidate;
        if (this.pc?.remoteDescription) void this.pc.addIceCandidate(candidate).catch(() => undefined);
        else this.queuedIce.push(candidate);
        return;
      }
      case 'hangup': {
        if (this.state.callId !== callId || !this.busy()) return;
        const hangup = payload as unknown as HangupPayload;
        if (hangup.reason === 'answeredElsewhere') {
          if (hangup.keep !== this.tab) this.end('missed', false);
          return;
        }
        const reason: CallEndReason = hangup.reason === 'declined' ? 'declined' : hangup.reason === 'busy' ? 'busy' : hangup.reason === 'noAnswer' ? 'missed' : 'remoteHangup';
        this.end(reason, false);
        return;
      }
    }
  };

  private async onOffer(channelId: string, offer: OfferPayload, from: string) {
    if (!offer.sdp || typeof offer.sdp !== 'object') return;
    // A restart belongs to the call in progress only: it never rings as a new call.
    if (offer.restart === true) {
      if (this.state.phase === 'connected' && this.state.callId === offer.callId && this.state.peerId === from) await this.onRestartOffer(offer);
      return;
    }
    if (this.state.phase === 'outgoing' && this.state.channelId === channelId && this.state.peerId === from && this.state.callId) {
      // Both sides called at once: the call with the smaller id goes ahead, the other gives way.
      if (offer.callId > this.state.callId) return;
      this.pc?.close();
      this.pc = null;
      this.state.localStream?.getTracks().forEach((t) => t.stop());
      this.clearTimers();
      this.pendingOffer = offer;
      this.queuedIce = [];
      this.set({ ...IDLE, phase: 'incoming', channelId, callId: offer.callId, video: offer.video !== false, peerName: offer.name ?? null, peerId: from });
      await this.accept();
      return;
    }
    if (this.busy()) {
      this.send('hangup', { callId: offer.callId, reason: 'busy' }, channelId, from);
      return;
    }
    this.clearTimers();
    this.pendingOffer = offer;
    this.queuedIce = [];
    this.set({ ...IDLE, phase: 'incoming', channelId, callId: offer.callId, video: offer.video !== false, peerName: typeof offer.name === 'string' ? offer.name : null, peerId: from });
    this.arm(RING_MS, () => this.end('missed', false));
  }
}
