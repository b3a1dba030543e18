import { likeContains } from '../common/like';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseListResponse, CaseSummary } from '@tiaojie/contracts';
import { Brackets, DataSource, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { Organisation } from '../organisations/organisation.entity';
import { CaseAssignment } from './case-assignment.entity';
import { leftOrganisationSql } from './case-access';
import { CaseParty } from './case-party.entity';
import { openDeadlines, summaryView } from './case-views';
import { MediationCase } from './case.entity';
import { CaseListQueryDto } from './dto/case.dto';
import { openChangeCounts } from './mediator-change-views';
import type { Viewer } from './viewer.decorator';

/** The case lists (my cases, a mediator's, an organisation's queues): one page at a time. */
@Injectable()
export class CaseListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
  ) {}

  /**
   * Lists with cursor pagination (newest activity first). `mine`: cases where the viewer is a
   * party, an agent or the filer; `assigned`: the mediator's; `organisation`: the queues of
   * the organisations where the viewer dispatches or mediates.
   */
  async list(query: CaseListQueryDto, viewer: Viewer): Promise<CaseListResponse> {
    const limit = query.limit ?? 20;
    const scope = query.scope ?? 'mine';
    const qb = this.db.getRepository(MediationCase).createQueryBuilder('c');
    if (scope === 'mine') {
      qb.where(new Brackets((w) => w.where('c.filed_by_id = :uid').orWhere('EXISTS (SELECT 1 FROM case_party p WHERE p.case_id = c.id AND (p.user_id = :uid OR p.agent_user_id = :uid))')));
    } else if (scope === 'assigned') {
      qb.where("EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.mediator_id = :uid AND a.status IN ('pending','accepted'))").andWhere(
        `NOT ${leftOrganisationSql('c.id', ':uid')}`,
      );
      if (query.bucket === 'new') qb.andWhere("EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.mediator_id = :uid AND a.status = 'pending')");
      if (query.bucket === 'awaiting_contact') qb.andWhere("c.state = 'ACCEPTED' AND c.first_contact_at IS NULL");
      if (query.bucket === 'mediating') qb.andWhere("c.state = 'MEDIATING'");
    } else {
      // The viewer's organisations are read first, so the queue is one organisation's index
      // range walked newest first (ix_case_org_updated; TARGETS P3) instead of a join to sort.
      const memberships: Array<{ organisation_id: string; role: string }> = await this.db.query(
        "SELECT DISTINCT organisation_id, role FROM membership WHERE user_id = $1 AND role IN ('org_admin','mediator') AND organisation_id IS NOT NULL AND (role = 'org_admin' OR status = 'active')",
        [viewer.userId],
      );
      const orgIds = [...new Set(memberships.map((m) => m.organisation_id))];
      const adminOf = new Set(memberships.filter((m) => m.role === 'org_admin').map((m) => m.organisation_id));
      if (!orgIds.length) return { items: [], nextCursor: null };
      if (orgIds.length === 1) qb.where('c.organisation_id = :orgId', { orgId: orgIds[0] });
      else qb.where('c.organisation_id IN (:...orgIds)', { orgIds });
      qb.andWhere("c.state <> 'DRAFT'");
      // R10, R11: a mediator removed from a case no longer finds it in the organisation's queue (its admins still do).
      if (!orgIds.every((id) => adminOf.has(id))) {
        const removedHidden =
          "NOT EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.mediator_id = :uid AND a.status = 'removed') OR EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.mediator_id = :uid AND a.status IN ('pending','accepted'))";
        qb.andWhere(adminOf.size ? `(c.organisation_id IN (:...adminOrgIds) OR ${removedHidden})` : `(${removedHidden})`, { adminOrgIds: [...adminOf] });
      }
    }
    qb.setParameter('uid', viewer.userId);
    if (query.state) qb.andWhere('c.state = :state', { state: query.state });
    if (query.q) {
      qb.andWhere(new Brackets((w) => w.where('c.number ILIKE :q').orWhere('EXISTS (SELECT 1 FROM case_party p WHERE p.case_id = c.id AND p.name ILIKE :q)')), {
        q: likeContains(query.q),
      });
    }
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      qb.andWhere('(c.updated_at, c.id) < (:at, :cid)', { at, cid: id });
    }
    // TARGETS P3: the page query reads ids only, so it is answered from the indexes alone
    // (ix_case_updated, ix_case_org_updated); the page's cases are read by id after it.
    qb.select(['c.id', 'c.updatedAt'])
      .orderBy('c.updated_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit + 1);
    const page = await qb.getMany();
    const hasMore = page.length > limit;
    const ids = page.slice(0, limit).map((r) => r.id);
    // The page's cases and what the summaries need of them, in parallel: three round trips deep, not seven (TARGETS P3).
    const [found, parties, assignments] = ids.length
      ? await Promise.all([
          this.db.getRepository(MediationCase).find({ where: { id: In(ids) } }),
          this.db.getRepository(CaseParty).find({ where: { caseId: In(ids) }, order: { position: 'ASC' } }),
          this.db.getRepository(CaseAssignment).find({ where: { caseId: In(ids) } }),
        ])
      : [[], [], []];
    const rows = ids.map((id) => found.find((r) => r.id === id)).filter((r): r is MediationCase => !!r);
    const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => !!x))];
    const mediatorIds = [...new Set(assignments.map((a) => a.mediatorId))];
    const [mediators, orgs, changes] = await Promise.all([
      mediatorIds.length ? this.db.getRepository(User).find({ where: { id: In(mediatorIds) } }) : [],
      orgIds.length ? this.db.getRepository(Organisation).find({ where: { id: In(orgIds) } }) : [],
      scope === 'organisation' ? openChangeCounts(this.db.manager, ids, viewer.userId) : new Map<string, number>(),
    ]);
    const now = this.clock.now();
    const calendar = this.holidays.calendar();
    let items: CaseSummary[] = rows.map((c) => {
      const ps = parties.filter((p) => p.caseId === c.id);
      const as = assignments.filter((a) => a.caseId === c.id);
      const viewerParty = ps.find((p) => p.userId === viewer.userId);
      const viewerRole = viewerParty
        ? viewerParty.side
        : ps.some((p) => p.agentUserId === viewer.userId)
          ? 'agent'
          : as.some((a) => a.mediatorId === viewer.userId && (a.status === 'pending' || a.status === 'accepted'))
            ? 'mediator'
            : c.filedById === viewer.userId
              ? 'filer'
              : scope === 'organisation'
                ? 'org_admin'
                : 'org_member';
      const pendingMediatorChanges = changes.get(c.id);
      return {
        ...summaryView(c, ps, as, mediators, orgs.find((o) => o.id === c.organisationId) ?? null, openDeadlines(c, ps, as, now, calendar)),
        viewerRole,
        ...(pendingMediatorChanges ? { pendingMediatorChanges } : {}),
      };
    });
    if (query.bucket === 'due_soon') items = items.filter((i) => i.nextDeadline && (i.nextDeadline.dueSoon || i.nextDeadline.overdue));
    // The cursor is where the page query stopped (a case updated since moves up, not out of order).
    const last = page[ids.length - 1];
    return { items, nextCursor: hasMore && last ? encodeCursor(last.updatedAt, last.id) : null };
  }
}

function encodeCursor(at: Date, id: string) {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw AppException.field('VALIDATION_FAILED', 'cursor', 'isCursor', 'Invalid cursor');
  }
  return [at, id];
}
