import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { MediationCase } from '../cases/case.entity';
import { DeadlineScanner } from '../cases/deadline-scanner.service';
import { Clock } from '../common/clock';
import { MediationService } from '../mediation/mediation.service';
import { Court } from '../organisations/court.entity';
import { CourtFiling } from '../cases/court-filing.entity';
import { EndingService } from './ending.service';

/**
 * R20/R21/R24: when the period of a court-brought case passes (the scanner's `expire` ends it
 * with `period_expired`), the case goes back to the court that brought it, with its file, as
 * a filing in that court's queue. Done by the next scan after the expiry; a case already sent
 * on is left alone, so a rescan or a restart between the two steps never sends it twice.
 */
@Injectable()
export class CourtReturnService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly scanner: DeadlineScanner,
    private readonly lifecycle: CaseLifecycleService,
    private readonly ending: EndingService,
    private readonly mediation: MediationService,
  ) {}

  onModuleInit() {
    this.scanner.addStep(() => this.returnExpired());
  }

  async returnExpired(): Promise<void> {
    const cases = await this.db.getRepository(MediationCase).find({ where: { state: 'TERMINATED', terminationReason: 'period_expired', courtId: Not(IsNull()), archivedAt: IsNull() } });
    const sent = cases.length ? await this.db.getRepository(CourtFiling).find({ where: { caseId: In(cases.map((c) => c.id)) }, select: { caseId: true } }) : [];
    for (const c of cases.filter((x) => !sent.some((f) => f.caseId === x.id))) {
      // R17/R15: only the joint conversation, without concessions (read before the transaction, as escalate does).
      const messages = await this.mediation.exportableMessages(c.id, { kinds: ['joint'] });
      await this.db.transaction(async (manager) => {
        if (await manager.getRepository(CourtFiling).exists({ where: { caseId: c.id } })) return;
        const row = await manager.getRepository(MediationCase).findOneByOrFail({ id: c.id });
        if (!row.courtId) return;
        const court = await manager.getRepository(Court).findOneByOrFail({ id: row.courtId });
        const pkg = await this.ending.buildPackage(manager, row, 'return_to_court', court, messages);
        const filingId = (await manager.query('SELECT gen_random_uuid() AS id'))[0].id as string;
        await this.lifecycle.runIn(manager, {
          caseId: c.id,
          version: null,
          userId: null,
          actor: 'system',
          action: 'escalate',
          event: 'case_escalated',
          context: { escalationRoute: 'return_to_court', courtDelegated: true },
          data: { route: 'return_to_court', courtId: court.id, courtName: court.name, filingId, reason: 'period_expired' },
          notify: ['applicant', 'respondent', 'agent', 'mediator', 'dispatcher'],
          mutate: async (_r, m) => {
            await m
              .getRepository(CourtFiling)
              .insert({ id: filingId, caseId: c.id, route: 'return_to_court', courtId: court.id, status: 'submitted', package: pkg as never, createdById: null, createdAt: this.clock.now() });
          },
        });
      });
    }
  }
}
