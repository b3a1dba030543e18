import { useCallback, useState } from 'react';
import { Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '@tiaojie/contracts';
import { AfterFirstPaint } from '../../../components/ui/AfterFirstPaint';
import { setJointOpen } from '../api/mediation-api';
import { describeMediationError } from '../errors';
import { useMediaQuery } from '../hooks/useMediaQuery';
import { CallButtons, JointCallBar } from './CallPanel';
import { CaseSummary, CaseSwitcher } from './CaseSummary';
import { Conversation, UnreadBadge, useUnread } from './Conversation';
import { SideDrawer, Toggle } from './LightControls';
import { MediationHead } from './MediationHead';
import { channelLabel, useMediation } from './MediationContext';
import { SessionsPanel } from './SessionsPanel';
import { TabBar } from './TabBar';

/** Columns side by side from this width; tabs below it. */
const WIDE = '(min-width: 1024px)';

function JointSwitch({ joint }: { joint: ChannelView }) {
  const { t } = useTranslation('mediation');
  const { caseId, room, writable } = useMediation();
  const toggle = useMutation({ mutationFn: (open: boolean) => setJointOpen(caseId, open), onSuccess: (view) => room.applyChannelView(view) });
  return (
    <div className="joint-switch">
      <Toggle
        checked={joint.open}
        busy={toggle.isPending}
        disabled={!writable}
        onChange={(open) => toggle.mutate(open)}
        testId="joint-switch"
        label={
          <span data-testid="joint-state" data-open={joint.open}>
            {t(joint.open ? 'joint.open' : 'joint.closed')}
          </span>
        }
      />
      {toggle.isError && (
        <p className="field-error" role="alert">
          {describeMediationError(toggle.error)}
        </p>
      )}
    </div>
  );
}

function ChannelTitle({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation(['mediation', 'case']);
  const { detail } = useMediation();
  const unread = useUnread(channel.id);
  const party = channel.partyId ? detail?.parties.find((p) => p.id === channel.partyId) : undefined;
  return (
    <span className="channel-title">
      <span className="channel-title-name">{channelLabel(channel, true, t)}</span>
      {party && <span className="channel-title-side text-secondary">{t(`case:sides.${party.side}`)}</span>}
      <UnreadBadge count={unread} />
    </span>
  );
}

function TabUnread({ channelId }: { channelId: string }) {
  return <UnreadBadge count={useUnread(channelId)} />;
}

/**
 * The mediator's console: every party's caucus side by side on a wide screen (tabs on a phone),
 * each with its unread count; the joint channel with its switch; the mediators' notes; the case
 * and its sessions in a side panel (a drawer on phones).
 */
export function MediatorConsole() {
  const { t } = useTranslation('mediation');
  const { state } = useMediation();
  const wide = useMediaQuery(WIDE);
  const caucuses = state.channels.filter((c) => c.kind === 'caucus');
  const joint = state.channels.find((c) => c.kind === 'joint');
  const notes = state.channels.find((c) => c.kind === 'notes');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [sharedTab, setSharedTab] = useState<'joint' | 'notes'>('joint');
  const [narrowTab, setNarrowTab] = useState<string | null>(null);
  const [infoOpen, setInfoOpen] = useState(false);
  const closeInfo = useCallback(() => setInfoOpen(false), []);
  const current = activeId && state.byChannel[activeId] ? activeId : (caucuses[0]?.id ?? null);

  const heading = (
    <MediationHead title={t('console.title')} className="console-head">
      <div className="console-head-actions">
        {wide && <CaseSwitcher />}
        {!wide && (
          <Button onClick={() => setInfoOpen(true)} data-testid="console-info-open">
            {t('console.info')}
          </Button>
        )}
      </div>
    </MediationHead>
  );

  const conversation = (channel: ChannelView) => (
    <Conversation
      key={channel.id}
      channelId={channel.id}
      active={current === channel.id}
      onActivate={() => setActiveId(channel.id)}
      // The joint and notes column names its channel in its tabs already.
      title={channel.kind === 'caucus' ? <ChannelTitle channel={channel} /> : undefined}
      headerExtra={
        channel.kind === 'caucus' ? (
          <CallButtons channel={channel} />
        ) : channel.kind === 'joint' ? (
          <>
            <JointSwitch joint={channel} />
            <JointCallBar channel={channel} />
          </>
        ) : null
      }
    />
  );

  if (wide) {
    const shared = sharedTab === 'notes' ? notes : joint;
    return (
      <div className="console console-wide" data-testid="mediator-console" data-layout="columns">
        {heading}
        <div className="console-grid" style={{ gridTemplateColumns: `repeat(${caucuses.length + 1}, minmax(280px, 1fr)) 280px` }}>
          {caucuses.map((c) => (
            <div key={c.id} className="console-col" data-testid="console-column" data-channel-kind="caucus" data-party-name={c.partyName ?? ''}>
              {conversation(c)}
            </div>
          ))}
          <div className="console-col console-col-shared" data-testid="console-column" data-channel-kind={shared?.kind ?? 'joint'}>
            <TabBar
              items={[
                ...(joint ? [{ key: 'joint', label: channelLabel(joint, true, t), testId: 'tab-joint', extra: <TabUnread channelId={joint.id} /> }] : []),
                ...(notes ? [{ key: 'notes', label: channelLabel(notes, true, t), testId: 'tab-notes', extra: <TabUnread channelId={notes.id} /> }] : []),
              ]}
              active={sharedTab}
              onChange={(key) => {
                setSharedTab(key as 'joint' | 'notes');
                const next = key === 'notes' ? notes : joint;
                if (next) setActiveId(next.id);
              }}
              label={t('channels.label')}
            />
            {shared && conversation(shared)}
          </div>
          <aside className="console-side" data-testid="console-side">
            {/* Beside the conversations, in its own fixed column: rendered once they show (TARGETS P5). */}
            <AfterFirstPaint>
              <CaseSummary />
              <SessionsPanel />
            </AfterFirstPaint>
          </aside>
        </div>
      </div>
    );
  }

  const tabs = [...caucuses, ...(joint ? [joint] : []), ...(notes ? [notes] : [])];
  const selected = narrowTab && state.byChannel[narrowTab] ? narrowTab : (caucuses[0]?.id ?? '');
  const selectedChannel = state.byChannel[selected]?.channel;
  return (
    <div className="console console-narrow" data-testid="mediator-console" data-layout="tabs">
      {heading}
      <TabBar
        items={[
          ...tabs.map((c) => ({
            key: c.id,
            label: c.kind === 'notes' ? t('channels.notesShort') : channelLabel(c, true, t),
            testId: `tab-${c.kind}`,
            extra: <TabUnread channelId={c.id} />,
            data: c.partyName ? { 'party-name': c.partyName } : undefined,
          })),
        ]}
        active={selected}
        onChange={(key) => {
          setNarrowTab(key);
          setActiveId(key);
        }}
        label={t('channels.label')}
      />
      {selectedChannel && (
        <Conversation
          key={selectedChannel.id}
          channelId={selectedChannel.id}
          active
          title={<ChannelTitle channel={selectedChannel} />}
          headerExtra={
            selectedChannel.kind === 'caucus' ? (
              <CallButtons channel={selectedChannel} />
            ) : selectedChannel.kind === 'joint' ? (
              <>
                <JointSwitch joint={selectedChannel} />
                <JointCallBar channel={selectedChannel} />
              </>
            ) : null
          }
          className="conv-party"
        />
      )}
      <SideDrawer open={infoOpen} onClose={closeInfo} title={t('console.info')} closeLabel={t('console.close')}>
        <div className="stack" data-testid="console-drawer">
          <CaseSwitcher />
          <CaseSummary />
          <SessionsPanel />
        </div>
      </SideDrawer>
    </div>
  );
}
