import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CredentialExpiry, RosterStatus } from '@tiaojie/contracts';
import '../../../locales/roster';

const STATUS_COLOR: Record<RosterStatus, string> = { active: 'green', suspended: 'orange', left: 'default' };
const EXPIRY_COLOR: Record<CredentialExpiry, string> = { none: 'default', valid: 'green', expiring: 'gold', expired: 'red' };

export function RosterStatusTag({ status }: { status: RosterStatus }) {
  const { t } = useTranslation('roster');
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="roster-status" data-status={status}>
      {t(`roster.status.${status}`)}
    </Tag>
  );
}

/** A certification's expiry: expired (red), within 30 days (gold), valid, or none. */
export function ExpiryTag({ expiry, label }: { expiry: CredentialExpiry; label?: string }) {
  const { t } = useTranslation('roster');
  return (
    <Tag color={EXPIRY_COLOR[expiry]} data-testid="credential-expiry" data-expiry={expiry}>
      {label ? `${label}: ` : ''}
      {t(`drawer.expiry.${expiry}`)}
    </Tag>
  );
}
