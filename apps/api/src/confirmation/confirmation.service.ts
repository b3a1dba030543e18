import { Injectable } from '@nestjs/common';
import { type ConfirmationOverview, type ExclusionAnswers } from '@tiaojie/contracts';
import { confirmationDeadline, deadlineFrom, exclusionPreCheck, mayReadAgreement } from '@tiaojie/domain';
import { EntityManager, In } from 'typeorm';
import { OtpService } from '../accounts/otp.service';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';
import { audienceOf } from '../cases/case-access';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CasesService, type Viewer } from '../cases/cases.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { DocumentsService } from '../cases/documents.service';
import { FileStorage } from '../documents/storage';
import { Notifier } from '../cases/notifier';
import { Court } from '../organisations/court.entity';
import { staffOf } from '../organisations/court-staff';
import { Organisation } from '../organisations/organisation.entity';
import { AgreementsService } from '../settlement/agreements.service';
import { signingCeremony } from '../settlement/signing-ceremony';
import { supplementOpen } from '../cases/supplement-open';
import { ConfirmationApplication, ConfirmationMessage, ConfirmationSupplement, type ApplicationSignature } from '../cases/confirmation.entity';
import { renderApplicationPdf } from './confirmation-pdf';
import { answerField, applicationView, chosenRoute, isOpen, latestApplication, organisationFees, packageOf, proposalView, routes as competentRoutes } from './confirmation-views';

/**
 * Judicial confirmation, the parties' side (R29–R32, R35): the joint application from the
 * agreement in effect — the competent court (R30), the exclusions pre-check (R32), the package
 * (R31), each party's signature with an SMS code — and, while it is before the court,
 * withdrawal, messages and supplementary materials. The court's handling of it is
 * CourtConfirmationService. Every state change goes through CaseLifecycleService.
 */
@Injectable()
export class ConfirmationService {
  constructor(
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly cases: CasesService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly otp: OtpService,
    private readonly documents: DocumentsService,
    private readonly storage: FileStorage,
    private readonly notifier: Notifier,
    private readonly agreements: AgreementsService,
  ) {}

