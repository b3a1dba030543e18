import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Tabs, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OrgRatingView, RosterMediatorView } from '@tiaojie/contracts';
import { isMainlandMobile, normaliseMobile } from '@tiaojie/domain';
import { ListTable } from '../../../components/ui/ListTable';
import { PageHeading } from '../../../components/ui/PageHeading';
import { Panel } from '../../../components/ui/Panel';
import { isApiError } from '../../../lib/api';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/case';
import '../../../locales/roster';
import { useOrgRatings, useRoster, useRosterOrganisations, useRosterSteps } from '../hooks/useRoster';
import { MediatorDrawer } from './MediatorDrawer';
import { ExpiryTag, RosterStatusTag } from './tags';

/** Issue #13: invite by mobile (validated here and on the server; a current member is 409). */
function InviteForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation('roster');
  const [form] = Form.useForm<{ mobile: string; name: string }>();
  const steps = useRosterSteps(orgId);
  const [done, setDone] = useState<string | null>(null);
  const error = steps.invite.error;
  return (
    <Panel title={t('roster.invite.title')} testId="roster-invite">
      <Form
        form={form}
        layout="inline"
        className="roster-invite-form"
        onFinish={(v) => {
          setDone(null);
          steps.invite.mutate(
            { mobile: normaliseMobile(v.mobile) ?? v.mobile, name: v.name.trim() },
            {
              onSuccess: (m) => {
                setDone(t('roster.invite.done', { name: m.name }));
                form.resetFields();
              },
            },
          );
        }}
      >
        <Form.Item
          name="mobile"
          label={t('roster.invite.mobile')}
          rules={[{ validator: (_, value: string) => (value && isMainlandMobile(normaliseMobile(value) ?? value) ? Promise.resolve() : Promise.reject(new Error(t('roster.invite.mobileInvalid')))) }]}
        >
          <Input inputMode="tel" autoComplete="off" maxLength={20} data-testid="roster-invite-mobile" />
        </Form.Item>
        <Form.Item name="name" label={t('roster.invite.name')} rules={[{ required: true, whitespace: true, message: t('roster.invite.nameRequired') }]}>
          <Input maxLength={50} data-testid="roster-invite-name" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={steps.invite.isPending} data-testid="roster-invite-submit">
            {t('roster.invite.submit')}
          </Button>
        </Form.Item>
      </Form>
      {done && <Alert type="success" showIcon title={done} data-testid="roster-invite-done" />}
      {error && <Alert type="error" showIcon title={isApiError(error) && error.status === 409 ? t('roster.invite.already') : translateError(error)} data-testid="roster-invite-error" />}
    </Panel>
  );
}

