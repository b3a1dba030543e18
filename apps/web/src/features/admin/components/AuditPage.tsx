import { Alert, Button, Input, Select, Table, Tag } from 'antd';
import type { AuditEntryView } from '@tiaojie/contracts';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/ui/PageHeading';
import { translateError } from '../../../lib/form-errors';
import type { AuditFilter } from '../api/admin-api';
import { useAudit } from '../hooks/useAdmin';

const ENTITIES = ['all', 'organisation', 'court', 'user', 'setting', 'holiday_calendar'] as const;

/** A short before/after of an entry (the whole detail is in the tooltip). */
function summary(a: AuditEntryView): string {
  const d = a.detail as Record<string, unknown>;
  if (d.changes && typeof d.changes === 'object') {
    return Object.entries(d.changes as Record<string, { before: unknown; after: unknown }>)
      .map(([k, v]) => `${k}: ${JSON.stringify(v.before)} → ${JSON.stringify(v.after)}`)
      .join('; ');
  }
  if ('before' in d && 'after' in d && !('days' in d)) return `${d.key ?? ''} ${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`.trim();
  if (d.date) return `${d.date} ${d.kind ?? ''} ${d.reason ?? ''}`.trim();
  if (d.reason) return String(d.reason);
  if (d.year) return String(d.year);
  return '';
}

/** `/admin/audit`: who changed what and when, newest first; filters by actor, entity and dates (issue #13). */
export default function AuditPage() {
  const { t } = useTranslation('admin');
  const [draft, setDraft] = useState({ actor: '', entity: 'all', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const list = useAudit(filter);
  const apply = () =>
    setFilter({
      page: 1,
      pageSize: 20,
      actor: draft.actor.trim() || undefined,
      entity: draft.entity === 'all' ? undefined : draft.entity,
      from: draft.from || undefined,
      to: draft.to || undefined,
    });

  return (
    <div className="page" data-testid="admin-audit">
      <PageHeading>{t('audit.title')}</PageHeading>
      <div className="admin-toolbar">
        <Input
          placeholder={t('audit.actor')}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          style={{ width: 200 }}
          onPressEnter={apply}
          data-testid="audit-actor"
        />
        <Select
          value={draft.entity}
          onChange={(entity) => setDraft({ ...draft, entity })}
          style={{ width: 160 }}
          options={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
          aria-label={t('audit.entity')}
          data-testid="audit-entity"
        />
        <Input type="date" aria-label={t('audit.from')} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} style={{ width: 160 }} data-testid="audit-from" />
        <Input type="date" aria-label={t('audit.to')} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} style={{ width: 160 }} data-testid="audit-to" />
        <Button type="primary" onClick={apply} data-testid="audit-apply">
          {t('common.search')}
        </Button>
      </div>
      {list.isError && <Alert type="error" showIcon title={translateError(list.error)} />}
      <div className="admin-table">
        <Table<AuditEntryView>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          size="small"
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: list.data?.total ?? 0,
            onChange: (page) => setFilter({ ...filter, page }),
            showTotal: (count) => t('common.total', { count }),
          }}
          columns={[
            { title: t('audit.when'), render: (_, a) => dayjs(a.createdAt).format('YYYY-MM-DD HH:mm:ss'), width: 170 },
            { title: t('audit.who'), render: (_, a) => a.actorName ?? t('audit.system') },
            { title: t('audit.what'), render: (_, a) => <Tag data-testid="audit-action">{a.action}</Tag> },
            { title: t('audit.target'), render: (_, a) => t(`audit.entities.${a.targetType}`, { defaultValue: a.targetType }), responsive: ['md'] },
            {
              title: t('audit.detail'),
              render: (_, a) => (
                <div className="admin-detail" title={JSON.stringify(a.detail)} data-testid="audit-detail">
                  {summary(a)}
                </div>
              ),
            },
          ]}
        />
      </div>
    </div>
  );
}
