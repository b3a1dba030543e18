import { useEffect, useRef, useState } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelMember, ChannelView } from '@tiaojie/contracts';
import { describeAckError } from '../errors';
import { useMediation } from './MediationContext';

function StreamVideo({ stream, muted, testId, className }: { stream: MediaStream | null; muted: boolean; testId: string; className: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream]);
  return <video ref={ref} className={className} data-testid={testId} autoPlay playsInline muted={muted} />;
}

/**
 * Whom a call in this caucus rings (the server relays signals to that member only): the mediator
 * calls the party (or its agent when the party has no account), the party a mediator who is
 * online (else the first mediator of the case).
 */
export function callee(channel: ChannelView, isMediator: boolean, mediatorsOnline: string[]): ChannelMember | null {
  const members = channel.members ?? [];
  if (isMediator) return members.find((m) => m.role === 'party') ?? members.find((m) => m.role === 'agent') ?? null;
  const mediators = members.filter((m) => m.role === 'mediator');
  return mediators.find((m) => mediatorsOnline.includes(m.userId)) ?? mediators[0] ?? null;
}

/** "Video call" / "voice call" for a caucus: the mediator calls the party, the party the mediator. */
export function CallButtons({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation('mediation');
  const { calls, isMediator, state } = useMediation();
  if (channel.kind !== 'caucus' || !calls.supported || !calls.controller) return null;
  const busy = calls.state.phase !== 'idle' && calls.state.phase !== 'ended';
  const target = callee(channel, isMediator, state.mediatorsOnline);
  if (!target) return null;
  const peer = { id: target.userId, name: target.name || (isMediator ? (channel.partyName ?? t('roles.party')) : t('roles.mediator')) };
  const offline = state.status !== 'live';
  return (
    <div className="call-buttons">
      <Button size="small" onClick={() => void calls.controller?.call(channel.id, peer, true)} disabled={busy || offline} data-testid="call-video">
        {t('call.video')}
      </Button>
      <Button size="small" onClick={() => void calls.controller?.call(channel.id, peer, false)} disabled={busy || offline} data-testid="call-audio">
        {t('call.audio')}
      </Button>
    </div>
  );
}

/**
 * R15: the joint call of the joint channel. A party may talk directly to another party only in
 * a joint call the mediator started and each party consented to (the server refuses any other
 * party-to-party signalling). The mediator starts and ends it; each party is asked to consent
 * and told what that means; once everyone has, each participant can call the others.
 */
export function JointCallBar({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation('mediation');
  const { room, isMediator, viewer, state, calls, writable } = useMediation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (channel.kind !== 'joint' || !channel.open) return null;
  const call = channel.jointCall ?? null;
  const offline = state.status !== 'live';
  const run = (work: () => Promise<{ ok: boolean; code?: string; message?: string; field?: string }>) => {
    setBusy(true);
    setError(null);
    void work()
      .then((ack) => {
        if (!ack.ok) setError(describeAckError({ code: ack.code ?? 'UNKNOWN', message: ack.message ?? '', field: ack.field }));
      })
      .catch(() => setError(t('jointCall.failed')))
      .finally(() => setBusy(false));
  };
  const nameOf = (id: string) => (channel.members ?? []).find((m) => m.userId === id)?.name || t('roles.party');
  const everyone = !!call && call.invited.length > 0 && call.invited.every((id) => call.consented.includes(id));
  const inCall = calls.state.phase !== 'idle' && calls.state.phase !== 'ended';
  // Once everyone consented: whom this viewer may ring (the others who consented, and the mediators).
  const peers =
    everyone && call && calls.supported && calls.controller
      ? (channel.members ?? []).filter((m) => m.userId !== viewer.id && (m.role === 'mediator' || call.consented.includes(m.userId)) && (isMediator || call.consented.includes(viewer.id)))
      : [];
  return (
    <div className="joint-call" data-testid="joint-call" data-call={call ? 'on' : 'off'}>
      {!call && isMediator && (
        <Button size="small" disabled={busy || offline || !writable} onClick={() => run(() => room.startJointCall(channel.id))} data-testid="joint-call-start">
          {t('jointCall.start')}
        </Button>
      )}
      {call && (
        <span className="joint-call-status" data-testid="joint-call-status" role="status">
          {everyone ? t('jointCall.everyone') : t('jointCall.waiting', { consented: call.consented.length, invited: call.invited.length })}
        </span>
      )}
      {call && isMediator && (
        <Button size="small" danger disabled={busy || offline} onClick={() => run(() => room.endJointCall(channel.id))} data-testid="joint-call-end">
          {t('jointCall.end')}
        </Button>
      )}
      {call && !isMediator && call.invited.includes(viewer.id) && !call.consented.includes(viewer.id) && (
        <Alert
          type="info"
          showIcon
          data-testid="joint-call-ask"
          message={t('jointCall.askTitle')}
          description={t('jointCall.askText')}
          action={
            <Button size="small" type="primary" disabled={busy || offline} onClick={() => run(() => room.consentJointCall(channel.id, call.callId))} data-testid="joint-call-consent">
              {t('jointCall.consent')}
            </Button>
          }
        />
      )}
      {call && !isMediator && call.consented.includes(viewer.id) && !everyone && (
        <span className="text-secondary" data-testid="joint-call-consented">
          {t('jointCall.consented')}
        </span>
      )}
      {peers.map((m) => (
        <Button
          key={m.userId}
          size="small"
          disabled={inCall || offline}
          onClick={() => void calls.controller?.call(channel.id, { id: m.userId, name: m.name || nameOf(m.userId) }, true)}
          data-testid="joint-call-ring"
        >
          {t('jointCall.ring', { name: m.name || nameOf(m.userId) })}
        </Button>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The call in progress (or ringing, or just ended): videos, state, hang up. Nothing is recorded (R18). */
export function CallPanel() {
  const { t } = useTranslation('mediation');
  const { calls, state, isMediator } = useMediation();
  const { controller, state: call } = calls;
  const [cameraCount, setCameraCount] = useState(0);
  const hasVideo = !!call.localStream && call.video;
  useEffect(() => {
    if (!controller || !hasVideo) return;
    let live = true;
    void controller.cameras().then((list) => live && setCameraCount(list.length));
    return () => {
      live = false;
    };
  }, [controller, hasVideo]);
  if (!controller || call.phase === 'idle') return null;
  const channel = call.channelId ? state.byChannel[call.channelId]?.channel : undefined;
  const where = channel?.kind === 'joint' ? t('jointCall.where') : isMediator && channel?.partyName ? t('call.inCaucusOf', { name: channel.partyName }) : t('call.inCaucus');
  const inCall = call.phase === 'outgoing' || call.phase === 'connecting' || call.phase === 'connected';
  // Issue #11: the page lost its network (or its socket) during a call: say so on the call too;
  // the call goes on once the socket re-joins (journeys/call-drop.js), else ends saying why.
  const reconnecting = call.reconnecting || (call.phase === 'connected' && (state.offline || state.status === 'reconnecting'));
  let status: string;
  switch (call.phase) {
    case 'incoming':
      status = t(call.video ? 'call.incomingVideo' : 'call.incomingAudio', { name: call.peerName ?? '' });
      break;
    case 'outgoing':
      status = t('call.calling', { name: call.peerName ?? '' });
      break;
    case 'connecting':
      status = t('call.connecting');
      break;
    case 'connected':
      status = reconnecting ? t('call.reconnecting') : t('call.connected', { name: call.peerName ?? '' });
      break;
    default:
      status = t(`call.ended.${call.endReason ?? 'hangup'}`);
  }
  return (
    <section
      className={`call-panel call-phase-${call.phase}${call.video ? '' : ' call-audio-only'}`}
      data-testid="call-panel"
      data-phase={call.phase}
      data-ice-state={call.iceState ?? ''}
      data-end-reason={call.endReason ?? ''}
      data-reconnecting={reconnecting || undefined}
      role={call.phase === 'incoming' ? 'alertdialog' : 'region'}
      aria-label={t('call.title')}
    >
      <div className="call-head">
        <strong className="call-status" data-testid="call-status" role="status">
          {status}
        </strong>
        <span className="call-where text-secondary">{where}</span>
      </div>
      {inCall && (
        <div className="call-videos">
          <StreamVideo stream={call.remoteStream} muted={false} testId="remote-video" className="call-remote" />
          <StreamVideo stream={call.localStream} muted testId="local-video" className="call-local" />
          {!call.video && <div className="call-audio-note">{t('call.audioOnly')}</div>}
        </div>
      )}
      <p className="call-not-recorded" data-testid="call-not-recorded">
        {t('call.notRecorded')}
      </p>
      <div className="button-row">
        {call.phase === 'incoming' && (
          <>
            <Button danger onClick={() => controller.decline()} data-testid="call-decline">
              {t('call.decline')}
            </Button>
            <Button type="primary" onClick={() => void controller.accept()} data-testid="call-accept">
              {t('call.accept')}
            </Button>
          </>
        )}
        {inCall && call.localStream && (
          <>
            <Button onClick={() => controller.toggleMute()} aria-pressed={call.muted} data-testid="call-mute" data-muted={call.muted}>
              {call.muted ? t('call.unmute') : t('call.mute')}
            </Button>
            {call.video && (
              <Button onClick={() => controller.toggleCamera()} aria-pressed={call.cameraOff} data-testid="call-camera" data-camera-off={call.cameraOff}>
                {call.cameraOff ? t('call.cameraOn') : t('call.cameraOff')}
              </Button>
            )}
            {call.video && cameraCount > 1 && (
              <Button onClick={() => void controller.switchCamera()} disabled={call.cameraOff} data-testid="call-switch-camera">
                {t('call.switchCamera')}
              </Button>
            )}
          </>
        )}
        {inCall && (
          <Button danger type="primary" onClick={() => controller.hangup()} data-testid="call-hangup">
            {t('call.hangup')}
          </Button>
        )}
        {call.phase === 'ended' && (
          <Button onClick={() => controller.dismiss()} data-testid="call-dismiss">
            {t('call.close')}
          </Button>
        )}
      </div>
    </section>
  );
}
