import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DeadlineView } from '@tiaojie/contracts';
import { deadlineStatus } from '@tiaojie/domain';
import { useNow } from '../../lib/use-now';
import '../../locales/case';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `2 天 3 小时`, `5 小时 12 分`, `8 分钟`: coarse enough for a countdown that ticks each minute. */
export function formatDuration(ms: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) return t('countdown.dh', { d: Math.floor(abs / DAY), h: Math.floor((abs % DAY) / HOUR) });
  if (abs >= HOUR) return t('countdown.hm', { h: Math.floor(abs / HOUR), m: Math.floor((abs % HOUR) / MINUTE) });
  return t('countdown.m', { m: Math.max(1, Math.ceil(abs / MINUTE)) });
}

interface DeadlineCountdownProps {
  deadline: DeadlineView;
  /** Show what the deadline is for (its kind) before the countdown. */
  showLabel?: boolean;
  testId?: string;
}

/** A live countdown to a deadline (refreshed each minute); red once overdue, orange when due soon. */
export function DeadlineCountdown({ deadline, showLabel = true, testId = 'deadline' }: DeadlineCountdownProps) {
  const { t } = useTranslation('case');
  const now = useNow(MINUTE);
  const status = deadlineStatus(deadline.dueAt, now);
  const tone = status.overdue ? 'overdue' : status.dueSoon ? 'due-soon' : 'on-time';
  const time = formatDuration(status.remainingMs, t);
  return (
    <span className={`deadline deadline-${tone}`} data-testid={testId} data-kind={deadline.kind} data-overdue={status.overdue}>
      {showLabel && <span className="deadline-label">{t(`deadlines.${deadline.kind}`, { defaultValue: t('deadlines.other') })}</span>}
      <strong className="deadline-time">{status.overdue ? t('countdown.overdue', { time }) : t('countdown.left', { time })}</strong>
      <span className="deadline-due">{t('countdown.due', { date: dayjs(deadline.dueAt).format(t('countdown.dateFormat')) })}</span>
    </span>
  );
}
