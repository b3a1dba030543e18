import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CONFIRMATION_LIMITS,
  type ConfirmationApplicationView,
  type ConfirmationGrantedData,
  type ConfirmationOverview,
  type CourtApplicationDetail,
  type CourtProposal,
  type CourtQueueItem,
  type ExclusionAnswers,
  type OrganisationFeesView,
  type PackageItemView,
  type RefusalGround,
  type RejectionGround,
} from '@tiaojie/contracts';
import {
  competentCourts,
  confirmationDeadline,
  deadlineFrom,
  exclusionPreCheck,
  maskMobile,
  mayListDocument,
  mayReadAgreement,
  packageGaps,
  rulingNumber,
  type CaseAudience,
  type CourtRoute,
} from '@tiaojie/domain';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { OtpService } from '../accounts/otp.service';
import { User } from '../accounts/user.entity';
import { audienceOf } from '../cases/case-access';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CasesService, type Viewer } from '../cases/cases.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { randomToken } from '../common/crypto';
import { AppConfig } from '../config/app-config';
import { CaseDocument } from '../documents/case-document.entity';
import { DocumentsService } from '../documents/documents.service';
import { FileStorage } from '../documents/storage';
import { Notifier } from '../notifications/notifier';
import { Court } from '../organisations/court.entity';
import { Membership } from '../organisations/membership.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Agreement, Obligation } from '../settlement/agreement.entity';
import { AgreementsService } from '../settlement/agreements.service';
import { supplementOpen } from './supplement-open';
import { ConfirmationApplication, ConfirmationMessage, ConfirmationSupplement, type ApplicationSignature } from './confirmation.entity';
import { renderApplicationPdf, renderRulingPdf } from './confirmation-pdf';
import { HolidayCalendarService } from '../calendar/holiday-calendar.service';

const OPEN = ['submitted', 'accepted'] as const;
const isOpen = (a: ConfirmationApplication | null | undefined) => !!a && (OPEN as readonly string[]).includes(a.status);

export interface CourtViewer {
  userId: string;
  user: User;
  role: 'judge' | 'clerk';
}

/**
 * Judicial confirmation (R29–R35): the parties' joint application from the agreement in
 * effect, the competent court (R30), the exclusions pre-check (R32), the package (R31), and
 * the court's handling of it (R33, R34). Every state change goes through CaseLifecycleService.
 */