  async overview(caseId: string, viewer: Viewer): Promise<ConfirmationOverview> {
    return this.cases.withAccess(caseId, viewer, 'view_confirmation', null, async (manager, c, relations) => {
      const now = this.clock.now();
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
      const agreement = await this.agreements.effective(manager, caseId);
      const routes = await competentRoutes(manager, c, parties);
      const pkg = await packageOf(manager, c, parties, agreement, audienceOf(relations));
      const latest = await latestApplication(manager, caseId);
      const chosen = chosenRoute(routes, parties);
      const windowEndsAt = agreement?.effectiveAt ? confirmationDeadline(agreement.effectiveAt, this.holidays.calendar()) : null;
      const windowOpen = !!windowEndsAt && now <= windowEndsAt;
      const exclusions = exclusionPreCheck({ disputeType: c.disputeType, courtFound: routes.length > 0, answers: {} });
      const own = relations.parties.map((p) => p.id);
      const isParty = own.length > 0;
      const actions: string[] = [];
      const signing = latest?.status === 'signing' ? latest : null;
      if (isParty && c.state === 'SETTLED' && agreement && windowOpen && exclusions.length === 0) {
        const unsigned = own.filter((id) => !signing?.signatures.some((s) => s.partyId === id));
        if (unsigned.length) actions.push('sign');
      }
      if (isParty && isOpen(latest) && c.state === 'CONFIRMATION_REQUESTED') actions.push('withdraw', 'message');
      if (isParty && isOpen(latest)) {
        const supplements = await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: latest.id } });
        if (supplements.some((s) => supplementOpen(s, now))) actions.push('upload_supplement');
      }
      if (latest?.status === 'confirmed') actions.push('download_ruling');
      // R30: with several competent courts, every party chooses (until someone has signed).
      if (isParty && c.state === 'SETTLED' && routes.length > 1 && !signing?.signatures.length) actions.push('choose_court');
      const contactsLocked = isOpen(latest);
      const editable = contactsLocked ? [] : parties.filter((p) => own.includes(p.id) || relations.isActiveMediator);
      return {
        caseId,
        caseNumber: c.number,
        caseState: c.state,
        caseVersion: c.version,
        agreementId: agreement?.id ?? null,
        agreementEffectiveAt: agreement?.effectiveAt?.toISOString() ?? null,
        windowEndsAt: windowEndsAt?.toISOString() ?? null,
        windowProvisional: !!windowEndsAt && this.holidays.isProvisional(windowEndsAt),
        windowOpen,
        proposal: routes[0] ? proposalView(routes[0]) : null,
        alternatives: routes.slice(1).map((r) => proposalView(r)),
        exclusions,
        packageItems: pkg.items,
        packageComplete: pkg.complete,
        free: true,
        organisationFees: await organisationFees(manager, c),
        application: latest ? await applicationView(manager, latest, parties, `/api/cases/${caseId}/confirmation`, now) : null,
        actions,
        ownPartyIds: own,
        editableContacts: editable.map((p) => ({ partyId: p.id, partyName: p.name, address: p.address, domicileRegion: p.domicileRegion })),
        courtChoices: routes.length > 1 ? parties.map((p) => ({ partyId: p.id, partyName: p.name, courtId: p.courtChoiceId })) : [],
        chosenCourtId: chosen?.court.id ?? null,
      };
    });
  }

  /**
   * R31/R30: a party (or its agent) fills in its own address and domicile; the case's mediator
   * may fill them in for any party. Refused once the application is before the court (the
   * package it holds is frozen).
   */
  async setContacts(caseId: string, dto: { partyId: string; address?: string; domicileRegion?: string | null }, viewer: Viewer): Promise<ConfirmationOverview> {
    await this.cases.withAccess(caseId, viewer, 'update_party_contacts', dto.partyId, async (manager, c, relations) => {
      const party = await manager.getRepository(CaseParty).findOne({ where: { id: dto.partyId, caseId } });
      if (!party) throw AppException.field('NOT_FOUND', 'partyId', 'exists', 'No such party in this case');
      if (!relations.parties.some((p) => p.id === party.id) && !relations.isActiveMediator) {
        throw new AppException('FORBIDDEN', 'Only the party, its agent or the case’s mediator fills in its contacts');
      }
      if (isOpen(await latestApplication(manager, caseId))) {
        throw AppException.field('CONFLICT', 'state', 'wrongState', 'The application is before the court: its package can no longer change');
      }
      const patch: Partial<CaseParty> = {};
      if (dto.address !== undefined) patch.address = dto.address.trim() || null;
      if (dto.domicileRegion !== undefined) patch.domicileRegion = dto.domicileRegion;
      if (!Object.keys(patch).length) throw AppException.field('VALIDATION_FAILED', 'address', 'required', 'Give an address or a domicile');
      await manager.getRepository(CaseParty).update({ id: party.id }, patch);
      void c;
    });
    return this.overview(caseId, viewer);
  }

  /** R30: the viewer's parties choose a competent court; the application goes where every party chose. */
  async chooseCourt(caseId: string, dto: { courtId: string }, viewer: Viewer): Promise<ConfirmationOverview> {
    await this.cases.withAccess(caseId, viewer, 'choose_court', dto.courtId, async (manager, c, relations) => {
      if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only the parties choose the court');
      if (c.state !== 'SETTLED') throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
      const routes = await competentRoutes(manager, c);
      if (!routes.some((r) => r.court.id === dto.courtId)) {
        throw AppException.field('UNPROCESSABLE', 'courtId', 'R30_competent_court', 'That court is not competent for this case (R30)');
      }
      const latest = await latestApplication(manager, caseId);
      if (latest?.status === 'signing' && latest.signatures.length) {
        throw AppException.field('CONFLICT', 'courtId', 'R30_signing_started', 'A party has already signed the application for a court');
      }
      await manager.getRepository(CaseParty).update({ id: In(relations.parties.map((p) => p.id)) }, { courtChoiceId: dto.courtId });
    });
    return this.overview(caseId, viewer);
  }

  /** Sends a one-time code to the signer's own phone (R29 signature). */
  async requestCode(caseId: string, viewer: Viewer) {
    await this.cases.withAccess(caseId, viewer, 'confirmation_code', null, async (_m, _c, relations) => {
      if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only the parties sign the application');
    });
    return this.otp.request(viewer.user.mobile, 'confirm_apply', viewer.user.locale);
  }

  /** Checks everything a signature needs except the code; returns what the write needs. */
  private async signable(manager: EntityManager, c: MediationCase, relations: { parties: CaseParty[] }, answers: ExclusionAnswers) {
    if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only the parties sign the application');
    if (c.state !== 'SETTLED') throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
    const agreement = await this.agreements.effective(manager, c.id);
    if (!agreement?.effectiveAt) throw AppException.field('UNPROCESSABLE', 'case', 'R26_signed_by_all', 'There is no agreement in effect');
    const now = this.clock.now();
    const windowEndsAt = confirmationDeadline(agreement.effectiveAt, this.holidays.calendar());
    if (now > windowEndsAt) {
      throw AppException.field('UNPROCESSABLE', 'case', 'R29_within_window', 'The 30 days for applying for judicial confirmation have passed (R29)');
    }
    const routes = await competentRoutes(manager, c);
    const exclusions = exclusionPreCheck({ disputeType: c.disputeType, courtFound: routes.length > 0, answers });
    if (exclusions.length) {
      throw new AppException(
        'UNPROCESSABLE',
        `Excluded from judicial confirmation (R32): ${exclusions.map((e) => e.code).join(', ')}`,
        exclusions.map((e) => ({ field: e.source === 'declared' ? `answers.${answerField(e.code)}` : 'case', constraint: `R32_${e.code}`, message: `excluded matter: ${e.code}` })),
      );
    }
    const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
    const pkg = await packageOf(manager, c, parties, agreement);
    // R31: addresses and phones of every party — a field of a party, named, for whoever can fill it in.
    const contactGaps = pkg.gaps.filter((g) => g.kind === 'contacts');
    if (contactGaps.length) {
      throw new AppException(
        'VALIDATION_FAILED',
        `The application package lacks parties' contacts (R31): ${contactGaps.map((g) => `${parties.find((p) => p.id === g.partyId)?.name ?? ''} ${g.field}`).join(', ')}`,
        contactGaps.map((g) => ({ field: `parties.${g.partyId}.${g.field}`, constraint: 'R31_contacts', message: `missing: ${g.field} of ${parties.find((p) => p.id === g.partyId)?.name ?? ''}` })),
      );
    }
    if (!pkg.complete) {
      throw new AppException(
        'UNPROCESSABLE',
        `The application package is incomplete (R31): ${pkg.gaps.map((g) => g.kind).join(', ')}`,
        pkg.gaps.map((g) => ({ field: 'package', constraint: `R31_${g.kind}`, message: `missing: ${g.kind}${g.partyId ? ` (${parties.find((p) => p.id === g.partyId)?.name ?? ''})` : ''}` })),
      );
    }
    // R30: the parties choose among the competent courts; all must choose the same one.
    const route = chosenRoute(routes, parties);
    if (!route) {
      throw AppException.field('UNPROCESSABLE', 'courtId', 'R30_same_court', 'Several courts are competent: every party must choose the same one (R30)');
    }
    return { agreement, effectiveAt: agreement.effectiveAt, route, parties, pkg, now };
  }

  async sign(caseId: string, dto: { code: string; answers: ExclusionAnswers; version: number }, viewer: Viewer, meta: { ip: string | null }): Promise<ConfirmationOverview> {
    // The one signing ceremony (signing-ceremony.ts): checks, the code, then one transaction.
    await signingCeremony(
      { otp: this.otp, storage: this.storage },
      {
        // Everything but the code (so a refused application does not burn a code).
        check: () => this.cases.withAccess(caseId, viewer, 'sign_confirmation', null, (manager, c, relations) => this.signable(manager, c, relations, dto.answers)),
        code: { mobile: viewer.user.mobile, purpose: 'confirm_apply', code: dto.code },
        // The signature, and on the last one the application.
        commit: (store) =>
          this.cases.withAccess(caseId, viewer, 'sign_confirmation', null, async (manager, _c, relations) => {
            // Re-checked under the lock of the case row: another party may have signed meanwhile.
            const c = await manager.getRepository(MediationCase).findOneOrFail({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
            const { agreement, effectiveAt, route, parties, pkg, now } = await this.signable(manager, c, relations, dto.answers);
            const repo = manager.getRepository(ConfirmationApplication);
            const app =
              (await repo.findOne({ where: { caseId, status: 'signing', agreementId: agreement.id } })) ??
              repo.create({ caseId, agreementId: agreement.id, status: 'signing', courtId: route.court.id, basis: route.basis, signatures: [] });
            if (app.courtId !== route.court.id) throw AppException.field('CONFLICT', 'courtId', 'R30_same_court', 'The application being signed is for another court');
            const mine = relations.parties.filter((p) => !app.signatures.some((s) => s.partyId === p.id));
            if (!mine.length) throw AppException.field('CONFLICT', 'code', 'alreadySigned', 'You have already signed this application');
            const signatures: ApplicationSignature[] = [
              ...app.signatures,
              ...mine.map((p) => ({ partyId: p.id, userId: viewer.userId, name: p.name, signedAt: now.toISOString(), answers: dto.answers })),
            ];
            app.signatures = signatures;
            const all = parties.every((p) => signatures.some((s) => s.partyId === p.id));
            if (!all) {
              await repo.save(app);
              await this.lifecycle.runIn(manager, {
                caseId,
                version: dto.version,
                userId: viewer.userId,
                actor: 'citizen',
                event: 'confirmation_signed',
                data: { applicationId: app.id, partyIds: mine.map((p) => p.id), courtName: route.court.name },
                notify: ['applicant', 'respondent', 'agent'],
              });
              return;
            }
            // The last signature: render the application, file it with the court (R29, R31).
            const court = await manager.getRepository(Court).findOneByOrFail({ id: app.courtId });
            const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
            const pdf = await renderApplicationPdf({ c, court, parties, agreement, signatures, basis: app.basis, organisationName: org?.name ?? null, at: now });
            app.applicationPdfKey = await store(pdf.buffer);
            app.applicationPdfSha256 = pdf.sha256;
            app.packageSnapshot = pkg.items.map((i) => ({ ...i }));
            app.status = 'submitted';
            app.submittedAt = now;
            app.acceptBy = deadlineFrom('courtAccept', now, this.holidays.calendar());
            await repo.save(app);
            const saved = await this.lifecycle.runIn(manager, {
              caseId,
              version: dto.version,
              userId: viewer.userId,
              actor: relations.parties.some((p) => p.userId === viewer.userId) ? 'citizen' : 'agent',
              action: 'request_confirmation',
              event: 'confirmation_requested',
              context: { jointApplication: true, agreementEffectiveAt: effectiveAt, confirmationPackageComplete: true, exclusions: [] },
              data: { applicationId: app.id, courtId: court.id, courtName: court.name, basis: app.basis, dueAt: app.acceptBy.toISOString() },
              notify: ['applicant', 'respondent', 'agent', 'mediator'],
              notifyActor: true,
            });
            await this.notifyCourt(manager, saved, app, 'confirmation_filed', { courtName: court.name, dueAt: app.acceptBy.toISOString() });
          }),
      },
    );
    void meta;
    return this.overview(caseId, viewer);
  }

  async withdraw(caseId: string, dto: { version: number; note?: string }, viewer: Viewer): Promise<ConfirmationOverview> {
    await this.cases.withAccess(caseId, viewer, 'withdraw_confirmation', null, async (manager, c, relations) => {
      if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only the parties may withdraw the application');
      const app = await latestApplication(manager, caseId);
      if (!isOpen(app)) throw AppException.field('CONFLICT', 'state', 'wrongState', 'There is no application before the court to withdraw');
      const now = this.clock.now();
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor: relations.parties.some((p) => p.userId === viewer.userId) ? 'citizen' : 'agent',
        action: 'withdraw_confirmation',
        event: 'confirmation_withdrawn',
        data: { applicationId: app.id, reason: 'parties', note: dto.note ?? null },
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (_row, m) => {
          await m.getRepository(ConfirmationApplication).update({ id: app.id }, { status: 'withdrawn', withdrawnAt: now, withdrawnReason: 'parties' });
        },
      });
      await this.notifyCourt(manager, c, app, 'confirmation_withdrawn', {});
    });
    return this.overview(caseId, viewer);
  }

  async partyMessage(caseId: string, body: string, viewer: Viewer): Promise<ConfirmationOverview> {
    await this.cases.withAccess(caseId, viewer, 'confirmation_message', null, async (manager, c, relations) => {
      if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only the parties write to the court here');
      const app = await latestApplication(manager, caseId);
      if (!isOpen(app)) throw AppException.field('CONFLICT', 'state', 'wrongState', 'There is no application before the court');
      const party = relations.parties[0];
      await manager.getRepository(ConfirmationMessage).insert({ applicationId: app.id, authorId: viewer.userId, authorRole: 'party', authorName: party.name, body, createdAt: this.clock.now() });
      await this.notifyCourt(manager, c, app, 'confirmation_message', {});
    });
    return this.overview(caseId, viewer);
  }

  /** R33: a party answers the court's request with a document. */
  async uploadSupplement(caseId: string, supplementId: string, file: Express.Multer.File | undefined, viewer: Viewer): Promise<ConfirmationOverview> {
    const check = async (manager: EntityManager, relations: { parties: CaseParty[] }) => {
      if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only the parties provide materials');
      const s = await manager.getRepository(ConfirmationSupplement).findOne({ where: { id: supplementId, caseId } });
      if (!s) throw new AppException('NOT_FOUND', 'No such request');
      const app = await manager.getRepository(ConfirmationApplication).findOneByOrFail({ id: s.applicationId });
      if (!isOpen(app) || (s.missedAt && s.decision !== 'continue')) throw AppException.field('CONFLICT', 'state', 'wrongState', 'This request is closed');
      // R33: after the deadline only the judge's decision to go on reopens it.
      if (!supplementOpen(s, this.clock.now())) throw AppException.field('UNPROCESSABLE', 'file', 'R33_supplement_deadline', 'The deadline for these materials has passed');
      return { s, app };
    };
    await this.cases.withAccess(caseId, viewer, 'confirmation_supplement', supplementId, (m, _c, r) => check(m, r));
    const doc = await this.documents.upload(caseId, file, 'other', 'all_parties', viewer);
    await this.cases.withAccess(caseId, viewer, 'confirmation_supplement', supplementId, async (manager, c, relations) => {
      const { s, app } = await check(manager, relations);
      await manager.getRepository(ConfirmationSupplement).update({ id: s.id }, { documentIds: [...s.documentIds, doc.id], fulfilledAt: s.fulfilledAt ?? this.clock.now() });
      await this.lifecycle.runIn(manager, {
        caseId,
        version: null,
        userId: viewer.userId,
        actor: 'citizen',
        event: 'confirmation_supplement_provided',
        data: { applicationId: app.id, supplementId: s.id, documentId: doc.id, fileName: doc.fileName },
      });
      await this.notifyCourt(manager, c, app, 'confirmation_supplement_provided', {});
    });
    return this.overview(caseId, viewer);
  }

  async partyPdf(caseId: string, which: 'ruling' | 'application', viewer: Viewer): Promise<{ bytes: Buffer; fileName: string }> {
    return this.cases.withAccess(caseId, viewer, `download_${which}`, null, async (manager, _c, relations, access) => {
      // The application and the ruling are made from the agreement: refused to whoever the
      // agreement is refused to, with the same answer as a missing one (R15, R19).
      if (!mayReadAgreement(audienceOf(relations))) return access.deny();
      const apps = await manager.getRepository(ConfirmationApplication).find({ where: { caseId }, order: { createdAt: 'DESC' } });
      const app = apps.find((a) => (which === 'ruling' ? a.rulingPdfKey : a.applicationPdfKey));
      const key = which === 'ruling' ? app?.rulingPdfKey : app?.applicationPdfKey;
      if (!app || !key) return access.deny();
      return { bytes: await this.storage.get(key), fileName: which === 'ruling' ? `ruling-${app.id.slice(0, 8)}.pdf` : `application-${app.id.slice(0, 8)}.pdf` };
    });
  }
  /** Tells the judges and clerks of the application's court (they are not case members). */
  private async notifyCourt(manager: EntityManager, c: MediationCase, app: ConfirmationApplication, template: string, params: Record<string, unknown>) {
    const users = await staffOf(manager, app.courtId);
    if (!users.length) return;
    // Court staff receive the staff ('dispatcher') wording of the confirmation templates.
    await this.notifier.queue(manager, {
      caseId: c.id,
      eventId: null,
      dedupBase: `court:${template}:${app.id}:${this.clock.now().getTime()}`,
      template,
      params: { caseNumber: c.number, ...params },
      recipients: users.map((u) => this.notifier.fromUser('dispatcher', u)),
    });
  }
}
