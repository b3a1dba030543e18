import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RtcSignal } from '@tiaojie/contracts';
import { CallController } from './call-controller';
import type { RtcListener } from './room';

const CAUCUS = 'caucus-1';

/** Just enough of RTCPeerConnection to follow the signalling. */
class FakePeerConnection {
  static instances: FakePeerConnection[] = [];
  remoteDescription: RTCSessionDescriptionInit | null = null;
  localDescription: RTCSessionDescriptionInit | null = null;
  iceConnectionState: RTCIceConnectionState = 'new';
  candidates: RTCIceCandidateInit[] = [];
  closed = false;
  onicecandidate: ((event: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null = null;
  ontrack: ((event: unknown) => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  constructor(readonly config: RTCConfiguration) {
    FakePeerConnection.instances.push(this);
  }
  addTrack() {
    return {};
  }
  offers: Array<RTCOfferOptions | undefined> = [];
  async createOffer(options?: RTCOfferOptions) {
    this.offers.push(options);
    return { type: 'offer' as const, sdp: options?.iceRestart ? 'v=0 offer restart' : 'v=0 offer' };
  }
  async createAnswer() {
    return { type: 'answer' as const, sdp: 'v=0 answer' };
  }
  async setLocalDescription(d: RTCSessionDescriptionInit) {
    this.localDescription = d;
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.remoteDescription = d;
  }
  async addIceCandidate(c: RTCIceCandidateInit) {
    this.candidates.push(c);
  }
  close() {
    this.closed = true;
  }
  /** The browser reports a new ICE state. */
  ice(state: RTCIceConnectionState) {
    this.iceConnectionState = state;
    this.oniceconnectionstatechange?.();
  }
}

function fakeStream() {
  const track = { stop: vi.fn(), kind: 'video' };
  return { track, stream: { getTracks: () => [track] } as unknown as MediaStream };
}

function setup(selfId = 'u-mediator') {
  const sent: RtcSignal[] = [];
  let listener: RtcListener | null = null;
  const signalling = {
    onRtcSignal: (l: RtcListener) => {
      listener = l;
      return () => (listener = null);
    },
    sendRtc: (signal: RtcSignal) => void sent.push(signal),
  };
  const controller = new CallController(signalling, { id: selfId, name: selfId === 'u-mediator' ? '钱调解' : '张三' }, async () => ({
    iceServers: [{ urls: 'stun:stun.example.org' }],
    recording: false,
  }));
  controller.attach();
  const receive = (signal: RtcSignal & { from: string }) => listener?.(signal);
  return { controller, sent, receive };
}

const payload = (signal: RtcSignal | undefined) => signal?.payload as Record<string, unknown>;

describe('CallController (WebRTC signalling over rtc:signal)', () => {
  let media: ReturnType<typeof fakeStream>;
  beforeEach(() => {
    vi.useFakeTimers();
    FakePeerConnection.instances = [];
    media = fakeStream();
    vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: vi.fn(async () => media.stream) } });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls with an offer in the caucus, and ends as "no answer" when nobody answers (hang-up sent, camera released)', async () => {
    const { controller, sent } = setup();
    await controller.call(CAUCUS, { id: 'u-party', name: '张三' }, true);
    expect(controller.getState()).toMatchObject({ phase: 'outgoing', channelId: CAUCUS, video: true, peerName: '张三', peerId: 'u-party' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channelId: CAUCUS, to: 'u-party', type: 'offer', payload: { video: true, name: '钱调解', sdp: { type: 'offer', sdp: 'v=0 offer' } } });
    expect(FakePeerConnection.instances[0].config.iceServers).toEqual([{ urls: 'stun:stun.example.org' }]);

    await vi.advanceTimersByTimeAsync(45_000);
    expect(controller.getState()).toMatchObject({ phase: 'ended', endReason: 'noAnswer', localStream: null });
    expect(sent.at(-1)).toMatchObject({ type: 'hangup', to: 'u-party', payload: { callId: payload(sent[0]).callId, reason: 'noAnswer' } });
    expect(media.track.stop).toHaveBeenCalled();
    expect(FakePeerConnection.instances[0].closed).toBe(true);
  });

  it('answers an incoming offer with the same call id, applies ICE that came early, connects, and ends when the other side hangs up', async () => {
    const { controller, sent, receive } = setup('u-party');
    receive({ channelId: CAUCUS, to: 'u-party', type: 'offer', from: 'u-mediator', payload: { callId: 'call-1', video: true, name: '钱调解', sdp: { type: 'offer', sdp: 'v=0 offer' } } });
    expect(controller.getState()).toMatchObject({ phase: 'incoming', peerName: '钱调解', peerId: 'u-mediator', callId: 'call-1' });
    receive({ channelId: CAUCUS, to: 'u-party', type: 'ice', from: 'u-mediator', payload: { callId: 'call-1', candidate: { candidate: 'candidate:1', sdpMid: '0' } } });
    receive({ channelId: CAUCUS, to: 'u-party', type: 'ice', from: 'u-mediator', payload: { callId: 'other-call', candidate: { candidate: 'candidate:x' } } });
    // Only the caller's signals count for this call.
    receive({ channelId: CAUCUS, to: 'u-party', type: 'ice', from: 'u-someone', payload: { callId: 'call-1', candidate: { candidate: 'candidate:evil' } } });

    await controller.accept();
    const pc = FakePeerConnection.instances[0];
    expect(pc.remoteDescription).toEqual({ type: 'offer', sdp: 'v=0 offer' });
    expect(pc.candidates).toEqual([{ candidate: 'candidate:1', sdpMid: '0' }]);
    expect(sent).toEqual([{ channelId: CAUCUS, to: 'u-mediator', type: 'answer', payload: { callId: 'call-1', sdp: { type: 'answer', sdp: 'v=0 answer' }, tab: expect.any(String) } }]);
    expect(controller.getState().phase).toBe('connecting');

    pc.ice('connected');
    expect(controller.getState()).toMatchObject({ phase: 'connected', iceState: 'connected' });
    await vi.advanceTimersByTimeAsync(60_000); // a connected call has no time limit
    expect(controller.getState().phase).toBe('connected');

    receive({ channelId: CAUCUS, to: 'u-party', type: 'hangup', from: 'u-someone', payload: { callId: 'call-1', reason: 'hangup' } });
    expect(controller.getState().phase).toBe('connected');
    receive({ channelId: CAUCUS, to: 'u-party', type: 'hangup', from: 'u-mediator', payload: { callId: 'call-1', reason: 'hangup' } });
    expect(controller.getState()).toMatchObject({ phase: 'ended', endReason: 'remoteHangup' });
    expect(pc.closed).toBe(true);
    expect(media.track.stop).toHaveBeenCalled();
  });

  it('mutes, turns the camera off and on again (tracks disabled, not stopped), and switches camera with replaceTrack', async () => {
    const audio = { stop: vi.fn(), kind: 'audio', enabled: true };
    const video = { stop: vi.fn(), kind: 'video', enabled: true, getSettings: () => ({ deviceId: 'front' }) };
    const back = { stop: vi.fn(), kind: 'video', enabled: true, getSettings: () => ({ deviceId: 'back' }) };
    const stream = { getTracks: () => [audio, video], getAudioTracks: () => [audio], getVideoTracks: () => [video] } as unknown as MediaStream;
    const replaceTrack = vi.fn(async () => undefined);
    vi.stubGlobal(
      'MediaStream',
      class {
        constructor(readonly tracks: unknown[]) {}
        getVideoTracks() {
          return this.tracks.filter((t) => (t as { kind: string }).kind === 'video');
        }
        getAudioTracks() {
          return this.tracks.filter((t) => (t as { kind: string }).kind === 'audio');
        }
        getTracks() {
          return this.tracks;
        }
      },
    );
    const getUserMedia = vi.fn(async (constraints: MediaStreamConstraints) => (constraints.audio ? stream : ({ getVideoTracks: () => [back] } as unknown as MediaStream)));
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia,
        enumerateDevices: async () => [
          { kind: 'videoinput', deviceId: 'front' },
          { kind: 'audioinput', deviceId: 'mic' },
          { kind: 'videoinput', deviceId: 'back' },
        ],
      },
    });
    const { controller } = setup();
    await controller.call(CAUCUS, { id: 'u-party', name: '张三' }, true);
    const pc = FakePeerConnection.instances[0] as unknown as { getSenders: () => unknown[] };
    pc.getSenders = () => [
      { track: { kind: 'audio' }, replaceTrack: vi.fn() },
      { track: video, replaceTrack },
    ];