@Injectable()
export class ConfirmationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly holidays: HolidayCalendarService,
    private readonly config: AppConfig,
    private readonly cases: CasesService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly otp: OtpService,
    private readonly documents: DocumentsService,
    private readonly storage: FileStorage,
    private readonly notifier: Notifier,
    private readonly agreements: AgreementsService,
  ) {}

  // ─── Facts ────────────────────────────────────────────────────────────────────────────

  /** The agreement in effect (the settlement module decides which one that is). */
  private effectiveAgreement(manager: EntityManager, caseId: string): Promise<Agreement | null> {
    return this.agreements.effective(manager, caseId);
  }

  /** R30: every competent court — the parties' domiciles, the subject matter, the organisation (or only the inviting court). */
  private async routes(manager: EntityManager, c: MediationCase, parties?: CaseParty[]): Promise<CourtRoute[]> {
    const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
    const courts = await manager.getRepository(Court).find();
    const ps = parties ?? (await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } }));
    return competentCourts({
      invitingCourtId: c.courtDelegated ? (c.courtId ?? org?.courtId ?? null) : null, // R21/R30: the court that brought the case
      partyRegions: ps.map((p) => p.domicileRegion),
      subjectRegion: c.region,
      organisationRegion: org?.region ?? null,
      courts: courts.map((x) => ({ id: x.id, name: x.name, region: x.region, level: x.level })),
    });
  }

  /**
   * R30: the court the application goes to — the only competent court, or the one every party
   * chose among several (null while the parties have not all chosen the same competent court).
   */
  private chosenRoute(routes: CourtRoute[], parties: CaseParty[]): CourtRoute | null {
    if (routes.length === 1) return routes[0];
    const choice = parties[0]?.courtChoiceId ?? null;
    if (!choice || !parties.every((p) => p.courtChoiceId === choice)) return null;
    return routes.find((r) => r.court.id === choice) ?? null;
  }

  /**
   * The application package (R31). `audience`: the case viewer it is shown to — each file is
   * listed only if the domain's document rule lets that viewer see it (R15), while whether an
   * item is present is told to all; null: the whole package (the signing check, the court).
   */
  private async packageOf(manager: EntityManager, c: MediationCase, parties: CaseParty[], agreement: Agreement | null, audience: CaseAudience | null = null) {
    const docs = await manager.getRepository(CaseDocument).find({ where: { caseId: c.id }, order: { createdAt: 'ASC' } });
    const shared = docs.filter((d) => !d.channelId);
    const ofSide = (kind: string, side: string) => shared.filter((d) => d.kind === kind && d.uploadedBySide === side);
    const listed = (list: CaseDocument[]) => list.filter((d) => !audience || mayListDocument(audience, d)).map((d) => ({ id: d.id, fileName: d.fileName }));
    const items: PackageItemView[] = [{ kind: 'application', partyId: null, partyName: null, present: true, documents: [], detail: null }];
    items.push({ kind: 'agreement', partyId: null, partyName: null, present: !!agreement?.pdfStorageKey, documents: [], detail: agreement?.verificationCode ?? null });
    for (const p of parties) {
      const ids = ofSide('id_card', p.side);
      items.push({ kind: 'id_proof', partyId: p.id, partyName: p.name, present: ids.length > 0, documents: listed(ids), detail: p.idNumberMasked });
      if (p.agentUserId) {
        const poa = ofSide('power_of_attorney', p.side);
        items.push({ kind: 'power_of_attorney', partyId: p.id, partyName: p.name, present: poa.length > 0, documents: listed(poa), detail: null });
      }
      const missing = [!p.mobile?.trim() ? 'mobile' : null, !p.address?.trim() ? 'address' : null].filter((x): x is string => !!x);
      items.push({ kind: 'contacts', partyId: p.id, partyName: p.name, present: missing.length === 0, documents: [], detail: `${p.mobile ? maskMobile(p.mobile) : ''}${p.address ? ` · ${p.address}` : ''}`, missing });
    }
    const evidence = shared.filter((d) => d.kind === 'evidence' && d.visibility === 'all_parties');
    items.push({ kind: 'property_proof', partyId: null, partyName: null, present: true, documents: listed(evidence), detail: null });
    const gaps = packageGaps({
      agreementPdf: !!agreement?.pdfStorageKey,
      parties: parties.map((p) => ({
        id: p.id,
        hasIdProof: ofSide('id_card', p.side).length > 0,
        hasAgent: !!p.agentUserId,
        hasPowerOfAttorney: ofSide('power_of_attorney', p.side).length > 0,
        mobile: p.mobile,
        address: p.address,
      })),
    });
    return { items, gaps, complete: gaps.length === 0 };
  }

  /** R35: the organisation's fees: "free" is shown only when it charges nothing. */
  private async organisationFees(manager: EntityManager, c: MediationCase): Promise<OrganisationFeesView | null> {
    const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
    return org ? { organisationName: org.name, chargesFees: org.chargesFees, feeSchedule: org.chargesFees ? org.feeSchedule : '' } : null;
  }

  private async latestApplication(manager: EntityManager, caseId: string) {
    return manager.getRepository(ConfirmationApplication).findOne({ where: { caseId }, order: { createdAt: 'DESC' } });
  }

  private proposalView(r: CourtRoute): CourtProposal {
    return { courtId: r.court.id, courtName: r.court.name, basis: r.basis, region: r.region };
  }

  private courtDeadlines(a: ConfirmationApplication, now: Date) {
    const due = a.status === 'submitted' ? a.acceptBy : a.status === 'accepted' ? a.ruleBy : null;
    return {
      acceptBy: a.acceptBy?.toISOString() ?? null,
      acceptedAt: a.acceptedAt?.toISOString() ?? null,
      ruleBy: a.ruleBy?.toISOString() ?? null,
      extended: !!a.extendedAt,
      extensionApprovedBy: a.extensionApprovedBy,
      extensionApprovedAt: a.extensionApprovedAt?.toISOString() ?? null,
      extensionReason: a.extensionReason,
      overdue: !!due && due < now,
    };
  }

  private async applicationView(manager: EntityManager, a: ConfirmationApplication, parties: CaseParty[], base: string): Promise<ConfirmationApplicationView> {
    const court = await manager.getRepository(Court).findOne({ where: { id: a.courtId } });
    const supplements = await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: a.id }, order: { createdAt: 'ASC' } });
    const docIds = supplements.flatMap((s) => s.documentIds);
    const docs = docIds.length ? await manager.getRepository(CaseDocument).find({ where: { id: In(docIds) } }) : [];
    const messages = await manager.getRepository(ConfirmationMessage).find({ where: { applicationId: a.id }, order: { createdAt: 'ASC' } });
    return {
      id: a.id,
      status: a.status,
      courtId: a.courtId,
      courtName: court?.name ?? '',
      basis: a.basis,
      parties: parties.map((p) => ({
        partyId: p.id,
        side: p.side,
        name: p.name,
        mobileMasked: maskMobile(p.mobile),
        address: p.address,
        idNumberMasked: p.idNumberMasked,
        signedAt: a.signatures.find((s) => s.partyId === p.id)?.signedAt ?? null,
      })),
      submittedAt: a.submittedAt?.toISOString() ?? null,
      deadlines: this.courtDeadlines(a, this.clock.now()),
      supplements: supplements.map((s) => ({
        id: s.id,
        text: s.text,
        dueAt: s.dueAt.toISOString(),
        createdAt: s.createdAt.toISOString(),
        fulfilledAt: s.fulfilledAt?.toISOString() ?? null,
        missedAt: s.missedAt?.toISOString() ?? null,
        decision: s.decision,
        decidedAt: s.decidedAt?.toISOString() ?? null,
        decisionNote: s.decisionNote,
        documents: s.documentIds.map((id) => ({ id, fileName: docs.find((d) => d.id === id)?.fileName ?? '' })),
      })),
      messages: messages.map((m) => ({ id: m.id, authorName: m.authorName, authorRole: m.authorRole, body: m.body, createdAt: m.createdAt.toISOString() })),
      refusal: a.refusedAt
        ? { ground: a.refusalGround!, note: a.refusalNote, judgeName: a.judgeName ?? '', refusedAt: a.refusedAt.toISOString(), withinPeriod: !!a.acceptBy && a.refusedAt <= a.acceptBy }
        : null,
      ruling: a.ruledAt
        ? {
            outcome: a.status === 'rejected' ? 'rejected' : 'confirmed',
            rulingNumber: a.rulingNumber,
            judgeName: a.judgeName ?? '',
            ruledAt: a.ruledAt.toISOString(),
            rejectionGround: a.rejectionGround,
            rejectionNote: a.rejectionNote,
            verificationCode: a.verificationCode,
            pdfSha256: a.rulingPdfSha256,
          }
        : null,
      withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
      withdrawnReason: a.withdrawnReason,
      enforceable: a.status === 'confirmed',
      applicationPdfUrl: a.applicationPdfKey ? `${base}/application.pdf` : null,
      rulingPdfUrl: a.rulingPdfKey ? `${base}/ruling.pdf` : null,
    };
  }

  // ─── Parties ─────────────────────────────────────────────────────────────────────────

  async overview(caseId: string, viewer: Viewer): Promise<ConfirmationOverview> {
    return this.cases.withAccess(caseId, viewer, 'view_confirmation', null, async (manager, c, relations) => {
      const now = this.clock.now();
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
      const agreement = await this.effectiveAgreement(manager, caseId);
      const routes = await this.routes(manager, c, parties);
      const pkg = await this.packageOf(manager, c, parties, agreement, audienceOf(relations));
      const latest = await this.latestApplication(manager, caseId);
      const chosen = this.chosenRoute(routes, parties);
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
        const supplements = await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: latest!.id } });
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
        proposal: routes[0] ? this.proposalView(routes[0]) : null,
        alternatives: routes.slice(1).map((r) => this.proposalView(r)),
        exclusions,
        packageItems: pkg.items,
        packageComplete: pkg.complete,
        free: true,
        organisationFees: await this.organisationFees(manager, c),
        application: latest ? await this.applicationView(manager, latest, parties, `/api/cases/${caseId}/confirmation`) : null,
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
      if (isOpen(await this.latestApplication(manager, caseId))) {
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
      const routes = await this.routes(manager, c);
      if (!routes.some((r) => r.court.id === dto.courtId)) {
        throw AppException.field('UNPROCESSABLE', 'courtId', 'R30_competent_court', 'That court is not competent for this case (R30)');
      }
      const latest = await this.latestApplication(manager, caseId);
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
    const agreement = await this.effectiveAgreement(manager, c.id);
    if (!agreement?.effectiveAt) throw AppException.field('UNPROCESSABLE', 'case', 'R26_signed_by_all', 'There is no agreement in effect');
    const now = this.clock.now();
    const windowEndsAt = confirmationDeadline(agreement.effectiveAt, this.holidays.calendar());
    if (now > windowEndsAt) {
      throw AppException.field('UNPROCESSABLE', 'case', 'R29_within_window', 'The 30 days for applying for judicial confirmation have passed (R29)');
    }
    const routes = await this.routes(manager, c);
    const exclusions = exclusionPreCheck({ disputeType: c.disputeType, courtFound: routes.length > 0, answers });
    if (exclusions.length) {
      throw new AppException(
        'UNPROCESSABLE',
        `Excluded from judicial confirmation (R32): ${exclusions.map((e) => e.code).join(', ')}`,
        exclusions.map((e) => ({ field: e.source === 'declared' ? `answers.${answerField(e.code)}` : 'case', constraint: `R32_${e.code}`, message: `excluded matter: ${e.code}` })),
      );
    }
    const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
    const pkg = await this.packageOf(manager, c, parties, agreement);
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
    const route = this.chosenRoute(routes, parties);
    if (!route) {
      throw AppException.field('UNPROCESSABLE', 'courtId', 'R30_same_court', 'Several courts are competent: every party must choose the same one (R30)');
    }
    return { agreement, route, parties, pkg, now };
  }

  async sign(caseId: string, dto: { code: string; answers: ExclusionAnswers; version: number }, viewer: Viewer, meta: { ip: string | null }): Promise<ConfirmationOverview> {
    // 1. Everything but the code (so a refused application does not burn a code).
    await this.cases.withAccess(caseId, viewer, 'sign_confirmation', null, async (manager, c, relations) => {
      await this.signable(manager, c, relations, dto.answers);
    });
    // 2. The code, in its own transaction (a wrong guess is counted).
    await this.otp.verify(viewer.user.mobile, 'confirm_apply', dto.code);
    // 3. The signature, and on the last one the application (one transaction).
    let storedKey: string | null = null;
    try {
      await this.cases.withAccess(caseId, viewer, 'sign_confirmation', null, async (manager, c, relations) => {
        const { agreement, route, parties, pkg, now } = await this.signable(manager, c, relations, dto.answers);
        const repo = manager.getRepository(ConfirmationApplication);
        let app = await repo.findOne({ where: { caseId, status: 'signing', agreementId: agreement.id } });
        if (!app) app = repo.create({ caseId, agreementId: agreement.id, status: 'signing', courtId: route.court.id, basis: route.basis, signatures: [] });
        if (app.courtId !== route.court.id) throw AppException.field('CONFLICT', 'courtId', 'R30_same_court', 'The application being signed is for another court');
        const mine = relations.parties.filter((p) => !app!.signatures.some((s) => s.partyId === p.id));
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
        const court = (await manager.getRepository(Court).findOneByOrFail({ id: app.courtId }));
        const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
        const pdf = await renderApplicationPdf({ c, court, parties, agreement, signatures, basis: app.basis, organisationName: org?.name ?? null, at: now });
        storedKey = await this.storage.put(pdf.buffer);
        app.applicationPdfKey = storedKey;
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
          context: { jointApplication: true, agreementEffectiveAt: agreement.effectiveAt!, confirmationPackageComplete: true, exclusions: [] },
          data: { applicationId: app.id, courtId: court.id, courtName: court.name, basis: app.basis, dueAt: app.acceptBy.toISOString() },
          notify: ['applicant', 'respondent', 'agent', 'mediator'],
          notifyActor: true,
        });
        await this.notifyCourt(manager, saved, app, 'confirmation_filed', { courtName: court.name, dueAt: app.acceptBy.toISOString() });
      });
    } catch (e) {
      if (storedKey) await this.storage.delete(storedKey).catch(() => undefined);
      throw e;
    }
    void meta;
    return this.overview(caseId, viewer);
  }

  async withdraw(caseId: string, dto: { version: number; note?: string }, viewer: Viewer): Promise<ConfirmationOverview> {
    await this.cases.withAccess(caseId, viewer, 'withdraw_confirmation', null, async (manager, c, relations) => {
      if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only the parties may withdraw the application');
      const app = await this.latestApplication(manager, caseId);
      if (!isOpen(app)) throw AppException.field('CONFLICT', 'state', 'wrongState', 'There is no application before the court to withdraw');
      const now = this.clock.now();
      await this.lifecycle.runIn(manager, {
        caseId,
        version: dto.version,
        userId: viewer.userId,
        actor: relations.parties.some((p) => p.userId === viewer.userId) ? 'citizen' : 'agent',
        action: 'withdraw_confirmation',
        event: 'confirmation_withdrawn',
        data: { applicationId: app!.id, reason: 'parties', note: dto.note ?? null },
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (_row, m) => {
          await m.getRepository(ConfirmationApplication).update({ id: app!.id }, { status: 'withdrawn', withdrawnAt: now, withdrawnReason: 'parties' });
        },
      });
      await this.notifyCourt(manager, c, app!, 'confirmation_withdrawn', {});
    });
    return this.overview(caseId, viewer);
  }

  async partyMessage(caseId: string, body: string, viewer: Viewer): Promise<ConfirmationOverview> {
    await this.cases.withAccess(caseId, viewer, 'confirmation_message', null, async (manager, c, relations) => {
      if (!relations.parties.length) throw new AppException('FORBIDDEN', 'Only the parties write to the court here');
      const app = await this.latestApplication(manager, caseId);
      if (!isOpen(app)) throw AppException.field('CONFLICT', 'state', 'wrongState', 'There is no application before the court');
      const party = relations.parties[0];
      await manager.getRepository(ConfirmationMessage).insert({ applicationId: app!.id, authorId: viewer.userId, authorRole: 'party', authorName: party.name, body, createdAt: this.clock.now() });
      await this.notifyCourt(manager, c, app!, 'confirmation_message', {});
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

  // ─── Court ───────────────────────────────────────────────────────────────────────────

  private async courtIdsOf(manager: EntityManager, userId: string) {
    const ms = await manager.getRepository(Membership).find({ where: { userId, role: In(['judge', 'clerk']) } });
    return ms.filter((m) => m.courtId).map((m) => ({ courtId: m.courtId!, role: m.role as 'judge' | 'clerk' }));
  }

  /** The application, if the viewer is a judge or clerk of its court; otherwise 404 (no hint it exists). */
  private async forCourt(manager: EntityManager, userId: string, applicationId: string, lock = false) {
    const q = manager.getRepository(ConfirmationApplication).createQueryBuilder('a').where('a.id = :id', { id: applicationId });
    if (lock) q.setLock('pessimistic_write');
    const app = await q.getOne();
    const memberships = await this.courtIdsOf(manager, userId);
    const mine = app ? memberships.filter((m) => m.courtId === app.courtId) : [];
    if (!app || !mine.length || app.status === 'signing') throw new AppException('NOT_FOUND', 'No such application');
    const role: 'judge' | 'clerk' = mine.some((m) => m.role === 'judge') ? 'judge' : 'clerk';
    const c = await manager.getRepository(MediationCase).findOneByOrFail({ id: app.caseId });
    return { app, role, c };
  }

  async queue(userId: string, scope: 'open' | 'all'): Promise<CourtQueueItem[]> {
    return this.db.transaction(async (manager) => {
      const courts = [...new Set((await this.courtIdsOf(manager, userId)).map((m) => m.courtId))];
      if (!courts.length) return [];
      const statuses = scope === 'open' ? [...OPEN] : ['submitted', 'accepted', 'confirmed', 'rejected', 'withdrawn', 'refused'];
      const apps = await manager.getRepository(ConfirmationApplication).find({ where: { courtId: In(courts), status: In(statuses) }, order: { submittedAt: 'ASC' } });
      if (!apps.length) return [];
      const caseIds = [...new Set(apps.map((a) => a.caseId))];
      const cases = await manager.getRepository(MediationCase).find({ where: { id: In(caseIds) } });
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: In(caseIds) }, order: { position: 'ASC' } });
      const supplements = await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: In(apps.map((a) => a.id)) } });
      const now = this.clock.now();
      const items = apps.map((a) => {
        const c = cases.find((x) => x.id === a.caseId)!;
        return {
          id: a.id,
          caseId: a.caseId,
          caseNumber: c.number,
          status: a.status,
          parties: parties.filter((p) => p.caseId === a.caseId).map((p) => p.name),
          disputeType: c.disputeType,
          submittedAt: a.submittedAt?.toISOString() ?? null,
          deadlines: this.courtDeadlines(a, now),
          openSupplements: supplements.filter((s) => s.applicationId === a.id && !s.fulfilledAt && !s.missedAt).length,
        };
      });
      // The nearest R33 deadline first.
      const dueOf = (i: CourtQueueItem) => (i.status === 'submitted' ? i.deadlines.acceptBy : i.status === 'accepted' ? i.deadlines.ruleBy : null) ?? '9999';
      return items.sort((x, y) => dueOf(x).localeCompare(dueOf(y)));
    });
  }

  /**
   * A read of an application's material by the court (the package, its files, the messages),
   * recorded in the case access log like every other case read — a refusal too (R19).
   */
  private async courtRead<T>(userId: string, ip: string | null, applicationId: string, action: string, targetId: string, work: (manager: EntityManager, found: Awaited<ReturnType<ConfirmationService['forCourt']>>) => Promise<T>): Promise<T> {
    const row = await this.db.getRepository(ConfirmationApplication).findOne({ where: { id: applicationId }, select: { id: true, caseId: true } });
    let allowed = false;
    try {
      return await this.db.transaction(async (manager) => {
        const found = await this.forCourt(manager, userId, applicationId);
        allowed = true;
        try {
          return await work(manager, found);
        } catch (e) {
          if (e instanceof AppException && e.code === 'NOT_FOUND') allowed = false;
          throw e;
        }
      });
    } finally {
      if (row) await this.cases.logAccess({ caseId: row.caseId, userId, action, targetId, allowed, ip });
    }
  }

  async courtDetail(userId: string, applicationId: string, ip: string | null = null): Promise<CourtApplicationDetail> {
    return this.courtRead(userId, ip, applicationId, 'court_view_confirmation', applicationId, async (manager, { app, role, c }) => {
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
      const agreement = await manager.getRepository(Agreement).findOneByOrFail({ id: app.agreementId });
      const obligations = await manager.getRepository(Obligation).find({ where: { agreementId: agreement.id }, order: { seq: 'ASC' } });
      const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
      const base = `/api/court/confirmations/${app.id}`;
      const view = await this.applicationView(manager, app, parties, base);
      const pkg = (app.packageSnapshot ?? []) as unknown as PackageItemView[];
      const actions: string[] = [];
      if (isOpen(app)) actions.push('message', 'request_supplement');
      if (app.status === 'submitted') actions.push('accept');
      if (app.status === 'submitted' && role === 'judge') actions.push('refuse');
      if (isOpen(app) && role === 'judge') {
        const pending = await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: app.id } });
        if (pending.some((s) => awaitsDecision(s, this.clock.now()))) actions.push('decide_supplement');
      }
      if (app.status === 'accepted' && role === 'judge') {
        if (!app.extendedAt) actions.push('extend');
        actions.push('confirm', 'reject');
      }
      const name = (id: string) => parties.find((p) => p.id === id)?.name ?? '';
      return {
        ...view,
        caseId: c.id,
        caseNumber: c.number,
        caseVersion: c.version,
        disputeType: c.disputeType,
        organisationName: org?.name ?? null,
        packageItems: pkg,
        agreement: {
          id: agreement.id,
          effectiveAt: agreement.effectiveAt?.toISOString() ?? null,
          facts: agreement.content?.facts ?? '',
          disputedMatters: agreement.content?.disputedMatters ?? '',
          responsibilities: agreement.content?.responsibilities ?? '',
          otherTerms: agreement.content?.otherTerms ?? '',
          obligations: obligations.map((o) => ({ id: o.id, seq: o.seq, kind: o.kind, description: o.description, amount: o.amount, dueDate: o.dueDate, obligorName: name(o.obligorPartyId), obligeeName: name(o.obligeePartyId) })),
          pdfUrl: agreement.pdfStorageKey ? `${base}/agreement.pdf` : null,
        },
        actions,
        viewerRole: role,
      };
    });
  }

  /** A file of the package (or a supplement), for the court that holds the application. */
  async courtFile(userId: string, applicationId: string, what: 'application' | 'agreement' | 'ruling' | { documentId: string }, ip: string | null = null) {
    const action = typeof what === 'string' ? `court_download_${what}` : 'court_download_document';
    return this.courtRead(userId, ip, applicationId, action, typeof what === 'string' ? applicationId : what.documentId, async (manager, { app }) => {
      if (what === 'application' || what === 'ruling') {
        const key = what === 'application' ? app.applicationPdfKey : app.rulingPdfKey;
        if (!key) throw new AppException('NOT_FOUND', 'Not found');
        return { bytes: await this.storage.get(key), fileName: `${what}.pdf`, mimeType: 'application/pdf' };
      }
      if (what === 'agreement') {
        const agreement = await manager.getRepository(Agreement).findOneByOrFail({ id: app.agreementId });
        if (!agreement.pdfStorageKey) throw new AppException('NOT_FOUND', 'Not found');
        return { bytes: await this.storage.get(agreement.pdfStorageKey), fileName: 'agreement.pdf', mimeType: 'application/pdf' };
      }
      const inPackage = ((app.packageSnapshot ?? []) as unknown as PackageItemView[]).some((i) => i.documents?.some((d) => d.id === what.documentId));
      const supplements = await manager.getRepository(ConfirmationSupplement).find({ where: { applicationId: app.id } });
      if (!inPackage && !supplements.some((s) => s.documentIds.includes(what.documentId))) throw new AppException('NOT_FOUND', 'Not found');
      const doc = await manager.getRepository(CaseDocument).findOne({ where: { id: what.documentId, caseId: app.caseId } });
      if (!doc) throw new AppException('NOT_FOUND', 'Not found');
      return { bytes: await this.storage.get(doc.storageKey), fileName: doc.fileName, mimeType: doc.mimeType };
    });
  }

  private async courtStep<T>(userId: string, applicationId: string, work: (manager: EntityManager, ctx: { app: ConfirmationApplication; role: 'judge' | 'clerk'; c: MediationCase; user: User; now: Date }) => Promise<T>) {
    await this.db.transaction(async (manager) => {
      const found = await this.forCourt(manager, userId, applicationId, true);
      const user = await manager.getRepository(User).findOneByOrFail({ id: userId });
      await work(manager, { ...found, user, now: this.clock.now() });
    });
    return this.courtDetail(userId, applicationId);
  }

  private requireJudge(role: 'judge' | 'clerk', what: string) {
    if (role !== 'judge') throw new AppException('FORBIDDEN', `Only a judge may ${what}`);
  }

  private requireStatus(app: ConfirmationApplication, allowed: readonly string[], message: string) {
    if (!allowed.includes(app.status)) throw AppException.field('CONFLICT', 'state', 'wrongState', message);
  }

  /** R33: accept the application (within 3 days); the 15 days for the ruling start. */
  accept(userId: string, applicationId: string) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, now }) => {
      this.requireStatus(app, ['submitted'], 'Only a newly filed application can be accepted');
      const ruleBy = deadlineFrom('courtRule', now, this.holidays.calendar());
      await manager.getRepository(ConfirmationApplication).update({ id: app.id }, { status: 'accepted', acceptedAt: now, acceptedById: userId, ruleBy });
      await this.lifecycle.runIn(manager, {
        caseId: c.id, version: null, userId, actor: role, event: 'confirmation_accepted',
        data: { applicationId: app.id, dueAt: ruleBy.toISOString(), courtName: await this.courtName(manager, app) },
        notify: ['applicant', 'respondent', 'agent'],
      });
    });
  }

  /**
   * R33: the ruling period may be extended once, by 10 days, with the approval of the court's
   * president (院长): who approved it and when are recorded with the extension.
   */
  extend(userId: string, applicationId: string, dto: { reason: string; approvedBy: string; approvedAt: string }) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, now }) => {
      this.requireJudge(role, 'extend the period');
      this.requireStatus(app, ['accepted'], 'Only an accepted application has a ruling period');
      if (app.extendedAt) throw AppException.field('CONFLICT', 'reason', 'R33_extended_once', 'The ruling period was already extended once (R33)');
      const approvedAt = new Date(dto.approvedAt);
      if (!Number.isFinite(approvedAt.getTime())) throw AppException.field('VALIDATION_FAILED', 'approvedAt', 'isDate', 'approvedAt is not a real date-time');
      if (approvedAt > now) throw AppException.field('VALIDATION_FAILED', 'approvedAt', 'R33_approved_not_future', 'The approval cannot be in the future');
      if (app.acceptedAt && approvedAt < app.acceptedAt) throw AppException.field('VALIDATION_FAILED', 'approvedAt', 'R33_approved_after_acceptance', 'The approval cannot precede the acceptance');
      const approvedBy = dto.approvedBy.trim();
      if (!approvedBy) throw AppException.field('VALIDATION_FAILED', 'approvedBy', 'isNotEmpty', 'Name the person who approved the extension');
      const ruleBy = deadlineFrom('courtRuleExtension', app.ruleBy!, this.holidays.calendar());
      // Conditional on "not extended yet": two extensions at once cannot both pass (R33: once).
      const res = await manager
        .getRepository(ConfirmationApplication)
        .update({ id: app.id, extendedAt: IsNull() }, { ruleBy, extendedAt: now, extensionReason: dto.reason, extendedById: userId, extensionApprovedBy: approvedBy, extensionApprovedAt: approvedAt });
      if (!res.affected) throw AppException.field('CONFLICT', 'reason', 'R33_extended_once', 'The ruling period was already extended once (R33)');
      await this.lifecycle.runIn(manager, {
        caseId: c.id, version: null, userId, actor: role, event: 'confirmation_extended',
        data: { applicationId: app.id, dueAt: ruleBy.toISOString(), reason: dto.reason, approvedBy, approvedAt: approvedAt.toISOString(), courtName: await this.courtName(manager, app) },
        notify: ['applicant', 'respondent', 'agent'],
      });
    });
  }

  /**
   * R33: the court refuses to accept the application (不予受理) with a ground, before accepting
   * it (the 3 days of R33; a late refusal is recorded as such). The agreement stays in effect.
   */
  refuse(userId: string, applicationId: string, dto: { reasonCode: RefusalGround; reasonNote?: string }, version: number | null) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, user, now }) => {
      this.requireJudge(role, 'refuse to accept an application');
      this.requireStatus(app, ['submitted'], app.status === 'accepted' ? 'An accepted application is ruled on, not refused (R33)' : `The application is ${app.status}`);
      await this.lifecycle.runIn(manager, {
        caseId: c.id, version, userId, actor: 'judge', action: 'refuse_confirmation', event: 'confirmation_refused',
        context: { reasonCode: dto.reasonCode, reasonNote: dto.reasonNote },
        data: { applicationId: app.id, reasonCode: dto.reasonCode, reasonNote: dto.reasonNote ?? null, courtName: await this.courtName(manager, app), withinPeriod: !!app.acceptBy && now <= app.acceptBy },
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (_row, m) => {
          await m.getRepository(ConfirmationApplication).update({ id: app.id }, { status: 'refused', refusedAt: now, judgeId: userId, judgeName: user.name, refusalGround: dto.reasonCode, refusalNote: dto.reasonNote ?? null });
        },
      });
    });
  }

  /**
   * R33 (JC2011 6): a missed deadline for supplementary materials is put to the judge, who
   * decides whether it counts as withdrawal (the application ends, the case returns to SETTLED)
   * or the application goes on (the parties may still provide the materials).
   */
  decideSupplement(userId: string, applicationId: string, supplementId: string, dto: { withdrawn: boolean; note?: string }) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, now }) => {
      this.requireJudge(role, 'decide on missed materials');
      this.requireStatus(app, OPEN, 'The application is no longer pending');
      const s = await manager.getRepository(ConfirmationSupplement).findOne({ where: { id: supplementId, applicationId: app.id } });
      if (!s) throw new AppException('NOT_FOUND', 'No such request');
      if (!awaitsDecision(s, now)) {
        throw AppException.field('CONFLICT', 'supplement', s.decision ? 'R33_already_decided' : 'R33_supplement_not_missed', s.decision ? 'This request was already decided' : 'The deadline has not passed, or the materials were provided');
      }
      const decided = { missedAt: s.missedAt ?? now, decision: dto.withdrawn ? ('withdrawn' as const) : ('continue' as const), decidedAt: now, decidedById: userId, decisionNote: dto.note ?? null };
      const data = { applicationId: app.id, supplementId: s.id, dueAt: s.dueAt.toISOString(), note: dto.note ?? null, courtName: await this.courtName(manager, app) };
      if (!dto.withdrawn) {
        await manager.getRepository(ConfirmationSupplement).update({ id: s.id }, decided);
        await this.lifecycle.runIn(manager, { caseId: c.id, version: null, userId, actor: 'judge', event: 'confirmation_supplement_excused', data, notify: ['applicant', 'respondent', 'agent'] });
        return;
      }
      await this.lifecycle.runIn(manager, {
        caseId: c.id, version: null, userId, actor: 'judge', action: 'supplement_deadline_missed', event: 'confirmation_supplement_withdrawn',
        context: { supplementDeadline: s.dueAt },
        data,
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (_row, m) => {
          await m.getRepository(ConfirmationSupplement).update({ id: s.id }, decided);
          await m.getRepository(ConfirmationApplication).update({ id: app.id }, { status: 'withdrawn', withdrawnAt: now, withdrawnReason: 'supplement_missed' });
        },
      });
    });
  }

  /** R33: ask the parties for supplementary materials by a deadline (if missed, the judge decides whether it counts as withdrawal). */
  requestSupplement(userId: string, applicationId: string, dto: { text: string; dueDate: string }) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, now }) => {
      this.requireStatus(app, OPEN, 'Materials can be requested only while the application is pending');
      let dueAt: Date;
      try {
        dueAt = this.holidays.calendar().endOfDay(dto.dueDate);
      } catch {
        throw AppException.field('VALIDATION_FAILED', 'dueDate', 'isDate', 'dueDate is not a real date');
      }
      if (!Number.isFinite(dueAt.getTime())) throw AppException.field('VALIDATION_FAILED', 'dueDate', 'isDate', 'dueDate is not a real date');
      if (dueAt <= now) throw AppException.field('VALIDATION_FAILED', 'dueDate', 'future', 'The deadline must be in the future');
      if (dueAt.getTime() - now.getTime() > (CONFIRMATION_LIMITS.supplementMaxDays + 1) * 86400_000) {
        throw AppException.field('VALIDATION_FAILED', 'dueDate', 'max', `The deadline may be at most ${CONFIRMATION_LIMITS.supplementMaxDays} days ahead`);
      }
      const s = await manager.getRepository(ConfirmationSupplement).save({ applicationId: app.id, caseId: c.id, text: dto.text, dueAt, requestedById: userId, documentIds: [] });
      await this.lifecycle.runIn(manager, {
        caseId: c.id, version: null, userId, actor: role, event: 'confirmation_supplement_requested',
        data: { applicationId: app.id, supplementId: s.id, text: dto.text, dueAt: dueAt.toISOString(), courtName: await this.courtName(manager, app) },
        notify: ['applicant', 'respondent', 'agent'],
      });
    });
  }

  courtMessage(userId: string, applicationId: string, body: string) {
    return this.courtStep(userId, applicationId, async (manager, { app, c, user, now }) => {
      this.requireStatus(app, OPEN, 'The application is no longer pending');
      const court = await this.courtName(manager, app);
      await manager.getRepository(ConfirmationMessage).insert({ applicationId: app.id, authorId: userId, authorRole: 'court', authorName: `${court} ${user.name}`, body, createdAt: now });
      const recipients = await this.notifier.recipients(manager, c, ['applicant', 'respondent', 'agent']);
      await this.notifier.queue(manager, { caseId: c.id, eventId: null, dedupBase: `confirmation:message:${app.id}:${now.getTime()}`, template: 'confirmation_message', params: { caseNumber: c.number, courtName: court }, recipients });
    });
  }

  /** R34: a valid ruling. Renders the 民事裁定书; the agreement becomes enforceable. */
  confirm(userId: string, applicationId: string, version: number | null) {
    let storedKey: string | null = null;
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, user, now }) => {
      this.requireJudge(role, 'rule');
      this.requireStatus(app, ['accepted'], app.status === 'submitted' ? 'Accept the application before ruling' : `The application is ${app.status}`);
      // The court row is locked so two rulings of one court at the same moment get consecutive numbers.
      const court = await manager.getRepository(Court).findOneOrFail({ where: { id: app.courtId }, lock: { mode: 'pessimistic_write' } });
      const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
      const [{ n }] = await manager.query(
        `SELECT COUNT(*)::int AS n FROM confirmation_application WHERE court_id = $1 AND ruling_number IS NOT NULL AND ruling_number LIKE $2`,
        [court.id, `(${year})%`],
      );
      const number = rulingNumber(year, court.region, Number(n) + 1);
      const verificationCode = randomToken(9).replace(/[^A-Za-z0-9]/g, 'X').slice(0, 12).toUpperCase();
      const parties = await manager.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { position: 'ASC' } });
      const agreement = await manager.getRepository(Agreement).findOneByOrFail({ id: app.agreementId });
      const obligations = await manager.getRepository(Obligation).find({ where: { agreementId: agreement.id }, order: { seq: 'ASC' } });
      const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
      const pdf = await renderRulingPdf({
        court, number, parties, agreement, obligations, organisationName: org?.name ?? null, submittedAt: app.submittedAt!, judgeName: user.name, ruledAt: now,
        verificationCode, verifyUrl: `${this.config.publicUrl}/verify?code=${verificationCode}`,
      });
      storedKey = await this.storage.put(pdf.buffer);
      const data: ConfirmationGrantedData = { applicationId: app.id, rulingNumber: number, courtId: court.id, courtName: court.name, ruledAt: now.toISOString() };
      try {
        await this.lifecycle.runIn(manager, {
          caseId: c.id, version, userId, actor: 'judge', action: 'confirm', event: 'confirmation_granted',
          data: { ...data },
          notify: ['applicant', 'respondent', 'agent', 'mediator'],
          mutate: async (_row, m) => {
            await m.getRepository(ConfirmationApplication).update({ id: app.id }, {
              status: 'confirmed', ruledAt: now, judgeId: userId, judgeName: user.name, rulingNumber: number,
              rulingPdfKey: storedKey, rulingPdfSha256: pdf.sha256, verificationCode,
            });
          },
        });
      } catch (e) {
        await this.storage.delete(storedKey).catch(() => undefined);
        throw e;
      }
    });
  }

  /** R34: a rejection with grounds; the parties may amend, make a new agreement, or go to court. */
  reject(userId: string, applicationId: string, dto: { reasonCode: RejectionGround; reasonNote?: string }, version: number | null) {
    return this.courtStep(userId, applicationId, async (manager, { app, role, c, user, now }) => {
      this.requireJudge(role, 'rule');
      this.requireStatus(app, ['accepted'], app.status === 'submitted' ? 'Accept the application before ruling' : `The application is ${app.status}`);
      await this.lifecycle.runIn(manager, {
        caseId: c.id, version, userId, actor: 'judge', action: 'reject_confirmation', event: 'confirmation_rejected',
        context: { reasonCode: dto.reasonCode, reasonNote: dto.reasonNote },
        data: { applicationId: app.id, reasonCode: dto.reasonCode, reasonNote: dto.reasonNote ?? null, courtName: await this.courtName(manager, app), routes: ['amend', 'new_agreement', 'court'] },
        notify: ['applicant', 'respondent', 'agent', 'mediator'],
        mutate: async (row, m) => {
          row.reasonNote = dto.reasonNote ?? null;
          await m.getRepository(ConfirmationApplication).update({ id: app.id }, { status: 'rejected', ruledAt: now, judgeId: userId, judgeName: user.name, rejectionGround: dto.reasonCode, rejectionNote: dto.reasonNote ?? null });
        },
      });
    });
  }

  private async courtName(manager: EntityManager, app: ConfirmationApplication) {
    return (await manager.getRepository(Court).findOne({ where: { id: app.courtId } }))?.name ?? '';
  }

  /** Tells the judges and clerks of the application's court (they are not case members). */
  private async notifyCourt(manager: EntityManager, c: MediationCase, app: ConfirmationApplication, template: string, params: Record<string, unknown>) {
    const ms = await manager.getRepository(Membership).find({ where: { courtId: app.courtId, role: In(['judge', 'clerk']) } });
    const users = ms.length ? await manager.getRepository(User).find({ where: { id: In(ms.map((m) => m.userId)) } }) : [];
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


/** R33: a request whose deadline passed without materials, not yet decided by the judge. */
function awaitsDecision(s: ConfirmationSupplement, now: Date): boolean {
  return !s.decision && !s.fulfilledAt && s.dueAt < now;
}

function answerField(code: string): keyof ExclusionAnswers | string {
  return code === 'personal_status' ? 'personalStatus' : code === 'special_procedure' ? 'specialProcedure' : code === 'title_dispute' ? 'titleDispute' : code;
}
