import { chinaDaysUntil } from '@tiaojie/domain';

/** Whole China calendar days from `now` to a due date (YYYY-MM-DD): 0 on the day, negative after. */
export function daysUntil(dueDate: string, now: number): number {
  return chinaDaysUntil(dueDate, now);
}

/** The countdown line: its translation key, count, and tone. */
export function countdown(dueDate: string, now: number, unperformed: boolean): { key: string; count: number; tone: 'normal' | 'soon' | 'overdue' } | null {
  if (!unperformed) return null;
  const days = daysUntil(dueDate, now);
  if (days < 0) return { key: 'countdown.overdue', count: -days, tone: 'overdue' };
  if (days === 0) return { key: 'countdown.today', count: 0, tone: 'soon' };
  return { key: 'countdown.days', count: days, tone: days <= 3 ? 'soon' : 'normal' };
}
