import type { Locale, RecipientRole } from '@tiaojie/contracts';
import { chinaWallClock } from '@tiaojie/domain';

/**
 * What every notice template is made of, shared by templates.ts and the templates-*.ts files of
 * each feature (which templates.ts gathers): the recipient roles, the template shape and the
 * China-time formatting of dates in notices.
 */
/** Whom a notice is written for (the contract's, also the admin console's template filter). */
export type { RecipientRole };

export type Params = Record<string, unknown>;
export type Text = (p: Params, role: RecipientRole) => string;
export interface Template {
  title: Record<Locale, (p: Params) => string>;
  text: Record<Locale, Text>;
  /** Deadline-type notices pass quiet hours when due within a day. */
  deadline?: boolean;
}

/** China time, short: 3月12日 17:00 / 12 Mar 17:00. */
function china(iso: string) {
  const d = chinaWallClock(new Date(iso));
  return { m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: String(d.getUTCHours()).padStart(2, '0'), mm: String(d.getUTCMinutes()).padStart(2, '0') };
}
export function formatZh(iso: string) {
  const c = china(iso);
  return `${c.m}月${c.d}日${c.hh}:${c.mm}`;
}
export function formatEn(iso: string) {
  const c = china(iso);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${c.d} ${months[c.m - 1]} ${c.hh}:${c.mm}`;
}

/** A notice's `dueAt`, in China time; empty when it has none. */
export const dueZh = (p: Params) => (p.dueAt ? formatZh(String(p.dueAt)) : '');
export const dueEn = (p: Params) => (p.dueAt ? formatEn(String(p.dueAt)) : '');
