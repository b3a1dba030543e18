import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROUTES_AFTER_FAILURE, type CaseDetail } from '@tiaojie/contracts';
import { terminationReasonForWithdrawal } from '@tiaojie/domain';
import { DataSource } from 'typeorm';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { randomToken, sha256Hex } from '../common/crypto';
import { AppConfig } from '../config/app-config';
import { Notifier } from './notifier';
import { caseActorFor } from './case-access';
import { CaseLifecycleService } from './case-lifecycle.service';
import { CaseParty } from './case-party.entity';
import { CasesService } from './cases.service';
import type { Viewer } from './viewer.decorator';
import type { EndMediationDto, RecordContactDto } from './dto/case.dto';

/**
 * The consent steps around a party (R01, R12): the mediator's record of a contact with the
 * respondent's answer, and a party ending mediation itself (PML 23). Each step is one
 * transaction through CaseLifecycleService.
 */
@Injectable()
export class ConsentGatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly lifecycle: CaseLifecycleService,
    private readonly cases: CasesService,
    private readonly notifier: Notifier,
  ) {}

  /**
   * R12: the mediator records a contact with a party. A respondent still to answer who was
   * reached is recorded with its answer: `agreed` is not consent — the respondent gets an SMS
   * link by which it confirms itself (R01, the act is the respondent's); `refused` ends the
   * case (R01: one party's explicit refusal) and the applicant is told; `thinking` waits.
   */
  async recordContact(caseId: string, dto: RecordContactDto, viewer: Viewer): Promise<CaseDetail> {
    await this.db.transaction(async (manager) => {
      const { c, actor } = await caseActorFor(manager, caseId, viewer, ['mediator']);
      const party = await manager.getRepository(CaseParty).findOne({ where: { id: dto.partyId, caseId } });
      if (!party) throw AppException.field('VALIDATION_FAILED', 'partyId', 'exists', 'Not a party of this case');
      const awaited = c.state === 'ACCEPTED' && party.side === 'respondent' && party.consent === 'pending';
      if (dto.answer && !dto.reached) throw AppException.field('VALIDATION_FAILED', 'answer', 'reachedOnly', 'An answer is recorded only when the party was reached');
      if (dto.answer && !awaited) throw AppException.field('VALIDATION_FAILED', 'answer', 'notAwaited', 'This party has no answer to give');
      if (awaited && dto.reached && !dto.answer) throw AppException.field('VALIDATION_FAILED', 'answer', 'required', 'Record the respondent’s answer: agreed, refused or thinking (R12)');
      const now = this.clock.now();
      const answer = dto.reached ? (dto.answer ?? null) : null;
      let link: string | null = null;
      const saved = await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        event: 'contact_recorded',
        data: { partyId: party.id, partyName: party.name, side: party.side, method: dto.method, reached: dto.reached, answer, note: dto.note ?? null },
        mutate: async (row, m) => {
          if (!dto.reached) return;
          const change: Partial<CaseParty> = { contactedAt: now };
          if (answer) Object.assign(change, { contactAnswer: answer, contactAnswerAt: now });
          if (answer === 'agreed') {
            // The respondent confirms through its own link: a fresh invitation until it has an account.
            if (party.userId) link = `${this.config.publicUrl}/cases/${caseId}`;
            else {
              const token = randomToken();
              Object.assign(change, { invitationTokenHash: sha256Hex(token), invitedAt: now });
              link = `${this.config.publicUrl}/invite/${token}`;
            }
          }
          await m.getRepository(CaseParty).update({ id: party.id }, change);
          row.firstContactAt ??= now;
        },
      });
      if (link) {
        await this.notifier.queue(manager, {
          caseId,
          eventId: null,
          dedupBase: `phone-consent:${party.id}:${now.getTime()}`,
          template: 'respondent_phone_consent',
          params: { caseNumber: saved.number, link },
          recipients: [{ role: 'respondent', userId: party.userId, mobile: party.mobile, email: party.email, locale: party.locale ?? 'zh-CN' }],
        });
      }
      if (answer === 'refused') {
        // R01/R12: the respondent refused: the case ends and the applicant is told their routes.
        await this.lifecycle.runIn(manager, {
          caseId,
          version: null,
          userId: viewer.userId,
          actor,
          action: 'respondent_decline',
          event: 'respondent_declined',
          data: { partyId: party.id, partyName: party.name, byContact: dto.method, terminationReason: 'party_unwilling', routes: ROUTES_AFTER_FAILURE },
          notify: ['applicant', 'respondent', 'mediator', 'dispatcher', 'filer'],
          mutate: async (row, m) => {
            await m.getRepository(CaseParty).update({ id: party.id }, { consent: 'refused', consentAt: now });
            row.endedAt = now;
          },
        });
      }
    });
    return this.cases.detail(caseId, viewer);
  }

  /**
   * R01 (PML 23): a party (or its agent) ends mediation itself, at any time, with its coded
   * reason and a note; the case ends with the R22 code of that reason, and the other parties,
   * the mediators and the dispatcher are told.
   */
  async endByParty(caseId: string, dto: EndMediationDto, viewer: Viewer): Promise<CaseDetail> {
    if (dto.reasonCode === 'other' && !dto.reasonNote?.trim()) {
      throw AppException.field('VALIDATION_FAILED', 'reasonNote', 'required', 'Explain the reason "other" in a note');
    }
    await this.db.transaction(async (manager) => {
      const { relations, actor } = await caseActorFor(manager, caseId, viewer, ['citizen', 'agent']);
      const party = relations.parties[0];
      if (!party) throw new AppException('FORBIDDEN', 'Only a party of the case ends mediation this way');
      const terminationReason = terminationReasonForWithdrawal(dto.reasonCode);
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor,
        action: 'party_refuse',
        event: 'mediation_ended_by_party',
        context: { reasonCode: dto.reasonCode, reasonNote: dto.reasonNote },
        data: { partyId: party.id, partyName: party.name, side: party.side, withdrawalReason: dto.reasonCode, reasonNote: dto.reasonNote ?? null, terminationReason, routes: ROUTES_AFTER_FAILURE },
        notify: ['applicant', 'respondent', 'agent', 'mediator', 'dispatcher', 'filer'],
        mutate: (row) => {
          // The party's note stays in its event (staff and that party see it), not on the case.
          row.endedAt = this.clock.now();
        },
      });
    });
    return this.cases.detail(caseId, viewer);
  }
}
