import type { ConfirmationSupplement } from './confirmation.entity';

/** R33: the parties may still provide materials: before the deadline, or after it when the judge decided the application goes on. */
export function supplementOpen(s: Pick<ConfirmationSupplement, 'decision' | 'missedAt' | 'dueAt'>, now: Date): boolean {
  if (s.decision === 'continue') return true;
  return !s.missedAt && !s.decision && s.dueAt >= now;
}
