import type { ChannelView, JointCallAck, JointCallEvent, RtcSignal } from '@tiaojie/contracts';
import type { RoomCore } from './room-core';
import type { RtcListener } from './room-state';

/**
 * Call state over the room's socket: WebRTC signalling to the call controller, and the joint
 * call (R15) a mediator starts and each party in it consents to.
 */
export class CallState {
  private readonly rtcListeners = new Set<RtcListener>();

  constructor(private readonly core: RoomCore) {}

  clear() {
    this.rtcListeners.clear();
  }

  // ─── WebRTC signalling ───────────────────────────────────────────────────────────────

  onRtc = (signal: RtcSignal & { from: string }) => {
    if (signal.from === this.core.deps.userId) return; // another tab of the same account
    for (const listener of this.rtcListeners) listener(signal);
  };

  onRtcSignal(listener: RtcListener) {
    this.rtcListeners.add(listener);
    return () => {
      this.rtcListeners.delete(listener);
    };
  }

  sendRtc(signal: RtcSignal) {
    this.core.socket?.emit('rtc:signal', signal);
  }

  // ─── Joint call (R15): started by a mediator, each party in it consents ─────────────

  onJointCall = (event: JointCallEvent) => {
    const core = this.core;
    const patch = (view: ChannelView): ChannelView => (view.id === event.channelId ? { ...view, jointCall: event.call } : view);
    core.setChannel(event.channelId, (c) => ({ ...c, channel: patch(c.channel) }));
    core.set({ channels: core.state.channels.map(patch) });
  };

  async jointCall(event: 'call:start' | 'call:consent' | 'call:end', payload: unknown, channelId: string): Promise<JointCallAck> {
    const ack = await this.core.ask<JointCallAck>(event, payload);
    if (ack.ok) this.onJointCall(ack.call ? { channelId, callId: ack.call.callId, call: ack.call } : { channelId, callId: null, call: null });
    return ack;
  }
}
