/**
 * Statistics dashboards (issue #13): `GET /api/statistics/dashboard` and the monthly return.
 * The definitions (what counts as settled, the success-rate denominator, the SLAs) are in
 * `@tiaojie/domain` statistics.ts; these are the shapes on the wire.
 */

/** Whose numbers: an organisation admin's own, a 司法局's organisations, a court's, or the platform's. */
export type StatisticsScopeKind = 'organisation' | 'bureau' | 'court' | 'platform';

export interface StatisticsQuery {
  /** ISO date or date-time, inclusive (China-local day start when a date). */
  from?: string;
  /** ISO date (inclusive: to the end of that China-local day) or date-time (exclusive). */
  to?: string;
  organisationId?: string;
  mediatorId?: string;
}

export interface CountRow {
  key: string;
  count: number;
}

export interface RateView {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface SlaView {
  kept: number;
  missed: number;
  pending: number;
  rate: number | null;
}

export interface StatisticsOrganisationRef {
  id: string;
  name: string;
  nameEn: string | null;
}

export interface MediatorStatisticsRow {
  mediatorId: string;
  name: string;
  /** Cases filed in the period the mediator presided over (an accepted presiding assignment). */
  handled: number;
  settled: number;
  failed: number;
  successRate: RateView;
  medianDaysToSettle: number | null;
  /** R09 (answer an assignment in time) and R12 (contact the respondent in time), together. */
  sla: SlaView;
  /** R38/R39: complaints about the mediator decided upheld or partly upheld (filed in the period). */
  complaintsUpheld: number;
  /** The parties' ratings of the mediator's cases in the cohort: count and average (1–5), never a comment. */
  satisfaction: { count: number; average: number | null };
}

export interface StatisticsDashboard {
  scope: {
    kind: StatisticsScopeKind;
    /** The organisations the viewer may see (the filter's choices); empty for a court. */
    organisations: StatisticsOrganisationRef[];
    bureauName: string | null;
    courtName: string | null;
  };
  filters: { from: string | null; to: string | null; organisationId: string | null; mediatorId: string | null };
  totals: { filed: number; settled: number; failed: number; withdrawn: number; open: number };
  byState: CountRow[];
  byDisputeType: CountRow[];
  byRegion: CountRow[];
  byChannel: CountRow[];
  /** settled ÷ (settled + failed); open and withdrawn cases are outside the denominator. */
  successRate: RateView & { definition: 'settled / (settled + failed)' };
  /** Filing → agreement in effect, in days (percentile_cont). */
  timeToSettle: { count: number; medianDays: number | null; p90Days: number | null };
  sla: { sameDayContact: SlaView; contactRespondent: SlaView; mediatorAccept: SlaView };
  /** Judicial confirmation (R29–R34), applications ruled on in the period. */
  confirmation: { confirmed: number; rejected: number; refused: number; rate: RateView };
  complaints: { total: number; byStatus: CountRow[]; byOutcome: CountRow[] };
  mediators: MediatorStatisticsRow[];
  /** Satisfaction: the parties' ratings (1–5) of the cohort's cases, count and average (null when none). */
  satisfaction: { count: number; average: number | null };
}

/** `GET /api/statistics/monthly-return`: the month (YYYY-MM, China-local), as a spreadsheet (default) or a PDF. */
export interface MonthlyReturnQuery {
  month: string;
  format?: 'xlsx' | 'pdf';
  organisationId?: string;
}
