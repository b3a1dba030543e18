import { useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, message } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DISPUTE_TYPES, type RosterMediatorView } from '@tiaojie/contracts';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/case';
import '../../../locales/roster';
import type { ProfileChanges } from '../api/roster-api';
import { useRosterSteps } from '../hooks/useRoster';
import { ExpiryTag, RosterStatusTag } from './tags';

type Steps = ReturnType<typeof useRosterSteps>;

function ProfileForm({ mediator, steps }: { mediator: RosterMediatorView; steps: Steps }) {
  const { t } = useTranslation(['roster', 'case']);
  const [form] = Form.useForm<ProfileChanges>();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        disputeTypes: mediator.disputeTypes,
        regions: mediator.regions,
        expertise: mediator.expertise,
        expertiseEn: mediator.expertiseEn ?? [],
        languages: mediator.languages,
        bio: mediator.bio,
        bioEn: mediator.bioEn ?? '',
        nameEn: mediator.nameEn ?? '',
        yearsOfPractice: mediator.yearsOfPractice,
        isPublic: mediator.isPublic,
      }}
      onFinish={(body) => steps.update.mutate({ userId: mediator.userId, body }, { onSuccess: () => void message.success(t('drawer.saved')) })}
    >
      <Form.Item name="disputeTypes" label={t('drawer.disputeTypes')}>
        <Select mode="multiple" options={DISPUTE_TYPES.map((d) => ({ value: d, label: t(`case:disputeTypes.${d}`) }))} data-testid="drawer-dispute-types" />
      </Form.Item>
      <Form.Item
        name="regions"
        label={t('drawer.regions')}
        rules={[{ validator: (_, v: string[] = []) => (v.every((r) => /^\d{2,12}$/.test(r)) ? Promise.resolve() : Promise.reject(new Error(t('drawer.regions')))) }]}
      >
        <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
      </Form.Item>
      <Form.Item name="expertise" label={t('drawer.expertise')}>
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} data-testid="drawer-expertise" />
      </Form.Item>
      <Form.Item name="expertiseEn" label={t('drawer.expertiseEn')}>
        <Select mode="tags" tokenSeparators={[',']} open={false} />
      </Form.Item>
      <Form.Item name="languages" label={t('drawer.languages')}>
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} data-testid="drawer-languages" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('drawer.nameEn')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="bio" label={t('drawer.bio')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="bioEn" label={t('drawer.bioEn')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="yearsOfPractice" label={t('drawer.years')}>
          <InputNumber min={0} max={70} />
        </Form.Item>
        <Form.Item name="isPublic" label={t('drawer.isPublic')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      {steps.update.error && <Alert type="error" showIcon title={translateError(steps.update.error)} />}
      <Button type="primary" htmlType="submit" loading={steps.update.isPending} data-testid="drawer-save">
        {t('drawer.save')}
      </Button>
    </Form>
  );
}

function Credentials({ mediator, steps }: { mediator: RosterMediatorView; steps: Steps }) {
  const { t } = useTranslation('roster');
  const [form] = Form.useForm<{ kind: 'certification' | 'training'; title: string; issuer?: string; issuedOn: Dayjs; expiresOn?: Dayjs }>();
  return (
    <div className="stack">
      {mediator.credentials.length === 0 && <p className="text-secondary">{t('drawer.noCredentials')}</p>}
      <ul className="item-list">
        {mediator.credentials.map((c) => (
          <li key={c.id} data-testid="credential-row">
            <strong>{t(`drawer.kind.${c.kind}`)}</strong> {c.title} {c.issuer && `· ${c.issuer}`} · {c.issuedOn}
            {c.expiresOn && ` – ${c.expiresOn}`} <ExpiryTag expiry={c.expiry} />
            <Popconfirm title={t('drawer.removeConfirm')} onConfirm={() => steps.removeCredential.mutate({ userId: mediator.userId, id: c.id })}>
              <Button type="link" size="small" danger>
                {t('drawer.remove')}
              </Button>
            </Popconfirm>
          </li>
        ))}
      </ul>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'certification' }}
        onFinish={(v) =>
          steps.addCredential.mutate(
            {
              userId: mediator.userId,
              body: { kind: v.kind, title: v.title.trim(), issuer: v.issuer?.trim() || undefined, issuedOn: v.issuedOn.format('YYYY-MM-DD'), expiresOn: v.expiresOn?.format('YYYY-MM-DD') },
            },
            { onSuccess: () => form.resetFields() },
          )
        }
      >
        <Space wrap align="start">
          <Form.Item name="kind" label={t('drawer.kind.certification')}>
            <Select options={(['certification', 'training'] as const).map((k) => ({ value: k, label: t(`drawer.kind.${k}`) }))} style={{ minWidth: 120 }} />
          </Form.Item>
          <Form.Item name="title" label={t('drawer.credTitle')} rules={[{ required: true, whitespace: true, message: t('drawer.credTitle') }]}>
            <Input maxLength={200} data-testid="credential-title" />
          </Form.Item>
          <Form.Item name="issuer" label={t('drawer.issuer')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('drawer.issuedOn')} rules={[{ required: true, message: t('drawer.issuedOn') }]}>
            <DatePicker data-testid="credential-issued" />
          </Form.Item>
          <Form.Item name="expiresOn" label={t('drawer.expiresOn')}>
            <DatePicker data-testid="credential-expires" />
          </Form.Item>
        </Space>
        {steps.addCredential.error && <Alert type="error" showIcon title={translateError(steps.addCredential.error)} />}
        <Button htmlType="submit" loading={steps.addCredential.isPending} data-testid="credential-add">
          {t('drawer.addCredential')}
        </Button>
      </Form>
    </div>
  );
}

