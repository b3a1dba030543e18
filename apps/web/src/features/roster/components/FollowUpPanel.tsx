import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_METHODS, PERFORMANCE_STATUSES, type FollowUpMethod, type FollowUpView, type PerformanceStatus } from '@tiaojie/contracts';
import { Panel } from '../../../components/ui/Panel';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/roster';
import { fetchFollowUps, recordFollowUp, scheduleFollowUp } from '../api/roster-api';

function RecordForm({ caseId, followUp, onDone }: { caseId: string; followUp: FollowUpView; onDone: (rows: FollowUpView[]) => void }) {
  const { t } = useTranslation('roster');
  const [status, setStatus] = useState<PerformanceStatus | undefined>();
  const [notes, setNotes] = useState('');
  const record = useMutation({ mutationFn: () => recordFollowUp(caseId, followUp.id, { performanceStatus: status ?? 'performed', resultNotes: notes.trim() || undefined }), onSuccess: onDone });
  return (
    <Space wrap>
      <Select
        placeholder={t('followUp.performance')}
        aria-label={t('followUp.performance')}
        value={status}
        onChange={setStatus}
        options={PERFORMANCE_STATUSES.map((s) => ({ value: s, label: t(`followUp.statuses.${s}`) }))}
        style={{ minWidth: 140 }}
        data-testid="follow-up-status"
      />
      <Input placeholder={t('followUp.resultNotes')} aria-label={t('followUp.resultNotes')} value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} />
      <Button disabled={!status} loading={record.isPending} onClick={() => record.mutate()} data-testid="follow-up-record">
        {t('followUp.save')}
      </Button>
      {record.error && <Alert type="error" showIcon title={translateError(record.error)} />}
    </Space>
  );
}

/** 回访 (issue #13): the staff schedule and record follow-ups on the agreement's performance; never shown to parties. */
export function FollowUpPanel({ caseId, canSchedule }: { caseId: string; canSchedule: boolean }) {
  const { t } = useTranslation('roster');
  const client = useQueryClient();
  const key = ['cases', caseId, 'follow-ups'];
  const list = useQuery({ queryKey: key, queryFn: () => fetchFollowUps(caseId) });
  const [form] = Form.useForm<{ dueOn: Dayjs; method: FollowUpMethod; notes?: string }>();
  const set = (rows: FollowUpView[]) => client.setQueryData(key, rows);
  const schedule = useMutation({
    mutationFn: (v: { dueOn: Dayjs; method: FollowUpMethod; notes?: string }) => scheduleFollowUp(caseId, { dueOn: v.dueOn.format('YYYY-MM-DD'), method: v.method, notes: v.notes }),
    onSuccess: set,
  });
  if (list.isError) return null;
  return (
    <Panel title={t('followUp.title')} testId="follow-up-panel">
      <p className="text-secondary">{t('followUp.staffOnly')}</p>
      {list.data?.length === 0 && <p>{t('followUp.empty')}</p>}
      <ul className="item-list">
        {list.data?.map((f) => (
          <li key={f.id} data-testid="follow-up-row" data-status={f.performanceStatus ?? 'open'}>
            <strong>{f.dueOn}</strong> {t(`followUp.methods.${f.method}`)} {f.due && <Tag color="red">{t('followUp.due')}</Tag>} {f.notes}
            {f.scheduledByName && <span className="text-secondary"> · {t('followUp.scheduledBy', { name: f.scheduledByName })}</span>}
            {f.performanceStatus ? (
              <div>
                <Tag color={f.performanceStatus === 'performed' ? 'green' : f.performanceStatus === 'partly' ? 'gold' : 'red'}>
                  {t('followUp.recorded', { status: t(`followUp.statuses.${f.performanceStatus}`), name: f.recordedByName ?? '—' })}
                </Tag>
                {f.resultNotes}
              </div>
            ) : (
              <RecordForm caseId={caseId} followUp={f} onDone={set} />
            )}
          </li>
        ))}
      </ul>
      {canSchedule && (
        <Form form={form} layout="vertical" initialValues={{ method: 'phone' }} onFinish={(v) => schedule.mutate(v, { onSuccess: () => form.resetFields() })}>
          <Space wrap align="start">
            <Form.Item name="dueOn" label={t('followUp.dueOn')} rules={[{ required: true, message: t('followUp.dateRequired') }]}>
              <DatePicker data-testid="follow-up-date" />
            </Form.Item>
            <Form.Item name="method" label={t('followUp.method')}>
              <Select options={FOLLOW_UP_METHODS.map((m) => ({ value: m, label: t(`followUp.methods.${m}`) }))} style={{ minWidth: 120 }} />
            </Form.Item>
            <Form.Item name="notes" label={t('followUp.notes')}>
              <Input maxLength={1000} data-testid="follow-up-notes" />
            </Form.Item>
          </Space>
          {schedule.error && <Alert type="error" showIcon title={translateError(schedule.error)} />}
          <Button htmlType="submit" loading={schedule.isPending} data-testid="follow-up-schedule">
            {t('followUp.schedule')}
          </Button>
        </Form>
      )}
    </Panel>
  );
}
