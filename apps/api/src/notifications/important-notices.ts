import type { PartyNoticeView } from '@tiaojie/contracts';
import { isDeadlineNotice, TEMPLATES } from './templates';

export type ImportantKind = PartyNoticeView['kind'];

/** Issue #11: the text message saying an important notice is unread (templates-escalation.ts). */
export const ESCALATION_TEMPLATE = 'unread_notice';

/** Invitations: the respondent's invitation (R12) and its link to confirm a consent given by phone. */
const INVITATIONS = ['respondent_invited', 'respondent_phone_consent'];
/** The court's request for materials in judicial confirmation (R33). */
const COURT_REQUESTS = ['confirmation_supplement_requested'];

/** Issue #11: the notices that matter to a party — an invitation, a court request, a deadline notice. */
export function importantKind(template: string): ImportantKind | null {
  if (INVITATIONS.includes(template)) return 'invitation';
  if (COURT_REQUESTS.includes(template)) return 'court_request';
  if (template !== ESCALATION_TEMPLATE && isDeadlineNotice(template)) return 'deadline';
  return null;
}

/** The templates escalated after UNREAD_ESCALATION_MINUTES ('quiet') or DEADLINE_ESCALATION_MINUTES ('deadline'). */
export function importantTemplates(kind: 'quiet' | 'deadline'): string[] {
  return Object.keys(TEMPLATES).filter((id) => {
    const k = importantKind(id);
    return kind === 'deadline' ? k === 'deadline' : k === 'invitation' || k === 'court_request';
  });
}
