import type { EntityManager } from 'typeorm';
import { CaseParty } from '../cases/case-party.entity';
import { MediationSession, SESSION_CHECK_IN_OPENS_MINUTES, SessionAttendance } from '../cases/session.entity';

/**
 * R14: the scheduled session under way now that this account takes part in as a party (or a
 * party's agent) without having checked in — its identity re-confirmed by SMS code and the
 * sham-mediation warning acknowledged — or null. Sessions are not bound to a channel, so the
 * session's own real-time act, joining the joint call, asks this (MediationService).
 */
export async function uncheckedLiveSession(manager: EntityManager, caseId: string, userId: string, now: Date): Promise<MediationSession | null> {
  const parties = await manager.getRepository(CaseParty).find({ where: { caseId } });
  const own = parties.filter((p) => p.userId === userId || p.agentUserId === userId).map((p) => p.id);
  if (!own.length) return null;
  const sessions = await manager.getRepository(MediationSession).find({ where: { caseId, status: 'scheduled' } });
  const t = now.getTime();
  const live = sessions.filter(
    (s) => s.partyIds.some((id) => own.includes(id)) && t >= s.startsAt.getTime() - SESSION_CHECK_IN_OPENS_MINUTES * 60_000 && t <= s.startsAt.getTime() + s.durationMinutes * 60_000,
  );
  for (const s of live) {
    const a = await manager.getRepository(SessionAttendance).findOne({ where: { sessionId: s.id, userId } });
    if (!a?.identityConfirmedAt || !a.warningAcknowledgedAt) return s;
  }
  return null;
}
