import type { StatisticsDashboard, StatisticsScopeKind } from '@tiaojie/contracts';
import { EntityManager, In } from 'typeorm';
import { AppException } from '../common/app-exception';
import type { Viewer } from '../cases/viewer.decorator';
import { bureauIdsOf, organisationIdsOfBureaux } from '../organisations/bureau-scope';
import { Court } from '../organisations/court.entity';
import { courtsOf } from '../organisations/court-staff';
import { JusticeBureau } from '../organisations/justice-bureau.entity';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';

/**
 * Which cases a statistics query may count, decided on the server from the viewer's memberships
 * (issue #13): a system admin the platform; a 司法局's staff the organisations of its bureau;
 * an organisation admin its own organisation(s); a judge or clerk its court's cases (R21) and the
 * confirmations it ruled on (R34). Filters only narrow it: an organisation or mediator outside
 * the scope is a 403, never a silently wider or empty answer.
 */
export interface CaseScope {
  kind: StatisticsScopeKind;
  /** null: every organisation (platform, or a court's cases whatever their organisation). */
  organisationIds: string[] | null;
  courtId: string | null;
  mediatorId: string | null;
  from: Date | null;
  to: Date | null;
  /** For the filter's choices. */
  organisations: StatisticsDashboard['scope']['organisations'];
  bureauName: string | null;
  courtName: string | null;
}

export interface ScopeFilters {
  from?: Date | null;
  to?: Date | null;
  organisationId?: string;
  mediatorId?: string;
}

const refs = (orgs: Organisation[]) => orgs.map((o) => ({ id: o.id, name: o.name, nameEn: o.nameEn })).sort((a, b) => a.name.localeCompare(b.name));

export async function resolveScope(manager: EntityManager, viewer: Viewer, f: ScopeFilters): Promise<CaseScope> {
  const roles = viewer.user.roles;
  const base = { courtId: null as string | null, bureauName: null as string | null, courtName: null as string | null };
  let kind: StatisticsScopeKind;
  let allowed: string[] | null;
  let orgs: Organisation[];
  if (roles.includes('admin')) {
    kind = 'platform';
    allowed = null;
    orgs = await manager.getRepository(Organisation).find();
  } else if (roles.includes('bureau') && (await bureauIdsOf(manager, viewer.userId)).length) {
    const bureauIds = await bureauIdsOf(manager, viewer.userId);
    kind = 'bureau';
    allowed = await organisationIdsOfBureaux(manager, bureauIds);
    orgs = allowed.length ? await manager.getRepository(Organisation).find({ where: { id: In(allowed) } }) : [];
    base.bureauName = (await manager.getRepository(JusticeBureau).find({ where: { id: In(bureauIds) } })).map((b) => b.name).join('、');
  } else if (roles.includes('org_admin') && (await adminOrgs(manager, viewer.userId)).length) {
    kind = 'organisation';
    allowed = await adminOrgs(manager, viewer.userId);
    orgs = await manager.getRepository(Organisation).find({ where: { id: In(allowed) } });
  } else {
    const courts = await courtsOf(manager, viewer.userId);
    if (!courts.length) throw new AppException('FORBIDDEN', 'Statistics are for organisation admins, 司法局 staff, court staff and system admins');
    kind = 'court';
    allowed = null;
    orgs = [];
    base.courtId = courts[0];
    base.courtName = (await manager.getRepository(Court).findOne({ where: { id: courts[0] } }))?.name ?? null;
  }

  let organisationIds = allowed;
  if (f.organisationId) {
    const exists = await manager.getRepository(Organisation).exists({ where: { id: f.organisationId } });
    if (!exists) throw AppException.field('NOT_FOUND', 'organisationId', 'exists', 'No such organisation');
    if (allowed && !allowed.includes(f.organisationId)) throw AppException.field('FORBIDDEN', 'organisationId', 'in_scope', 'That organisation is outside your statistics scope');
    organisationIds = [f.organisationId];
  }
  if (f.mediatorId) {
    const ms = await manager.getRepository(Membership).find({ where: { userId: f.mediatorId, role: 'mediator' } });
    if (!ms.length) throw AppException.field('NOT_FOUND', 'mediatorId', 'exists', 'No such mediator');
    const within = organisationIds ?? null;
    if (within && !ms.some((m) => m.organisationId && within.includes(m.organisationId)))
      throw AppException.field('FORBIDDEN', 'mediatorId', 'in_scope', 'That mediator is outside your statistics scope');
  }
  return { kind, organisationIds, mediatorId: f.mediatorId ?? null, from: f.from ?? null, to: f.to ?? null, organisations: refs(orgs), ...base };
}

async function adminOrgs(manager: EntityManager, userId: string): Promise<string[]> {
  const ms = await manager.getRepository(Membership).find({ where: { userId, role: 'org_admin' } });
  return ms.flatMap((m) => (m.organisationId ? [m.organisationId] : []));
}
