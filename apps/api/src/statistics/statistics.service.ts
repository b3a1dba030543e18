import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CountRow, MediatorStatisticsRow, SlaView, StatisticsDashboard } from '@tiaojie/contracts';
import { CASE_OUTCOMES, confirmationRate, MIN_RATINGS_SHOWN, slaFromDayPairs, STATISTICS_STATES, successRate, UPHELD_OUTCOMES, withRate, type CaseOutcome } from '@tiaojie/domain';
import { DataSource, EntityManager } from 'typeorm';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import type { Viewer } from '../cases/viewer.decorator';
import { Clock } from '../common/clock';
import { monthlyReturnOf, monthlyReturnPdf, monthlyReturnXlsx } from './monthly-return';
import {
  assignmentAnswers,
  caseGroups,
  complaintRows,
  confirmationRows,
  mediatorRows,
  respondentContactPairs,
  sameDayContactPairs,
  satisfactionRows,
  type CaseGroupRow,
  type DayPairRow,
} from './statistics-queries';
import { resolveScope, type CaseScope, type ScopeFilters } from './statistics-scope';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

function countBy<T>(rows: readonly T[], key: (r: T) => string | null, n: (r: T) => number, keys: readonly string[] = []): CountRow[] {
  const m = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const r of rows) {
    const k = key(r) ?? 'unknown';
    m.set(k, (m.get(k) ?? 0) + n(r));
  }
  return [...m].map(([k, count]) => ({ key: k, count }));
}

const emptySla = (): SlaView => ({ kept: 0, missed: 0, pending: 0, rate: null });
const addSla = (a: SlaView, b: Omit<SlaView, 'rate'>): SlaView => withRate({ kept: a.kept + b.kept, missed: a.missed + b.missed, pending: a.pending + b.pending });

