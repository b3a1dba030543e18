import { likeContains } from '../common/like';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseListResponse, CaseSummary } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import type { CaseAssignment } from './case-assignment.entity';
import { leftOrganisationSql } from './case-access';
import type { CaseParty } from './case-party.entity';
import { openDeadlines, summaryView, type DeadlineCase, type SummaryCase } from './case-views';
import type { MediationCase } from './case.entity';
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
    const page = await this.pageOf(query, viewer, limit);
    if (!page) return { items: [], nextCursor: null };
    const hasMore = page.length > limit;
    const ids = page.slice(0, limit).map((r) => r.id);
    // TARGETS P3: the page's cases and what their lines need, in one round of parallel statements
    // reading only the columns the lines show (no entity hydration on the list path).
    const [cases, parties, assignments, changes] = ids.length
      ? await Promise.all([
          this.db.query<ListCaseRow[]>(
            `SELECT c.id, c.number, c.state, c.version, c.dispute_type, c.organisation_id, o.name AS organisation_name, c.channel, c.filed_by_id,
                    c.submitted_at, c.updated_at, c.first_contact_at, c.mediator_accepted_at, c.mediation_extension_days, c.period_pauses,
                    c.court_case_kind, c.court_procedure
               FROM mediation_case c LEFT JOIN organisation o ON o.id = c.organisation_id
              WHERE c.id = ANY($1)`,
            [ids],
          ),
          this.db.query<ListPartyRow[]>('SELECT case_id, side, name, consent, user_id, agent_user_id FROM case_party WHERE case_id = ANY($1) ORDER BY case_id, position', [ids]),
          this.db.query<ListAssignmentRow[]>(
            "SELECT a.case_id, a.mediator_id, a.status, a.respond_by, COALESCE(u.name, '') AS mediator_name FROM case_assignment a LEFT JOIN app_user u ON u.id = a.mediator_id WHERE a.case_id = ANY($1) ORDER BY a.assigned_at, a.id",
            [ids],
          ),
          scope === 'organisation' ? openChangeCounts(this.db.manager, ids, viewer.userId) : new Map<string, number>(),
        ])
      : [[], [], [], new Map<string, number>()];
    const byId = new Map(cases.map((r) => [r.id, r]));
    const partiesOf = groupBy(parties.map(partyLine), (p) => p.caseId);
    const assignmentsOf = groupBy(assignments.map(assignmentLine), (a) => a.caseId);
    const now = this.clock.now();
    const calendar = this.holidays.calendar();
    let items: CaseSummary[] = ids.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      const c = caseLine(row);
      const ps = partiesOf.get(id) ?? [];
      const as = assignmentsOf.get(id) ?? [];
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
      const pendingMediatorChanges = changes.get(id);
      const mediators = as.map((a) => ({ id: a.mediatorId, name: a.mediatorName }));
      return [
        {
          ...summaryView(c, ps, as, mediators, row.organisation_name === null ? null : { name: row.organisation_name }, openDeadlines(c, ps, as, now, calendar)),
          viewerRole,
          ...(pendingMediatorChanges ? { pendingMediatorChanges } : {}),
        },
      ];
    });
    if (query.bucket === 'due_soon') items = items.filter((i) => i.nextDeadline && (i.nextDeadline.dueSoon || i.nextDeadline.overdue));
    // The cursor is where the page query stopped (a case updated since moves up, not out of order).
    const last = page[ids.length - 1];
    return { items, nextCursor: hasMore && last ? encodeCursor(last.at, last.id) : null };
  }

  /**
   * The page: ids (and the activity time the order is by, to the microsecond, as text) of the
   * limit + 1 cases after the cursor, newest activity first; null when the viewer has no queue.
   * Each scope is one index range (TARGETS P3): `assigned` walks the mediator's open assignments
   * by their case's activity (ix_case_assignment_queue), `organisation` one organisation's cases
   * (ix_case_org_updated), `mine` the viewer's cases.
   */
  private async pageOf(query: CaseListQueryDto, viewer: Viewer, limit: number): Promise<Array<{ id: string; at: string }> | null> {
    const scope = query.scope ?? 'mine';
    const cursor = query.cursor ? decodeCursor(query.cursor) : null; // a bad cursor is a 400 whatever the scope
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    // The viewer's id as a parameter, added only where the statement uses it (an unused one has no type).
    let uidParam: string | null = null;
    const uid = () => (uidParam ??= param(viewer.userId));
    const where: string[] = [];
    let from: string;
    let order: [string, string]; // the (activity, id) columns the page is ordered and cut by
    if (scope === 'assigned') {
      // R10, R11, R39: open assignments only, and not once the mediator left the case's organisation.
      from = 'case_assignment a JOIN mediation_case c ON c.id = a.case_id';
      order = ['a.case_updated_at', 'a.case_id'];
      where.push(`a.mediator_id = ${uid()} AND a.status IN ('pending','accepted')`, `NOT ${leftOrganisationSql('a.case_id', uid())}`);
      if (query.bucket === 'new') where.push("a.status = 'pending'");
      if (query.bucket === 'awaiting_contact') where.push("c.state = 'ACCEPTED' AND c.first_contact_at IS NULL");
      if (query.bucket === 'mediating') where.push("c.state = 'MEDIATING'");
    } else if (scope === 'organisation') {
      // The viewer's organisations are read first, so the queue is one organisation's index
      // range walked newest first (ix_case_org_updated) instead of a join to sort.
      const memberships: Array<{ organisation_id: string; role: string }> = await this.db.query(
        "SELECT DISTINCT organisation_id, role FROM membership WHERE user_id = $1 AND role IN ('org_admin','mediator') AND organisation_id IS NOT NULL AND (role = 'org_admin' OR status = 'active')",
        [viewer.userId],
      );
      const orgIds = [...new Set(memberships.map((m) => m.organisation_id))];
      const adminOf = [...new Set(memberships.filter((m) => m.role === 'org_admin').map((m) => m.organisation_id))];
      if (!orgIds.length) return null;
      from = 'mediation_case c';
      order = ['c.updated_at', 'c.id'];
      where.push(orgIds.length === 1 ? `c.organisation_id = ${param(orgIds[0])}` : `c.organisation_id = ANY(${param(orgIds)})`, "c.state <> 'DRAFT'");
      // R10, R11: a mediator removed from a case no longer finds it in the organisation's queue (its admins still do).
      if (adminOf.length < orgIds.length) {
        const removedHidden = `NOT EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.mediator_id = ${uid()} AND a.status = 'removed') OR EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.mediator_id = ${uid()} AND a.status IN ('pending','accepted'))`;
        where.push(adminOf.length ? `(c.organisation_id = ANY(${param(adminOf)}) OR ${removedHidden})` : `(${removedHidden})`);
      }
    } else {
      // The viewer's cases are few (a grid worker's filings: thousands at most): they come from the
      // viewer's own rows (ix_case_filed_by, ix_case_party_user, ix_case_party_agent) and are
      // sorted, instead of walking every case newest first until enough of them turn up. The
      // union carries the columns the filters and the order read, so no plan can walk the cases.
      const cols = 'mc.id, mc.updated_at, mc.state, mc.number';
      from = `(SELECT ${cols} FROM mediation_case mc WHERE mc.filed_by_id = ${uid()}
                UNION SELECT ${cols} FROM case_party p JOIN mediation_case mc ON mc.id = p.case_id WHERE p.user_id = ${uid()}
                UNION SELECT ${cols} FROM case_party p JOIN mediation_case mc ON mc.id = p.case_id WHERE p.agent_user_id = ${uid()}) c`;
      order = ['c.updated_at', 'c.id'];
    }
    if (query.state) where.push(`c.state = ${param(query.state)}`);
    if (query.q) {
      const q = param(likeContains(query.q));
      where.push(`(c.number ILIKE ${q} OR EXISTS (SELECT 1 FROM case_party p WHERE p.case_id = c.id AND p.name ILIKE ${q}))`);
    }
    if (cursor) {
      const [at, id] = cursor;
      where.push(`(${order[0]}, ${order[1]}) < (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows: Array<{ id: string; at: string }> = await this.db.query(
      `SELECT ${order[1]} AS id, ${cursorText(order[0])} AS at FROM ${from} WHERE ${where.length ? where.join(' AND ') : 'TRUE'} ORDER BY ${order[0]} DESC, ${order[1]} DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    return rows;
  }
}

type ListCaseRow = {
  id: string;
  number: string | null;
  state: MediationCase['state'];
  version: number;
  dispute_type: MediationCase['disputeType'];
  organisation_id: string | null;
  organisation_name: string | null;
  channel: MediationCase['channel'];
  filed_by_id: string;
  submitted_at: Date | null;
  updated_at: Date;
  first_contact_at: Date | null;
  mediator_accepted_at: Date | null;
  mediation_extension_days: number;
  period_pauses: MediationCase['periodPauses'];
  court_case_kind: MediationCase['courtCaseKind'];
  court_procedure: MediationCase['courtProcedure'];
};
type ListPartyRow = { case_id: string; side: CaseParty['side']; name: string; consent: CaseParty['consent']; user_id: string | null; agent_user_id: string | null };
type ListAssignmentRow = { case_id: string; mediator_id: string; status: CaseAssignment['status']; respond_by: Date; mediator_name: string };

const caseLine = (r: ListCaseRow): SummaryCase & DeadlineCase & { filedById: string } => ({
  id: r.id,
  number: r.number,
  state: r.state,
  version: Number(r.version),
  disputeType: r.dispute_type,
  organisationId: r.organisation_id,
  channel: r.channel,
  filedById: r.filed_by_id,
  submittedAt: r.submitted_at,
  updatedAt: r.updated_at,
  firstContactAt: r.first_contact_at,
  mediatorAcceptedAt: r.mediator_accepted_at,
  mediationExtensionDays: Number(r.mediation_extension_days),
  periodPauses: r.period_pauses,
  courtCaseKind: r.court_case_kind,
  courtProcedure: r.court_procedure,
});
const partyLine = (r: ListPartyRow) => ({ caseId: r.case_id, side: r.side, name: r.name, consent: r.consent, userId: r.user_id, agentUserId: r.agent_user_id });
const assignmentLine = (r: ListAssignmentRow) => ({ caseId: r.case_id, mediatorId: r.mediator_id, status: r.status, respondBy: r.respond_by, mediatorName: r.mediator_name });

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

// The activity time in UTC to the microsecond (cursorText): a case updated within
// the same millisecond as the page's last one is neither skipped nor repeated on the next page.
function encodeCursor(at: string, id: string) {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

// PostgreSQL's text of a timestamptz ("2026-12-03 05:55:00.123456+00") or an ISO time (older cursors).
const CURSOR_AT = /^(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,6})?(Z|[+-](0\d|1[0-5])(:?[0-5]\d)?)$/;
/** The activity time as cursor text in UTC to the microsecond, whatever the session's DateStyle or time zone. */
const cursorText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'`;
/** A time PostgreSQL reads back exactly, checked here so that no cursor reaches it as a day that does not exist. */
function isCursorTime(at: string): boolean {
  const m = CURSOR_AT.exec(at);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || !isCursorTime(at) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw AppException.field('VALIDATION_FAILED', 'cursor', 'isCursor', 'Invalid cursor');
  }
  return [at, id];
}
