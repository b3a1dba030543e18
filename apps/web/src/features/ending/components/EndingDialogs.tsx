import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENDING_LIMITS, MANUAL_TERMINATION_REASONS, type EscalationRouteCode } from '@tiaojie/contracts';
import { IssueConfirmModal } from '../../../components/ui/IssueConfirmModal';
import { applyApiErrorToForm } from '../../../lib/form-errors';

interface DialogProps<T> {
  open: boolean;
  pending: boolean;
  onCancel: () => void;
  /** Resolves when done; rejects with the API error (shown under its field). */
  onSubmit: (values: T) => Promise<unknown>;
}

/** What a binding step will issue, shown before it is sent (issue #11). */
interface Review {
  title: string;
  okLabel: string;
  warning: string;
  content: ReactNode;
}

/**
 * A dialog around one antd form: client rules first, then the API's field errors under their
 * fields. With `review`, the valid values are first shown as what will be issued, and only that
 * preview's own button sends them (issue #11).
 */
function FormDialog<T extends object>({
  open,
  pending,
  onCancel,
  onSubmit,
  title,
  intro,
  submitLabel,
  labels,
  testId,
  danger,
  review,
  children,
}: DialogProps<T> & { title: string; intro?: ReactNode; submitLabel: string; labels: Record<string, string>; testId: string; danger?: boolean; review?: (values: T) => Review; children: ReactNode }) {
  const { t } = useTranslation('ending');
  const [form] = Form.useForm<T>();
  const [formError, setFormError] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState<T | null>(null);
  const submit = async () => {
    setFormError(null);
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    if (review) setReviewing(values);
    else await send(values);
  };
  const send = async (values: T) => {
    try {
      await onSubmit(values);
      setReviewing(null);
      form.resetFields();
    } catch (error) {
      setReviewing(null);
      setFormError(applyApiErrorToForm(form, error, { labels }));
    }
  };
  const preview = reviewing && review ? review(reviewing) : null;
  return (
    <Modal open={open} title={title} onCancel={onCancel} footer={null} destroyOnHidden>
      <div data-testid={testId}>
        {intro && <p className="text-secondary">{intro}</p>}
        <Form form={form} layout="vertical" requiredMark={false}>
          {children}
        </Form>
        {formError && <Alert type="error" showIcon title={formError} role="alert" data-testid={`${testId}-error`} />}
        <div className="button-row">
          <Button onClick={onCancel}>{t('cancel')}</Button>
          <Button type="primary" danger={danger} loading={pending} onClick={() => void submit()} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
        </div>
      </div>
      {preview && reviewing && (
        <IssueConfirmModal
          open
          title={preview.title}
          warning={preview.warning}
          okLabel={preview.okLabel}
          pending={pending}
          danger={danger}
          onOk={() => void send(reviewing)}
          onCancel={() => setReviewing(null)}
          testId={`${testId}-preview`}
        >
          {preview.content}
        </IssueConfirmModal>
      )}
    </Modal>
  );
}

export interface TerminateValues {
  reasonCode: (typeof MANUAL_TERMINATION_REASONS)[number];
  reasonNote?: string;
  situation: string;
  costConduct?: string;
}

