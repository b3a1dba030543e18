import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseState } from '@tiaojie/domain';
import '../../locales/case';

const COLORS: Partial<Record<CaseState, string>> = {
  DRAFT: 'default',
  SUBMITTED: 'processing',
  RETURNED: 'warning',
  ACCEPTED: 'blue',
  MEDIATING: 'cyan',
  SUSPENDED: 'warning',
  SETTLED: 'success',
  CONFIRMATION_REQUESTED: 'purple',
  CONFIRMED: 'success',
  CONFIRMATION_REJECTED: 'error',
  TERMINATED: 'default',
  WITHDRAWN: 'default',
  ESCALATED: 'default',
  CLOSED: 'default',
};

export function CaseStateTag({ state, testId }: { state: CaseState; testId?: string }) {
  const { t } = useTranslation('case');
  return (
    <Tag color={COLORS[state]} data-testid={testId} data-state={state}>
      {t(`states.${state}`)}
    </Tag>
  );
}
