import type { PartyNoticeView } from '@tiaojie/contracts';
import { EntityManager, In } from 'typeorm';
import type { CaseParty } from './case-party.entity';
import { Notification } from '../notifications/notification.entity';
import { ESCALATION_TEMPLATE, importantKind, importantTemplates } from '../notifications/important-notices';

const PARTY_ROLES = ['applicant', 'respondent', 'agent'];
const min = (dates: Array<Date | null | undefined>) => dates.filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;

/**
 * Issue #11: for the case's staff only (the caller checks; R19), each party's important notices
 * — invitations, deadline notices, court requests — one line per notice whatever the channels
 * it went by (the rows of one notice share the de-duplication key up to `:channel:address`),
 * with when it went out, when the party (or its agent) read it — opened it in the app, followed
 * the link in its text message, or, for the invitation, opened the invitation link — and when
 * it was escalated for being unread (unread-escalation.ts).
 */
export async function partyNotices(manager: EntityManager, caseId: string, parties: CaseParty[]): Promise<PartyNoticeView[]> {
  const templates = [...importantTemplates('quiet'), ...importantTemplates('deadline'), ESCALATION_TEMPLATE];
  const rows = await manager.getRepository(Notification).find({ where: { caseId, template: In(templates), recipientRole: In(PARTY_ROLES) }, take: 1000 });
  const partyOf = (n: Notification) => {
    const user = n.template === ESCALATION_TEMPLATE ? String(n.params.forUser ?? '') : n.recipientUserId;
    if (user) return parties.find((p) => p.userId === user || p.agentUserId === user);
    return parties.find((p) => (n.recipientMobile && p.mobile === n.recipientMobile) || (n.recipientEmail && p.email === n.recipientEmail));
  };
  const groups = new Map<string, { party: CaseParty; rows: Notification[] }>();
  const escalations: Array<{ party: CaseParty; user: string; at: Date }> = [];
  for (const n of rows) {
    const party = partyOf(n);
    if (!party) continue;
    if (n.template === ESCALATION_TEMPLATE) {
      const at = new Date(String(n.params.queuedAt ?? ''));
      if (!Number.isNaN(at.getTime())) escalations.push({ party, user: String(n.params.forUser), at });
      continue;
    }
    const key = `${party.id}|${n.dedupKey.split(':').slice(0, -2).join(':')}`;
    const g = groups.get(key) ?? { party, rows: [] };
    g.rows.push(n);
    groups.set(key, g);
  }
  const out: PartyNoticeView[] = [];
  for (const { party, rows: group } of groups.values()) {
    const template = group[0].template;
    const kind = importantKind(template);
    const sentAt = min(group.map((n) => n.sentAt ?? n.nextAttemptAt));
    if (!kind || !sentAt) continue;
    const readAt = min([...group.map((n) => n.readAt), template === 'respondent_invited' ? party.invitationOpenedAt : null]);
    const inAppUsers = group.filter((n) => n.channel === 'in_app').map((n) => n.recipientUserId);
    const escalatedAt = min(escalations.filter((e) => e.party.id === party.id && inAppUsers.includes(e.user) && e.at > sentAt).map((e) => e.at));
    out.push({ partyId: party.id, template, kind, sentAt: sentAt.toISOString(), readAt: readAt?.toISOString() ?? null, escalatedAt: escalatedAt?.toISOString() ?? null });
  }
  return out.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}
