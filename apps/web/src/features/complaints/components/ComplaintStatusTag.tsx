import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintView } from '@tiaojie/contracts';
import '../../../locales/complaints';

const COLORS: Record<string, string> = { received: 'blue', investigating: 'orange', decided: 'green', told: 'green' };

export function ComplaintStatusTag({ complaint }: { complaint: Pick<ComplaintView, 'status' | 'outcome'> }) {
  const { t } = useTranslation('complaints');
  return (
    <span data-testid="complaint-status" data-status={complaint.status}>
      <Tag color={COLORS[complaint.status]}>{t(`status.${complaint.status}`)}</Tag>
      {complaint.outcome && (
        <Tag color={complaint.outcome === 'upheld' || complaint.outcome === 'partly_upheld' ? 'red' : 'default'} data-testid="complaint-outcome" data-outcome={complaint.outcome}>
          {t(`outcomes.${complaint.outcome}`)}
        </Tag>
      )}
    </span>
  );
}
