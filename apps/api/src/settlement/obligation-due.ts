import type { ObligationStatus } from '@tiaojie/contracts';
import { chinaDaysUntil } from '@tiaojie/domain';

/**
 * When an obligation of an agreement is due (R28). A due date is a calendar date in China time;
 * the obligation is due by the end of that day (24:00 China = 16:00 UTC). The agreement's views
 * show it and the performance module (performance-rules.ts) builds on it.
 */

/** Not yet performed (a claimed obligation waits for the obligee's answer; it is not overdue). */
export const UNPERFORMED: readonly ObligationStatus[] = ['pending', 'disputed'];

/** Days left until the due date, counted in China calendar days (0 on the day itself, negative after). */
export const daysLeft = (dueDate: string, now: Date): number => chinaDaysUntil(dueDate, now);

export function isOverdue(o: { dueDate: string; status: ObligationStatus }, now: Date): boolean {
  return UNPERFORMED.includes(o.status) && daysLeft(o.dueDate, now) < 0;
}
