import { useState } from 'react';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CallButtons, JointCallBar } from './CallPanel';
import { Conversation, UnreadBadge, useUnread } from './Conversation';
import { channelLabel, useMediation } from './MediationContext';
import { MediationHead } from './MediationHead';
import { SessionsPanel } from './SessionsPanel';
import { TabBar } from './TabBar';

export function Presence() {
  const { t } = useTranslation('mediation');
  const { state } = useMediation();
  // Issue #11: without a live connection the mediator's presence is not known: greyed, and said so.
  const unknown = state.offline || state.status !== 'live';
  const online = !unknown && state.mediatorsOnline.length > 0;
  return (
    <span className={`presence ${online ? 'is-online' : unknown ? 'is-unknown' : 'is-offline'}`} data-testid="mediator-presence" data-online={online} data-unknown={unknown}>
      <span className="presence-dot" aria-hidden />
      {t(online ? 'presence.online' : unknown ? 'presence.unknown' : 'presence.offline')}
    </span>
  );
}

function TabUnread({ channelId }: { channelId: string }) {
  return <UnreadBadge count={useUnread(channelId)} />;
}

/**
 * A party's view, phone first: its own conversation with the mediator (the caucus), the joint
 * channel beside it once the mediator opens it, and its sessions.
 */
export function PartyView() {
  const { t } = useTranslation('mediation');
  const { state, caseId } = useMediation();
  const caucus = state.channels.find((c) => c.kind === 'caucus');
  const joint = state.channels.find((c) => c.kind === 'joint');
  const [tab, setTab] = useState<string>('caucus');
  const active = tab === 'joint' && !joint ? 'caucus' : tab;

  const items = [
    ...(caucus ? [{ key: 'caucus', label: channelLabel(caucus, false, t), testId: 'tab-caucus', extra: <TabUnread channelId={caucus.id} /> }] : []),
    ...(joint ? [{ key: 'joint', label: channelLabel(joint, false, t), testId: 'tab-joint', extra: <TabUnread channelId={joint.id} /> }] : []),
    { key: 'sessions', label: t('channels.sessions'), testId: 'tab-sessions' },
  ];

  return (
    <div className="party-view" data-testid="party-view">
      <MediationHead title={t('title')}>
        <Presence />
      </MediationHead>
      <details className="med-notice" data-testid="privacy-note">
        <summary>
          <LockOutlined aria-hidden className="med-notice-icon" />
          {t('privacy.summary')} <strong className="nowrap">{t('privacy.notRecorded')}</strong>
        </summary>
        <p>{t('privacy.partyNotice')}</p>
      </details>
      <TabBar items={items} active={active} onChange={setTab} label={t('channels.label')} />
      {active === 'caucus' && caucus && <Conversation key={caucus.id} channelId={caucus.id} active headerExtra={<CallButtons channel={caucus} />} className="conv-party" />}
      {active === 'joint' && joint && <Conversation key={joint.id} channelId={joint.id} active headerExtra={<JointCallBar channel={joint} />} className="conv-party" />}
      {active === 'sessions' && <SessionsPanel />}
      <Link to={`/cases/${caseId}`} className="med-back" data-testid="back-to-case">
        {t('backToCase')}
      </Link>
    </div>
  );
}
