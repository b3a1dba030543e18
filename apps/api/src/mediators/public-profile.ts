import type { PublicMediatorProfile } from '@tiaojie/contracts';
import { publicSatisfaction, RATING_STATES } from '@tiaojie/domain';
import { In, IsNull, type EntityManager } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AppException } from '../common/app-exception';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { MediatorProfile } from '../organisations/mediator-profile.entity';
import { CaseRating } from './roster.entities';

/**
 * R05 (issue #13): what the parties may see of a mediator when they choose (R07): photo,
 * expertise, languages, dispute types, organisations, cases handled and satisfaction (only from
 * 3 ratings). Nothing private — no mobile, no ID number, no comment. Only a public profile of a
 * mediator active on some roster is shown; anything else is 404.
 */
export async function publicProfile(manager: EntityManager, mediatorId: string): Promise<PublicMediatorProfile> {
  const ms = await manager.getRepository(Membership).find({ where: { userId: mediatorId, role: 'mediator', status: 'active' } });
  const [user, profile] = await Promise.all([
    ms.length ? manager.getRepository(User).findOne({ where: { id: mediatorId, disabledAt: IsNull() } }) : null,
    manager.getRepository(MediatorProfile).findOne({ where: { userId: mediatorId, isPublic: true } }),
  ]);
  if (!user || !profile) throw new AppException('NOT_FOUND', 'Not found');
  const orgIds = ms.flatMap((m) => (m.organisationId ? [m.organisationId] : []));
  const [orgs, handled, ratings] = await Promise.all([
    orgIds.length ? manager.getRepository(Organisation).find({ where: { id: In(orgIds) }, order: { name: 'ASC' } }) : [],
    manager.query(
      `SELECT count(DISTINCT a.case_id) AS n FROM case_assignment a JOIN mediation_case c ON c.id = a.case_id
       WHERE a.mediator_id = $1 AND a.status = 'accepted' AND c.state = ANY($2)`,
      [mediatorId, [...RATING_STATES]],
    ) as Promise<Array<{ n: string }>>,
    manager.getRepository(CaseRating).find({ where: { mediatorUserId: mediatorId }, select: { score: true } }),
  ]);
  return {
    id: user.id,
    name: user.realName ?? user.name,
    nameEn: profile.nameEn || null,
    photoUrl: profile.photoMime ? `/api/mediators/${user.id}/photo` : null,
    organisations: orgs.map((o) => ({ id: o.id, name: o.name, nameEn: o.nameEn || null })),
    disputeTypes: profile.disputeTypes,
    expertise: profile.expertise,
    expertiseEn: profile.expertiseEn?.length ? profile.expertiseEn : null,
    languages: profile.languages,
    bio: profile.bio,
    bioEn: profile.bioEn || null,
    yearsOfPractice: profile.yearsOfPractice,
    casesHandled: Number(handled[0]?.n ?? 0),
    satisfaction: publicSatisfaction(ratings.map((r) => r.score)),
  };
}