/**
 * Issue #13: the statistics dashboard of the viewer's scope (statistics-scope.ts), and the numbers
 * the monthly return is made of. Definitions: `@tiaojie/domain` statistics.ts.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
  ) {}

  async dashboard(viewer: Viewer, f: ScopeFilters): Promise<StatisticsDashboard> {
    return this.db.transaction('REPEATABLE READ', async (m) => this.dashboardOf(m, await resolveScope(m, viewer, f)));
  }

  /** The monthly return of the viewer's scope (narrowed by `organisationId`): the dashboard's numbers for the month. */
  async monthlyReturn(viewer: Viewer, f: ScopeFilters, month: string, format: 'xlsx' | 'pdf'): Promise<Buffer> {
    const r = await this.db.transaction('REPEATABLE READ', async (m) => {
      const s = await resolveScope(m, viewer, f);
      const one = s.organisationIds?.length === 1 ? s.organisations.find((o) => o.id === s.organisationIds?.[0]) : undefined;
      const name = one?.name ?? s.bureauName ?? s.courtName ?? (s.kind === 'organisation' ? s.organisations.map((o) => o.name).join('、') : '全平台');
      // One pass over the cases feeds both the return's table and the dashboard's totals it repeats.
      const groups = await caseGroups(m, s);
      return monthlyReturnOf(month, name, groups, await this.dashboardOf(m, s, groups));
    });
    return format === 'pdf' ? monthlyReturnPdf(r, this.clock.now()) : monthlyReturnXlsx(r);
  }

  async dashboardOf(m: EntityManager, s: CaseScope, caseRows?: CaseGroupRow[]): Promise<StatisticsDashboard> {
    const now = this.clock.now();
    const calendar = this.holidays.calendar();
    const [groups, mediators, contact, respondent, answers, complaints, confirmations, ratings] = [
      caseRows ?? (await caseGroups(m, s)),
      await mediatorRows(m, s),
      await sameDayContactPairs(m, s),
      await respondentContactPairs(m, s),
      await assignmentAnswers(m, s, now),
      await complaintRows(m, s),
      await confirmationRows(m, s),
      await satisfactionRows(m, s),
    ];
    const satisfactionOf = (rows: typeof ratings) => {
      const count = rows.reduce((a, r) => a + r.n, 0);
      // R05: an average only from MIN_RATINGS_SHOWN ratings, so a single score never identifies its party.
      return { count, average: count >= MIN_RATINGS_SHOWN ? round(rows.reduce((a, r) => a + r.total, 0) / count) : null };
    };
    const outcomes = Object.fromEntries(
      countBy(
        groups,
        (g) => g.outcome,
        (g) => g.n,
        CASE_OUTCOMES,
      ).map((r) => [r.key, r.count]),
    ) as Record<CaseOutcome, number>;
    const filed = groups.reduce((a, g) => a + g.n, 0);
    const pairs = (rows: DayPairRow[]) => rows.map((r) => ({ startDay: r.start_day, doneDay: r.done_day, count: r.n }));
    const total = mediators.find((r) => r.mediator_id === 'TOTAL');

    // Per mediator (R39): R09 answers and R12 contacts are the mediator's own deadlines.
    const slaOf = new Map<string, SlaView>();
    for (const r of answers) slaOf.set(r.mediator_id, addSla(slaOf.get(r.mediator_id) ?? emptySla(), r));
    for (const r of respondent) if (r.mediator_id) slaOf.set(r.mediator_id, addSla(slaOf.get(r.mediator_id) ?? emptySla(), slaFromDayPairs('contactRespondent', pairs([r]), now, calendar)));
    const upheld = new Map<string, number>();
    for (const c of complaints) if (c.mediator_id && (UPHELD_OUTCOMES as readonly string[]).includes(c.outcome ?? '')) upheld.set(c.mediator_id, (upheld.get(c.mediator_id) ?? 0) + c.n);
    const perMediator: MediatorStatisticsRow[] = mediators
      .filter((r) => r.mediator_id && r.mediator_id !== 'TOTAL')
      .map((r) => ({
        mediatorId: r.mediator_id as string,
        name: r.name ?? '',
        handled: r.handled,
        settled: r.settled,
        failed: r.failed,
        successRate: successRate({ settled: r.settled, failed: r.failed }),
        medianDaysToSettle: round(num(r.median_days)),
        sla: slaOf.get(r.mediator_id as string) ?? emptySla(),
        complaintsUpheld: upheld.get(r.mediator_id as string) ?? 0,
        satisfaction: satisfactionOf(ratings.filter((x) => x.mediator_id === r.mediator_id)),
      }))
      .sort((a, b) => b.handled - a.handled || a.name.localeCompare(b.name));

    const conf = Object.fromEntries(confirmations.map((r) => [r.status, r.n])) as Record<string, number>;
    const answersTotal = answers.reduce((a, r) => addSla(a, r), emptySla());
    return {
      scope: { kind: s.kind, organisations: s.organisations, bureauName: s.bureauName, courtName: s.courtName },
      filters: { from: s.from?.toISOString() ?? null, to: s.to?.toISOString() ?? null, organisationId: s.organisationIds?.length === 1 ? s.organisationIds[0] : null, mediatorId: s.mediatorId },
      totals: { filed, settled: outcomes.settled, failed: outcomes.failed, withdrawn: outcomes.withdrawn, open: outcomes.open },
      byState: countBy(
        groups,
        (g) => g.state,
        (g) => g.n,
        STATISTICS_STATES,
      ),
      byDisputeType: countBy(
        groups,
        (g) => g.dispute_type,
        (g) => g.n,
      ).sort((a, b) => b.count - a.count),
      byRegion: countBy(
        groups,
        (g) => g.region,
        (g) => g.n,
      ).sort((a, b) => b.count - a.count),
      byChannel: countBy(
        groups,
        (g) => g.channel,
        (g) => g.n,
      ).sort((a, b) => b.count - a.count),
      successRate: { ...successRate(outcomes), definition: 'settled / (settled + failed)' },
      timeToSettle: { count: total?.settle_count ?? 0, medianDays: round(num(total?.median_days)), p90Days: round(num(total?.p90_days)) },
      sla: {
        sameDayContact: slaFromDayPairs('sameDayContact', pairs(contact), now, calendar),
        contactRespondent: slaFromDayPairs('contactRespondent', pairs(respondent), now, calendar),
        mediatorAccept: answersTotal,
      },
      confirmation: { confirmed: conf.confirmed ?? 0, rejected: conf.rejected ?? 0, refused: conf.refused ?? 0, rate: confirmationRate(conf.confirmed ?? 0, conf.rejected ?? 0) },
      complaints: {
        total: complaints.reduce((a, c) => a + c.n, 0),
        byStatus: countBy(
          complaints,
          (c) => c.status,
          (c) => c.n,
        ),
        byOutcome: countBy(
          complaints.filter((c) => c.outcome),
          (c) => c.outcome,
          (c) => c.n,
        ),
      },
      mediators: perMediator,
      satisfaction: satisfactionOf(ratings),
    };
  }
}