/** R22/R23: the mediator's "end mediation" dialog — coded reason and the failure report. */
export function TerminateDialog(props: DialogProps<TerminateValues>) {
  const { t } = useTranslation(['ending', 'case']);
  const labels = { reasonCode: t('terminate.reasonCode'), reasonNote: t('terminate.reasonNote'), situation: t('terminate.situation'), costConduct: t('terminate.costConduct') };
  return (
    <FormDialog<TerminateValues>
      {...props}
      title={t('terminate.title')}
      intro={t('terminate.intro')}
      submitLabel={t('terminate.submit')}
      labels={labels}
      testId="terminate-dialog"
      danger
      review={(v) => ({
        title: t('terminate.previewTitle'),
        okLabel: t('terminate.previewOk'),
        warning: t('terminate.previewWarning'),
        content: (
          <dl>
            <dt>{labels.reasonCode}</dt>
            <dd data-testid="terminate-preview-reason">
              {t(`case:terminationReasons.${v.reasonCode}`)}
              {v.reasonNote?.trim() ? `：${v.reasonNote.trim()}` : ''}
            </dd>
            <dt>{t('terminate.previewReport')}</dt>
            <dd className="issue-preview-main" data-testid="terminate-preview-situation">
              {v.situation.trim()}
            </dd>
            {v.costConduct?.trim() && (
              <>
                <dt>{labels.costConduct}</dt>
                <dd data-testid="terminate-preview-cost">{v.costConduct.trim()}</dd>
              </>
            )}
          </dl>
        ),
      })}
    >
      <Form.Item name="reasonCode" label={labels.reasonCode} rules={[{ required: true, message: labels.reasonCode }]}>
        <Radio.Group className="native-choices" data-testid="terminate-reason">
          {MANUAL_TERMINATION_REASONS.map((code) => (
            <Radio key={code} value={code} data-testid={`terminate-reason-${code}`}>
              {t(`case:terminationReasons.${code}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: TerminateValues, b: TerminateValues) => a.reasonCode !== b.reasonCode}>
        {({ getFieldValue }) => (
          <Form.Item
            name="reasonNote"
            label={labels.reasonNote}
            extra={t('terminate.reasonNoteHelp')}
            rules={[{ required: getFieldValue('reasonCode') === 'other', whitespace: true, message: t('terminate.reasonNoteHelp') }]}
          >
            <Input.TextArea rows={2} maxLength={ENDING_LIMITS.noteMax} data-testid="terminate-note" />
          </Form.Item>
        )}
      </Form.Item>
      <Form.Item name="situation" label={labels.situation} extra={t('terminate.situationHelp')} rules={[{ required: true, whitespace: true, message: t('terminate.situationHelp') }]}>
        <Input.TextArea rows={4} maxLength={ENDING_LIMITS.textMax} data-testid="terminate-situation" />
      </Form.Item>
      <Form.Item name="costConduct" label={labels.costConduct} extra={t('terminate.costConductHelp')}>
        <Input.TextArea rows={2} maxLength={ENDING_LIMITS.textMax} data-testid="terminate-cost" />
      </Form.Item>
    </FormDialog>
  );
}

/** R24: choose where the case goes; a court-delegated case has only one route. */
export function EscalateDialog({ routes, ...props }: DialogProps<{ route: EscalationRouteCode }> & { routes: EscalationRouteCode[] }) {
  const { t } = useTranslation('ending');
  const [route, setRoute] = useState<EscalationRouteCode>(routes[0]);
  return (
    <FormDialog<{ route: EscalationRouteCode }>
      {...props}
      title={t('escalate.title')}
      submitLabel={t('escalate.submit')}
      labels={{ route: t('escalate.route') }}
      testId="escalate-dialog"
      // Issue #11: what goes where, and to whom, before the case leaves mediation for good.
      review={(v) => ({
        title: t('escalate.previewTitle'),
        okLabel: t('escalate.previewOk'),
        warning: t('escalate.previewWarning'),
        content: (
          <dl>
            <dt>{t('escalate.route')}</dt>
            <dd data-testid="escalate-preview-route">{t(`escalate.routes.${v.route}`)}</dd>
            <dt>{t('escalate.previewWhat')}</dt>
            <dd className="issue-preview-main">{t(`escalate.explain.${v.route}`)}</dd>
            <dt>{t('escalate.previewTo')}</dt>
            <dd data-testid="escalate-preview-to">{t(`escalate.previewToRoutes.${v.route}`)}</dd>
          </dl>
        ),
      })}
    >
      <Form.Item name="route" label={t('escalate.route')} initialValue={routes[0]} rules={[{ required: true }]}>
        <Radio.Group onChange={(e) => setRoute(e.target.value as EscalationRouteCode)} data-testid="escalate-route">
          {routes.map((r) => (
            <Radio key={r} value={r} data-testid={`escalate-route-${r}`}>
              {t(`escalate.routes.${r}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <p data-testid="escalate-explain">{t(`escalate.explain.${route}`)}</p>
      <p className="text-secondary">{t('escalate.concessions')}</p>
    </FormDialog>
  );
}

/** R20: the mediator proposes days and a reason; every party then answers. */
export function ExtensionDialog(props: DialogProps<{ days: number; reason: string }>) {
  const { t } = useTranslation('ending');
  const labels = { days: t('extension.days'), reason: t('extension.reason') };
  return (
    <FormDialog<{ days: number; reason: string }> {...props} title={t('extension.title')} intro={t('period.rule')} submitLabel={t('extension.submit')} labels={labels} testId="extension-dialog">
      <Form.Item
        name="days"
        label={labels.days}
        rules={[
          { required: true, type: 'integer', min: ENDING_LIMITS.extensionDaysMin, max: ENDING_LIMITS.extensionDaysMax, message: `${ENDING_LIMITS.extensionDaysMin}–${ENDING_LIMITS.extensionDaysMax}` },
        ]}
      >
        <InputNumber min={ENDING_LIMITS.extensionDaysMin} max={ENDING_LIMITS.extensionDaysMax} precision={0} inputMode="numeric" data-testid="extension-days" />
      </Form.Item>
      <Form.Item name="reason" label={labels.reason} rules={[{ required: true, whitespace: true, message: labels.reason }]}>
        <Input.TextArea rows={2} maxLength={ENDING_LIMITS.noteMax} data-testid="extension-reason" />
      </Form.Item>
    </FormDialog>
  );
}

/** R36: a note is the report; resuming takes an optional conclusion. */
export function NoteDialog({ kind, ...props }: DialogProps<{ note: string }> & { kind: 'suspend' | 'resume' }) {
  const { t } = useTranslation('ending');
  const suspend = kind === 'suspend';
  const label = suspend ? t('sham.note') : t('sham.resumeNote');
  return (
    <FormDialog<{ note: string }>
      {...props}
      title={suspend ? t('sham.title') : t('sham.resume')}
      intro={suspend ? t('sham.intro') : undefined}
      submitLabel={suspend ? t('sham.submit') : t('sham.resumeSubmit')}
      labels={{ note: label }}
      testId={suspend ? 'sham-dialog' : 'resume-dialog'}
      danger={suspend}
    >
      <Form.Item name="note" label={label} extra={suspend ? t('sham.noteHelp') : undefined} rules={[{ required: suspend, whitespace: true, message: t('sham.noteHelp') }]}>
        <Input.TextArea rows={3} maxLength={ENDING_LIMITS.noteMax} data-testid={suspend ? 'sham-note' : 'resume-note'} />
      </Form.Item>
    </FormDialog>
  );
}