    controller.toggleMute();
    expect(controller.getState().muted).toBe(true);
    expect(audio.enabled).toBe(false);
    controller.toggleCamera();
    expect(controller.getState().cameraOff).toBe(true);
    expect(video.enabled).toBe(false);
    controller.toggleCamera();
    controller.toggleMute();
    expect([audio.enabled, video.enabled, audio.stop.mock.calls.length]).toEqual([true, true, 0]);

    expect(await controller.cameras()).toHaveLength(2);
    await controller.switchCamera();
    expect(getUserMedia).toHaveBeenLastCalledWith({ video: expect.objectContaining({ deviceId: { exact: 'back' } }) });
    expect(replaceTrack).toHaveBeenCalledWith(back);
    expect(video.stop).toHaveBeenCalled();
    expect(controller.getState().localStream?.getVideoTracks()).toEqual([back]);
  });

  it('says when a connected call is reconnecting, carries on if it comes back, and ends as "dropped" if not', async () => {
    const { controller, sent, receive } = setup('u-party');
    receive({ channelId: CAUCUS, to: 'u-party', type: 'offer', from: 'u-mediator', payload: { callId: 'call-1', video: true, name: '钱调解', sdp: { type: 'offer', sdp: 'v=0 offer' } } });
    await controller.accept();
    const pc = FakePeerConnection.instances[0];
    pc.ice('connected');
    pc.ice('disconnected');
    expect(controller.getState()).toMatchObject({ phase: 'connected', reconnecting: true });
    await vi.advanceTimersByTimeAsync(5_000);
    pc.ice('connected');
    expect(controller.getState()).toMatchObject({ phase: 'connected', reconnecting: false });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(controller.getState().phase).toBe('connected');

    pc.ice('disconnected');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(controller.getState()).toMatchObject({ phase: 'ended', endReason: 'dropped', reconnecting: false });
    expect(sent.at(-1)).toMatchObject({ type: 'hangup', to: 'u-mediator' });
    expect(pc.closed).toBe(true);
  });

  it('restarts ICE when a connected call drops (the caller re-offers on the same call), and the call carries on (issue #11)', async () => {
    const caller = setup('u-mediator');
    const callee = setup('u-party');
    await caller.controller.call(CAUCUS, { id: 'u-party', name: '张三' }, true);
    callee.receive({ ...caller.sent[0], from: 'u-mediator' });
    await callee.controller.accept();
    const answer = callee.sent.find((s) => s.type === 'answer')!;
    caller.receive({ ...answer, from: 'u-party' });
    await vi.advanceTimersByTimeAsync(0);
    const [callerPc, calleePc] = FakePeerConnection.instances;
    callerPc.ice('connected');
    calleePc.ice('connected');
    const callId = payload(caller.sent[0]).callId;

    // The network changes: the caller offers again with an ICE restart, on the same call.
    const before = caller.sent.length;
    callerPc.ice('disconnected');
    calleePc.ice('disconnected');
    await vi.advanceTimersByTimeAsync(0);
    const restart = caller.sent.slice(before).find((s) => s.type === 'offer');
    expect(callerPc.offers.at(-1)).toEqual({ iceRestart: true });
    expect(restart).toMatchObject({ to: 'u-party', payload: { callId, restart: true, sdp: { sdp: 'v=0 offer restart' } } });
    // The callee takes it as the same call (no ringing), and answers.
    const calleeBefore = callee.sent.length;
    callee.receive({ ...restart!, from: 'u-mediator' });
    await vi.advanceTimersByTimeAsync(0);
    expect(callee.controller.getState()).toMatchObject({ phase: 'connected', callId, reconnecting: true });
    expect(calleePc.remoteDescription).toEqual({ type: 'offer', sdp: 'v=0 offer restart' });
    const reanswer = callee.sent.slice(calleeBefore).find((s) => s.type === 'answer');
    expect(reanswer).toMatchObject({ to: 'u-mediator', payload: { callId } });
    caller.receive({ ...reanswer!, from: 'u-party' });
    await vi.advanceTimersByTimeAsync(0);
    expect(callerPc.remoteDescription).toEqual({ type: 'answer', sdp: 'v=0 answer' });
    // No "answered elsewhere" for a restart: the callee's call goes on.
    expect(caller.sent.slice(before).some((s) => s.type === 'hangup')).toBe(false);

    callerPc.ice('connected');
    calleePc.ice('connected');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(caller.controller.getState()).toMatchObject({ phase: 'connected', reconnecting: false });
    expect(callee.controller.getState()).toMatchObject({ phase: 'connected', reconnecting: false });

    // A restart of a call that is over here never rings as a new one.
    callee.controller.hangup();
    callee.receive({ ...restart!, from: 'u-mediator' });
    await vi.advanceTimersByTimeAsync(0);
    expect(callee.controller.getState().phase).toBe('ended');
  });

  it('tells the caller when the call is declined, and the decliner sees it simply ended', async () => {
    const caller = setup('u-mediator');
    const callee = setup('u-party');
    await caller.controller.call(CAUCUS, { id: 'u-party', name: '张三' }, false);
    callee.receive({ ...caller.sent[0], from: 'u-mediator' });
    expect(callee.controller.getState()).toMatchObject({ phase: 'incoming', video: false });
    callee.controller.decline();
    expect(callee.controller.getState()).toMatchObject({ phase: 'ended', endReason: 'hangup' });
    caller.receive({ ...callee.sent[0], from: 'u-party' });
    expect(caller.controller.getState()).toMatchObject({ phase: 'ended', endReason: 'declined' });
  });

  it('answers "busy" to a second call (to its caller only), and the callee’s other tabs stop ringing when one tab answered', async () => {
    const { controller, sent, receive } = setup('u-mediator');
    await controller.call(CAUCUS, { id: 'u-party', name: '张三' }, true);
    receive({ channelId: 'caucus-2', to: 'u-mediator', type: 'offer', from: 'u-other', payload: { callId: 'call-2', video: true, name: '李四', sdp: { type: 'offer', sdp: 'x' } } });
    expect(sent.at(-1)).toEqual({ channelId: 'caucus-2', to: 'u-other', type: 'hangup', payload: { callId: 'call-2', reason: 'busy' } });
    expect(controller.getState().phase).toBe('outgoing');

    // The party called the mediator, who has two tabs: both ring; one answers.
    const caller = setup('u-party');
    const tab1 = setup('u-mediator');
    const tab2 = setup('u-mediator');
    await caller.controller.call(CAUCUS, { id: 'u-mediator', name: '钱调解' }, true);
    const offer = { ...caller.sent[0], from: 'u-party' };
    tab1.receive(offer);
    tab2.receive(offer);
    await tab1.controller.accept();
    caller.receive({ ...tab1.sent[0], from: 'u-mediator' });
    const elsewhere = caller.sent.at(-1)!;
    expect(elsewhere).toMatchObject({ to: 'u-mediator', type: 'hangup', payload: { reason: 'answeredElsewhere', keep: payload(tab1.sent[0]).tab } });
    tab1.receive({ ...elsewhere, from: 'u-party' });
    tab2.receive({ ...elsewhere, from: 'u-party' });
    expect(tab1.controller.getState().phase).toBe('connecting');
    expect(tab2.controller.getState()).toMatchObject({ phase: 'ended', endReason: 'missed' });
  });
});
