import type { Actor } from '@tiaojie/domain';
import { EntityManager } from 'typeorm';
import { actorsOf, openCase } from '../cases/case-access';
import { MediationCase } from '../cases/case.entity';
import type { Viewer } from '../cases/cases.service';
import { AppException } from '../common/app-exception';
import type { Notifier, Recipient } from '../cases/notifier';
import { courtsOf, staffOf } from '../organisations/court-staff';
import { Organisation } from '../organisations/organisation.entity';

/**
 * Who may act on the end of a mediation (R20–R24, R36), derived from the database on every
 * request: the case's own members, and a judge of the court the case belongs to (R36). Used by
 * EndingService and MediationPeriodService.
 */

/** The court a case belongs to: the court that brought it, else its organisation's court. */
export async function courtOfCase(manager: EntityManager, c: MediationCase): Promise<string | null> {
  if (c.courtId) return c.courtId; // R21/R24: a court-brought case goes back to the court that brought it
  if (!c.organisationId) return null;
  const org = await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } });
  return org?.courtId ?? null;
}

/**
 * The role the viewer acts as on this case, or 404 (cannot see it) / 403 (may not do this).
 * A judge of the organisation's court may act where `allowed` includes 'judge' (R36).
 */
export async function actAs(manager: EntityManager, caseId: string, viewer: Viewer, allowed: Actor[]) {
  const judgeOf = async (c: MediationCase) => allowed.includes('judge') && (await isJudgeOf(manager, viewer.userId, c));
  let judge: boolean | undefined;
  const { c, relations } = await openCase(manager, caseId, viewer.userId, async (found) => (judge = await judgeOf(found)));
  judge ??= await judgeOf(c);
  const actors: Actor[] = [...actorsOf(relations, viewer.userId, false), ...(judge ? (['judge'] as const) : [])];
  const actor = actors.find((a) => allowed.includes(a));
  if (!actor) throw new AppException('FORBIDDEN', 'Your role may not do this on this case');
  return { c, relations, actor };
}

/** R36: a judge of the court the case belongs to. */
export async function isJudgeOf(manager: EntityManager, userId: string, c: MediationCase) {
  const court = await courtOfCase(manager, c);
  return !!court && (await courtsOf(manager, userId, ['judge'])).includes(court);
}

/** The judges and clerks of a court, as recipients of the staff wording of a notice. */
export async function courtRecipients(manager: EntityManager, notifier: Notifier, courtId: string | null): Promise<Recipient[]> {
  if (!courtId) return [];
  const users = await staffOf(manager, courtId);
  // Court staff read the staff wording of a notice.
  return users.map((u) => notifier.fromUser('dispatcher', u));
}