function StatusActions({ mediator, steps }: { mediator: RosterMediatorView; steps: Steps }) {
  const { t } = useTranslation('roster');
  const [reason, setReason] = useState('');
  const run = (to: 'suspend' | 'resume' | 'leave', r?: string) => steps.status.mutate({ userId: mediator.userId, to, reason: r });
  return (
    <div className="stack">
      <p>
        <RosterStatusTag status={mediator.status} />
        {mediator.statusChangedAt && mediator.status !== 'active' && (
          <span data-testid="drawer-status-since">
            {t('drawer.statusSince', { status: t(`roster.status.${mediator.status}`), date: dayjs(mediator.statusChangedAt).format('YYYY-MM-DD'), reason: mediator.statusReason ?? '—' })}
          </span>
        )}
      </p>
      {mediator.needsReassignment.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('drawer.reassignTitle')}
          description={
            <>
              <p>{t('drawer.reassignBody')}</p>
              <ul className="item-list">
                {mediator.needsReassignment.map((c) => (
                  <li key={c.caseId}>
                    <Link to={`/cases/${c.caseId}`}>{c.caseNumber ?? c.caseId}</Link>
                  </li>
                ))}
              </ul>
            </>
          }
          data-testid="drawer-reassign"
        />
      )}
      {mediator.status === 'active' && (
        <Space wrap>
          <Input
            placeholder={t('drawer.suspendReason')}
            aria-label={t('drawer.suspendReason')}
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
            data-testid="drawer-suspend-reason"
          />
          <Popconfirm title={t('drawer.suspendConfirm')} disabled={!reason.trim()} onConfirm={() => run('suspend', reason.trim())}>
            <Button danger disabled={!reason.trim()} data-testid="drawer-suspend">
              {t('drawer.suspend')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      <Space wrap>
        {mediator.status === 'suspended' && (
          <Popconfirm title={t('drawer.resumeConfirm')} onConfirm={() => run('resume')}>
            <Button data-testid="drawer-resume">{t('drawer.resume')}</Button>
          </Popconfirm>
        )}
        {mediator.status !== 'left' && (
          <Popconfirm title={t('drawer.leaveConfirm')} onConfirm={() => run('leave')}>
            <Button danger type="dashed" data-testid="drawer-leave">
              {t('drawer.leave')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {steps.status.error && <Alert type="error" showIcon title={translateError(steps.status.error)} />}
    </div>
  );
}

/** Issue #13: edit one mediator of the roster — profile, photo, credentials, status. */
export function MediatorDrawer({ orgId, mediator, onClose }: { orgId: string; mediator: RosterMediatorView; onClose: () => void }) {
  const { t } = useTranslation('roster');
  const steps = useRosterSteps(orgId);
  return (
    <Drawer open onClose={onClose} title={t('drawer.title', { name: mediator.name })} size="large" className="mediator-drawer" data-testid="mediator-drawer">
      <section className="stack">
        <h3>{t('drawer.statusTitle')}</h3>
        <StatusActions mediator={mediator} steps={steps} />
        <h3>{t('drawer.photo')}</h3>
        {mediator.photoUrl && <img src={`${mediator.photoUrl}?v=${encodeURIComponent(mediator.name)}`} alt={mediator.name} className="mediator-photo" />}
        <label className="stack">
          <span className="text-secondary">{t('drawer.upload')}</span>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) steps.photo.mutate({ userId: mediator.userId, file }, { onSuccess: () => void message.success(t('drawer.photoSaved')) });
            }}
            data-testid="drawer-photo"
          />
        </label>
        {steps.photo.error && <Alert type="error" showIcon title={translateError(steps.photo.error)} />}
        <h3>{t('drawer.credentials')}</h3>
        <Credentials mediator={mediator} steps={steps} />
        <h3>{t('drawer.profile')}</h3>
        <ProfileForm key={mediator.userId} mediator={mediator} steps={steps} />
      </section>
    </Drawer>
  );
}