function MediatorsTable({ orgId, onEdit }: { orgId: string; onEdit: (m: RosterMediatorView) => void }) {
  const { t } = useTranslation(['roster', 'case']);
  const list = useRoster(orgId);
  const columns: TableColumnsType<RosterMediatorView> = [
    { title: t('roster.columns.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
    { title: t('roster.columns.mobile'), dataIndex: 'mobile', responsive: ['md'] },
    {
      title: t('roster.columns.status'),
      key: 'status',
      render: (_, m) => (
        <>
          <RosterStatusTag status={m.status} />
          {m.needsReassignment.length > 0 && (
            <Tag color="orange" data-testid="roster-reassign">
              {t('roster.reassign', { cases: m.needsReassignment.map((c) => c.caseNumber ?? '—').join('、') })}
            </Tag>
          )}
        </>
      ),
      filters: (['active', 'suspended', 'left'] as const).map((s) => ({ text: t(`roster.status.${s}`), value: s })),
      onFilter: (value, m) => m.status === value,
    },
    { title: t('roster.columns.disputeTypes'), key: 'types', responsive: ['lg'], render: (_, m) => m.disputeTypes.map((d) => t(`case:disputeTypes.${d}`)).join('、') },
    {
      title: t('roster.columns.credentials'),
      key: 'credentials',
      responsive: ['md'],
      render: (_, m) => m.credentials.filter((c) => c.expiry === 'expired' || c.expiry === 'expiring').map((c) => <ExpiryTag key={c.id} expiry={c.expiry} label={c.title} />),
    },
    { title: t('roster.columns.openCases'), dataIndex: 'openCases', sorter: (a, b) => a.openCases - b.openCases },
    { title: t('roster.columns.rating'), key: 'rating', render: (_, m) => (m.ratingAverage !== null ? `${m.ratingAverage} (${m.ratingCount})` : '—') },
    {
      title: t('roster.columns.actions'),
      key: 'edit',
      render: (_, m) => (
        <Button type="link" onClick={() => onEdit(m)} data-testid="roster-edit">
          {t('roster.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      <ListTable<RosterMediatorView>
        rowKey="userId"
        query={list}
        columns={columns}
        emptyText={t('roster.empty')}
        rowData={(m) => ({ 'data-testid': 'roster-row', 'data-id': m.userId, 'data-mobile': m.mobile, 'data-status': m.status })}
      />
    </>
  );
}

function RatingsTable({ orgId }: { orgId: string }) {
  const { t } = useTranslation('roster');
  const ratings = useOrgRatings(orgId);
  const columns: TableColumnsType<OrgRatingView> = [
    { title: t('ratingsTable.date'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD'), sorter: (a, b) => a.createdAt.localeCompare(b.createdAt) },
    { title: t('ratingsTable.case'), dataIndex: 'caseNumber' },
    { title: t('ratingsTable.mediator'), dataIndex: 'mediatorName' },
    { title: t('ratingsTable.score'), dataIndex: 'score', sorter: (a, b) => a.score - b.score },
    { title: t('ratingsTable.comment'), dataIndex: 'comment' },
  ];
  return <ListTable<OrgRatingView> rowKey="id" query={ratings} columns={columns} emptyText={t('ratingsTable.empty')} rowData={(r) => ({ 'data-testid': 'org-rating-row', 'data-score': r.score })} />;
}

/** `/org/roster` (issue #13, R05, R39): the organisation admin's roster and its mediators' ratings. */
export default function RosterPage() {
  const { t } = useTranslation('roster');
  const orgs = useRosterOrganisations();
  const [picked, setPicked] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const orgId = picked ?? orgs.data?.[0]?.id;
  const list = useRoster(orgId);
  const current = list.data?.find((m) => m.userId === editing) ?? null;
  return (
    <div className="page" data-testid="roster-page">
      <PageHeading testId="roster-heading">{t('roster.title')}</PageHeading>
      {orgs.isError && <Alert type="error" showIcon title={translateError(orgs.error)} />}
      {orgs.data && !orgs.data.length && <Alert type="info" showIcon title={t('roster.none')} />}
      {orgs.data && orgs.data.length > 1 && (
        <Select
          className="roster-org-select"
          aria-label={t('roster.organisation')}
          value={orgId}
          onChange={(v: string) => setPicked(v)}
          options={orgs.data.map((o) => ({ value: o.id, label: o.name }))}
          data-testid="roster-org"
        />
      )}
      {orgId && (
        <>
          <InviteForm orgId={orgId} />
          <Panel>
            <Tabs
              items={[
                { key: 'mediators', label: t('roster.tabs.mediators'), children: <MediatorsTable orgId={orgId} onEdit={(m) => setEditing(m.userId)} /> },
                { key: 'ratings', label: <span data-testid="roster-tab-ratings">{t('roster.tabs.ratings')}</span>, children: <RatingsTable orgId={orgId} /> },
              ]}
            />
          </Panel>
          {current && <MediatorDrawer orgId={orgId} mediator={current} onClose={() => setEditing(null)} />}
        </>
      )}
    </div>
  );
}
