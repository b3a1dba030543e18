import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseDetail, CourtBroughtCase, CreateCourtCaseRequest } from '@tiaojie/contracts';
import { acceptsCourtCase, normaliseCourtCaseNumber } from '@tiaojie/domain';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { CourtFiling } from './court-filing.entity';
import { Court } from '../organisations/court.entity';
import { courtRoleAt, courtsOf } from '../organisations/court-staff';
import { Organisation } from '../organisations/organisation.entity';
import { applicationProblems } from './application-check';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { MediationCase } from './case.entity';
import { CasesService, type Viewer } from './cases.service';
import { FilingConfirmationService } from './filing-confirmation.service';
import { mediationDeadline } from './mediation-period';

/** The one court-staff lookup lives in organisations/court-staff.ts; re-exported for older imports. */
export { courtsOf };

/**
 * R21 (check, configurable): a court brings a case to a mediation organisation — delegated
 * (委派) before filing or entrusted (委托) after — with its own case number. The case enters
 * the organisation's queue as SUBMITTED: the organisation still accepts it or returns it with
 * a coded reason (R04), which the court sees. Results go back to that court (R24, the court's
 * list below, `ending/court-return.ts` on expiry).
 */
@Injectable()
export class CourtCasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly cases: CasesService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly confirmations: FilingConfirmationService,
  ) {}

  private async courtFor(manager: EntityManager, viewer: Viewer, courtId: string | undefined): Promise<Court> {
    const courts = await courtsOf(manager, viewer.userId);
    if (!courts.length) throw new AppException('FORBIDDEN', 'Only the judges and clerks of a court bring cases');
    if (courtId && !courts.includes(courtId)) throw AppException.field('FORBIDDEN', 'courtId', 'notYourCourt', 'You do not serve this court');
    if (!courtId && courts.length > 1) throw AppException.field('VALIDATION_FAILED', 'courtId', 'isNotEmpty', 'Choose the court the case comes from');
    return manager.getRepository(Court).findOneByOrFail({ id: courtId ?? courts[0] });
  }

  async create(dto: CreateCourtCaseRequest, viewer: Viewer): Promise<CaseDetail> {
    const number = normaliseCourtCaseNumber(dto.courtCaseNumber);
    const id = await this.db.transaction(async (manager) => {
      // Two clerks entering the same number at once: one wins, the other gets the 409 below.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`court-case:${number}`]);
      const court = await this.courtFor(manager, viewer, dto.courtId);
      const org = await manager.getRepository(Organisation).findOne({ where: { id: dto.organisationId } });
      if (!org) throw AppException.field('VALIDATION_FAILED', 'organisationId', 'exists', 'No such organisation');
      // R21: which kinds an organisation takes is its configuration.
      if (!acceptsCourtCase(org.courtCaseKinds, dto.kind)) {
        throw AppException.field('UNPROCESSABLE', 'kind', 'R21_kind_not_accepted', `${org.name} does not take ${dto.kind} cases`);
      }
      if (!org.disputeTypes.includes(dto.disputeType)) {
        throw AppException.field('UNPROCESSABLE', 'disputeType', 'notHandled', `${org.name} does not handle this dispute type`);
      }
      if (await manager.getRepository(MediationCase).exists({ where: { courtId: court.id, courtCaseNumber: number } })) {
        throw AppException.field('CONFLICT', 'courtCaseNumber', 'unique', 'This court already brought a case with this number');
      }
      const c = await manager.getRepository(MediationCase).save(
        manager.getRepository(MediationCase).create({
          state: 'DRAFT',
          disputeType: dto.disputeType,
          facts: dto.facts,
          claimAmount: dto.claims?.amount ?? null,
          otherRequests: dto.claims?.otherRequests ?? null,
          region: dto.region ?? null,
          chosenOrganisationId: org.id,
          channel: 'court',
          filedById: viewer.userId,
          courtDelegated: true, // R24: it goes back to its court on failure
          courtId: court.id,
          courtCaseKind: dto.kind,
          courtCaseNumber: number,
          courtProcedure: dto.kind === 'entrusted' ? (dto.procedure ?? null) : null,
        }),
      );
      await this.cases.saveParty(manager, c, 'applicant', dto.applicant, 0, null);
      for (const [i, r] of dto.respondents.entries()) await this.cases.saveParty(manager, c, 'respondent', r, i + 1, null);
      // R03: the court transfers its own file; the ID-card image is the only item it need not upload here.
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id } });
      const problems = applicationProblems(c, parties, []).filter((p) => p.field !== 'documents' && p.field !== 'applicant.idNumber');
      if (problems.length) throw new AppException('VALIDATION_FAILED', 'The case is incomplete', problems);
      const role = await courtRoleAt(manager, viewer.userId, court.id);
      const now = this.clock.now();
      await this.lifecycle.appendEvent(manager, c, {
        type: 'draft_created',
        fromState: null,
        toState: 'DRAFT',
        actorId: viewer.userId,
        actorRole: role ?? 'clerk',
        audience: 'case',
        data: { channel: 'court', courtId: court.id },
      });
      await this.lifecycle.runIn(manager, {
        caseId: c.id,
        version: null,
        userId: viewer.userId,
        actor: 'intake', // R03: court staff file on the parties' behalf
        action: 'submit',
        event: 'case_submitted',
        context: { applicationComplete: true },
        notify: ['dispatcher'],
        data: { organisationId: org.id, organisationName: org.name, routed: false, courtId: court.id, courtName: court.name, courtCaseKind: dto.kind, courtCaseNumber: number },
        mutate: async (row, em) => {
          row.number = await this.cases.nextNumber(em, now);
          row.organisationId = org.id;
          row.submittedAt = now;
        },
      });
      return c.id;
    });
    // R01/R02: the court filed for the applicant, who confirms consent and the notice with the code sent to them.
    await this.confirmations.sendAfterSubmission(id);
    return this.cases.detail(id, viewer);
  }

  /** R21: the cases this viewer's courts brought, with where each stands and how it ended. */
  async list(viewer: Viewer): Promise<CourtBroughtCase[]> {
    return this.db.transaction(async (manager) => {
      const courts = await courtsOf(manager, viewer.userId);
      if (!courts.length) throw new AppException('FORBIDDEN', 'Only judges and clerks see the cases their court brought');
      const rows = await manager.getRepository(MediationCase).find({ where: { courtId: In(courts) }, order: { createdAt: 'DESC' }, take: 200 });
      const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => !!x))];
      const orgs = orgIds.length ? await manager.getRepository(Organisation).find({ where: { id: In(orgIds) } }) : [];
      const filings = rows.length ? await manager.getRepository(CourtFiling).find({ where: { caseId: In(rows.map((r) => r.id)), route: 'return_to_court' } }) : [];
      const now = this.clock.now();
      return rows.map((c) => ({
        caseId: c.id,
        number: c.number,
        courtCaseNumber: c.courtCaseNumber ?? '',
        kind: c.courtCaseKind ?? 'delegated',
        procedure: c.courtProcedure,
        state: c.state,
        organisationName: orgs.find((o) => o.id === c.organisationId)?.name ?? null,
        terminationReason: c.terminationReason,
        returnedToCourt: filings.some((f) => f.caseId === c.id),
        mediationDueAt: c.state === 'ACCEPTED' || c.state === 'MEDIATING' ? (mediationDeadline(c, this.holidays.calendar(), now)?.toISOString() ?? null) : null,
        createdAt: c.createdAt.toISOString(),
        fileUrl: `/api/court/cases/${c.id}/file.pdf`,
      }));
    });
  }
}
