import { caseOutcomeSql } from '@tiaojie/domain';
import type { EntityManager } from 'typeorm';
import type { CaseScope } from './statistics-scope';

/**
 * The SQL aggregates of the dashboards (issue #13), on the real schema. Every case query filters
 * `mediation_case c` by the scope through `caseWhere` — organisation / court, filing period,
 * presiding mediator — so each is an index range scan (ix_case_org_submitted,
 * ix_case_court_submitted, ix_case_submitted; see the EXPLAIN spec). Outcomes are the domain's
 * `caseOutcomeSql`; China-local days are UTC+8 (no daylight saving).
 */
export const OUTCOME_SQL = caseOutcomeSql('c.state', 'c.termination_reason');
const CHINA_DAY = (col: string) => `to_char((${col} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
/** The presiding mediator who accepted the case (R09), or null. */
const PRESIDING = `(SELECT a.mediator_id FROM case_assignment a WHERE a.case_id = c.id AND a.status = 'accepted' AND a.role = 'presiding' ORDER BY a.responded_at DESC NULLS LAST LIMIT 1)`;

export class Sql {
  readonly params: unknown[] = [];
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/** The WHERE clause selecting the scope's cases, filed in the period. */
export function caseWhere(s: CaseScope, q: Sql): string {
  const w = ['c.submitted_at IS NOT NULL'];
  if (s.organisationIds) w.push(`c.organisation_id = ANY(${q.p(s.organisationIds)}::uuid[])`);
  if (s.courtId) w.push(`c.court_id = ${q.p(s.courtId)}`);
  if (s.from) w.push(`c.submitted_at >= ${q.p(s.from)}`);
  if (s.to) w.push(`c.submitted_at < ${q.p(s.to)}`);
  if (s.mediatorId) w.push(`${PRESIDING} = ${q.p(s.mediatorId)}`);
  return w.join(' AND ');
}

export interface CaseGroupRow {
  state: string;
  dispute_type: string;
  region: string | null;
  channel: string;
  outcome: string;
  n: number;
}

/** Cases by state, dispute type, region, channel and outcome (one pass; the dashboard sums). */
export async function caseGroups(m: EntityManager, s: CaseScope): Promise<CaseGroupRow[]> {
  const q = new Sql();
  const rows = await m.query(
    `SELECT c.state, c.dispute_type, c.region, c.channel, ${OUTCOME_SQL} AS outcome, count(*)::int AS n
       FROM mediation_case c WHERE ${caseWhere(s, q)} GROUP BY 1, 2, 3, 4, 5`,
    q.params,
  );
  return rows as CaseGroupRow[];
}

export interface MediatorRow {
  mediator_id: string | null;
  name: string | null;
  handled: number;
  settled: number;
  failed: number;
  settle_count: number;
  median_days: number | null;
  p90_days: number | null;
}

/**
 * Per presiding mediator (null: no mediator yet), and with `ROLLUP` the total line: cases
 * handled, settled, failed, and filing → agreement in effect (R26) in days, median and p90.
 */
export async function mediatorRows(m: EntityManager, s: CaseScope): Promise<MediatorRow[]> {
  const q = new Sql();
  const rows = await m.query(
    `WITH k AS (
       SELECT c.id, ${PRESIDING} AS mediator_id, ${OUTCOME_SQL} AS outcome,
              CASE WHEN ${OUTCOME_SQL} = 'settled' THEN
                extract(epoch FROM ((SELECT min(ag.effective_at) FROM agreement ag WHERE ag.case_id = c.id AND ag.effective_at IS NOT NULL) - c.submitted_at)) / 86400.0
              END AS settle_days
         FROM mediation_case c WHERE ${caseWhere(s, q)})
     SELECT k.mediator_id, (SELECT u.name FROM app_user u WHERE u.id = k.mediator_id) AS name, GROUPING(k.mediator_id) AS total,
            count(*)::int AS handled,
            (count(*) FILTER (WHERE k.outcome = 'settled'))::int AS settled,
            (count(*) FILTER (WHERE k.outcome = 'failed'))::int AS failed,
            count(k.settle_days)::int AS settle_count,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY k.settle_days) AS median_days,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY k.settle_days) AS p90_days
       FROM k
      GROUP BY ROLLUP (k.mediator_id)`,
    q.params,
  );
  return (rows as Array<MediatorRow & { total: number }>).map((r) => ({ ...r, mediator_id: r.total ? 'TOTAL' : r.mediator_id }));
}

export interface DayPairRow {
  mediator_id: string | null;
  start_day: string;
  done_day: string | null;
  n: number;
}

/** Same-day contact (DESIGN): cases by (filing day, first-contact day); nothing to contact once withdrawn or returned uncontacted. */
export async function sameDayContactPairs(m: EntityManager, s: CaseScope): Promise<DayPairRow[]> {
  const q = new Sql();
  return m.query(
    `SELECT NULL AS mediator_id, ${CHINA_DAY('c.submitted_at')} AS start_day, ${CHINA_DAY('c.first_contact_at')} AS done_day, count(*)::int AS n
       FROM mediation_case c
      WHERE ${caseWhere(s, q)} AND NOT (c.first_contact_at IS NULL AND c.state IN ('WITHDRAWN', 'RETURNED'))
      GROUP BY 2, 3`,
    q.params,
  );
}

/**
 * R12: cases by presiding mediator, (mediator's acceptance day, day the last respondent was
 * reached or answered itself); a respondent neither reached nor answered leaves it undone.
 */
export async function respondentContactPairs(m: EntityManager, s: CaseScope): Promise<DayPairRow[]> {
  const q = new Sql();
  return m.query(
    `WITH r AS (
       SELECT ${PRESIDING} AS mediator_id, c.mediator_accepted_at AS started,
              (SELECT CASE WHEN bool_and(coalesce(p.contacted_at, p.consent_at) IS NOT NULL) THEN max(coalesce(p.contacted_at, p.consent_at)) END
                 FROM case_party p WHERE p.case_id = c.id AND p.side = 'respondent') AS done
         FROM mediation_case c
        WHERE ${caseWhere(s, q)} AND c.mediator_accepted_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM case_party p WHERE p.case_id = c.id AND p.side = 'respondent'))
     SELECT mediator_id, ${CHINA_DAY('started')} AS start_day, ${CHINA_DAY('done')} AS done_day, count(*)::int AS n FROM r GROUP BY 1, 2, 3`,
    q.params,
  );
}

export interface AnswerRow {
  mediator_id: string;
  kept: number;
  missed: number;
  pending: number;
}

/** R09: assignments of the scope's cases answered (accepted or declined) by `respond_by`. */
export async function assignmentAnswers(m: EntityManager, s: CaseScope, now: Date): Promise<AnswerRow[]> {
  const q = new Sql();
  const where = caseWhere(s, q);
  const nowP = q.p(now);
  const mediator = s.mediatorId ? ` AND a.mediator_id = ${q.p(s.mediatorId)}` : '';
  return m.query(
    `SELECT a.mediator_id,
            (count(*) FILTER (WHERE a.responded_at IS NOT NULL AND a.responded_at <= a.respond_by))::int AS kept,
            (count(*) FILTER (WHERE (a.responded_at IS NOT NULL AND a.responded_at > a.respond_by) OR (a.responded_at IS NULL AND a.respond_by < ${nowP})))::int AS missed,
            (count(*) FILTER (WHERE a.responded_at IS NULL AND a.respond_by >= ${nowP}))::int AS pending
       FROM mediation_case c JOIN case_assignment a ON a.case_id = c.id
      WHERE ${where}${mediator} AND NOT (a.status = 'removed' AND a.responded_at IS NULL)
      GROUP BY a.mediator_id`,
    q.params,
  );
}

export interface ComplaintRow {
  mediator_id: string | null;
  status: string;
  outcome: string | null;
  n: number;
}

/** R38: complaints filed in the period about the scope's organisations (a court: about its cases). */
export async function complaintRows(m: EntityManager, s: CaseScope): Promise<ComplaintRow[]> {
  const q = new Sql();
  const w: string[] = ['TRUE'];
  if (s.organisationIds) w.push(`k.organisation_id = ANY(${q.p(s.organisationIds)}::uuid[])`);
  if (s.courtId) w.push(`EXISTS (SELECT 1 FROM mediation_case c WHERE c.id = k.case_id AND c.court_id = ${q.p(s.courtId)})`);
  if (s.from) w.push(`k.filed_at >= ${q.p(s.from)}`);
  if (s.to) w.push(`k.filed_at < ${q.p(s.to)}`);
  if (s.mediatorId) w.push(`k.mediator_id = ${q.p(s.mediatorId)}`);
  return m.query(`SELECT k.mediator_id, k.status, k.outcome, count(*)::int AS n FROM complaint k WHERE ${w.join(' AND ')} GROUP BY 1, 2, 3`, q.params);
}

/**
 * R33/R34: applications for judicial confirmation decided in the period (ruled, or refused), of
 * the scope's cases; for a court, those it decided on (`confirmation_application.court_id`).
 */
export async function confirmationRows(m: EntityManager, s: CaseScope): Promise<Array<{ status: string; n: number }>> {
  const q = new Sql();
  const w: string[] = [`ap.status IN ('confirmed', 'rejected', 'refused')`];
  if (s.courtId) w.push(`ap.court_id = ${q.p(s.courtId)}`);
  if (s.organisationIds) w.push(`c.organisation_id = ANY(${q.p(s.organisationIds)}::uuid[])`);
  const at = `coalesce(ap.ruled_at, ap.refused_at)`;
  if (s.from) w.push(`${at} >= ${q.p(s.from)}`);
  if (s.to) w.push(`${at} < ${q.p(s.to)}`);
  if (s.mediatorId) w.push(`${PRESIDING} = ${q.p(s.mediatorId)}`);
  return m.query(`SELECT ap.status, count(*)::int AS n FROM confirmation_application ap JOIN mediation_case c ON c.id = ap.case_id WHERE ${w.join(' AND ')} GROUP BY 1`, q.params);
}

/**
 * Satisfaction (issue #13): the parties' ratings (`case_rating`) of the scope's cases filed in the
 * period, per rated mediator; the dashboard shows only counts and averages, never a comment.
 */
export async function satisfactionRows(m: EntityManager, s: CaseScope): Promise<Array<{ mediator_id: string | null; n: number; total: number }>> {
  const q = new Sql();
  return m.query(
    `SELECT r.mediator_user_id AS mediator_id, count(*)::int AS n, sum(r.score)::int AS total FROM case_rating r JOIN mediation_case c ON c.id = r.case_id WHERE ${caseWhere(s, q)} GROUP BY 1`,
    q.params,
  );
}
