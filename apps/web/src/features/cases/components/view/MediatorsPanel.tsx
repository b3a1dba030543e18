import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { Panel } from '../../../../components/ui/Panel';

const STATUS_COLORS: Record<string, string> = { pending: 'orange', accepted: 'green', declined: 'default', expired: 'red', removed: 'default' };

export function MediatorsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('casePage');
  if (detail.state === 'DRAFT') return null;
  return (
    <Panel title={t('sections.mediators')} testId="case-mediators">
      {detail.assignments.length === 0 ? (
        <p className="text-secondary empty-line">{t('mediators.none')}</p>
      ) : (
        <ul className="item-list">
          {detail.assignments.map((a) => (
            <li key={a.id} className="item" data-testid="assignment" data-status={a.status} data-name={a.mediatorName}>
              <div className="item-title">
                {a.mediatorName}
                <Tag color="blue">{t(`mediators.roles.${a.role}`)}</Tag>
                <Tag color={STATUS_COLORS[a.status]}>{t(`mediators.status.${a.status}`)}</Tag>
              </div>
              {a.status === 'pending' && <div className="item-meta">{t('mediators.respondBy', { date: dayjs(a.respondBy).format('MM-DD HH:mm') })}</div>}
              {a.conflictDisclosure && <div className="item-note">{t('mediators.conflict', { text: a.conflictDisclosure })}</div>}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
