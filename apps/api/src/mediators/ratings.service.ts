import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MediatorRatingsSummary, OrgRatingView, RatingPromptView } from '@tiaojie/contracts';
import { isRatingState, MIN_RATINGS_SHOWN } from '@tiaojie/domain';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { openCase } from '../cases/case-access';
import { CaseAssignment } from '../cases/case-assignment.entity';
import { MediationCase } from '../cases/case.entity';
import type { Viewer } from '../cases/viewer.decorator';
import { AppException } from '../common/app-exception';
import type { RequestMeta } from '../common/request-meta';
import { rosterOrganisation } from './roster-access';
import type { RateCaseDto } from './ratings.dto';
import { CaseRating } from './roster.entities';

/** The mediator a rating is about: the presiding one who accepted, else any who accepted. */
async function ratedMediator(manager: EntityManager, caseId: string): Promise<string | null> {
  const as = await manager.getRepository(CaseAssignment).find({ where: { caseId, status: In(['accepted', 'removed']) }, order: { assignedAt: 'DESC' } });
  const accepted = as.filter((a) => a.status === 'accepted');
  return (accepted.find((a) => a.role === 'presiding') ?? accepted[0] ?? as.find((a) => a.respondedAt))?.mediatorId ?? null;
}

/** Fisher–Yates with a CSPRNG: the order of comments says nothing about when they were written. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

@Injectable()
export class RatingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The party's case and its relation; 404 for whoever cannot read the case, 403 for staff (only parties rate). */
  private async partyCase(manager: EntityManager, caseId: string, viewer: Viewer) {
    const { c, relations } = await openCase(manager, caseId, viewer.userId);
    const own = relations.parties.some((p) => p.userId === viewer.userId);
    return { c, own };
  }

  async prompt(caseId: string, viewer: Viewer): Promise<RatingPromptView> {
    const { c, own } = await this.partyCase(this.db.manager, caseId, viewer);
    const ended = isRatingState(c.state) && !!c.mediatorAcceptedAt;
    const mine = own ? await this.db.getRepository(CaseRating).findOne({ where: { caseId, userId: viewer.userId } }) : null;
    return { caseId, ended, canRate: own && ended && !mine, mine: mine ? { score: mine.score, comment: mine.comment, createdAt: mine.createdAt.toISOString() } : null };
  }

  /** A party rates its ended case, once (a second rating, or one before the end: 409). */
  async rate(caseId: string, dto: RateCaseDto, viewer: Viewer, meta: RequestMeta): Promise<RatingPromptView> {
    await this.db.transaction(async (manager) => {
      const { c, own } = await this.partyCase(manager, caseId, viewer);
      if (!own) throw new AppException('FORBIDDEN', 'Only a party of the case rates it');
      if (!isRatingState(c.state) || !c.mediatorAcceptedAt) throw AppException.field('CONFLICT', 'state', 'notEnded', 'The case can be rated once its mediation has ended');
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO case_rating (case_id, user_id, mediator_user_id, organisation_id, score, comment) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (case_id, user_id) DO NOTHING RETURNING id`,
        [caseId, viewer.userId, await ratedMediator(manager, caseId), c.organisationId, dto.score, dto.comment?.trim() ?? ''],
      );
      if (!rows.length) throw AppException.field('CONFLICT', 'score', 'alreadyRated', 'You have already rated this case');
      // The audit keeps the score, not the comment (the comment is read only by the organisation's admins).
      await this.audit.record({ actorId: viewer.userId, action: 'case.rated', targetType: 'case', targetId: caseId, detail: { ratingId: rows[0].id, score: dto.score } }, meta, manager);
    });
    return this.prompt(caseId, viewer);
  }

  /**
   * What a mediator sees of its own ratings: count, average, distribution, and the comments only
   * from 3 ratings on, shuffled, as bare text (no date, case or party): never a comment linked to
   * a party.
   */
  async mediatorSummary(viewer: Viewer): Promise<MediatorRatingsSummary> {
    const rows = await this.db.getRepository(CaseRating).find({ where: { mediatorUserId: viewer.userId }, select: { score: true, comment: true } });
    const distribution: MediatorRatingsSummary['distribution'] = [0, 0, 0, 0, 0];
    for (const r of rows) distribution[r.score - 1]++;
    const count = rows.length;
    return {
      count,
      average: count ? Math.round((rows.reduce((s, r) => s + r.score, 0) / count) * 10) / 10 : null,
      distribution,
      comments: count >= MIN_RATINGS_SHOWN ? shuffled(rows.map((r) => r.comment).filter((x) => x.length > 0)) : [],
    };
  }

  /** The organisation's admins read every rating of their mediators, with its comment. */
  async organisationRatings(organisationId: string, viewer: Viewer): Promise<OrgRatingView[]> {
    return this.db.transaction(async (manager) => {
      await rosterOrganisation(manager, viewer, organisationId);
      // A mediator who is also an admin never reads the ratings of their own cases one by one
      // (a party's comment reaches its mediator only in aggregate); the system admin reads all.
      const own = viewer.user.roles.includes('admin') ? [] : [viewer.userId];
      const rows = (await manager.getRepository(CaseRating).find({ where: { organisationId }, order: { createdAt: 'DESC' }, take: 500 })).filter((r) => !own.includes(r.mediatorUserId ?? ''));
      const caseIds = [...new Set(rows.map((r) => r.caseId))];
      const mediatorIds = [...new Set(rows.flatMap((r) => (r.mediatorUserId ? [r.mediatorUserId] : [])))];
      const [cases, mediators] = await Promise.all([
        caseIds.length ? manager.getRepository(MediationCase).find({ where: { id: In(caseIds) }, select: { id: true, number: true } }) : [],
        mediatorIds.length ? manager.getRepository(User).find({ where: { id: In(mediatorIds) } }) : [],
      ]);
      return rows.map((r) => {
        const m = mediators.find((u) => u.id === r.mediatorUserId);
        return {
          id: r.id,
          caseId: r.caseId,
          caseNumber: cases.find((c) => c.id === r.caseId)?.number ?? null,
          mediatorId: r.mediatorUserId,
          mediatorName: m ? (m.realName ?? m.name) : null,
          score: r.score,
          comment: r.comment,
          createdAt: r.createdAt.toISOString(),
        };
      });
    });
  }
}
