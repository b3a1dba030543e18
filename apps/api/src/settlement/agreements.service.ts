import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AGREEMENT_LIMITS,
  type AgreementChangeRequestView,
  type AgreementCompareView,
  type AgreementDetailView,
  type AgreementSignatureView,
  type AgreementTemplateView,
  type AgreementVerification,
  type Locale,
  type ObligationDraft,
  type ObligationView,
  type RequestOtpResponse,
} from '@tiaojie/contracts';
import { agreementEffectRule, mayReadAgreement, mayReadChangeRequest, type Actor, type AgreementEffectRule } from '@tiaojie/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { OtpService, type OtpPolicy } from '../accounts/otp.service';
import { User } from '../accounts/user.entity';
import { audienceOf, type CaseRelations } from '../cases/case-access';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CasesService, type Viewer } from '../cases/cases.service';
import { AppException, notFound } from '../common/app-exception';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { FileStorage } from '../documents/storage';
import { MediationService } from '../mediation/mediation.service';
import { Notifier } from '../notifications/notifier';
import { Organisation } from '../organisations/organisation.entity';
import { Court } from '../organisations/court.entity';
import { ConfirmationApplication } from '../confirmation/confirmation.entity';
import { sha256Hex } from '../pdf/pdf-renderer';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { chinaDate, compareSnapshots, contentHashOf, expandObligations, maskName, normaliseObligations, obligationViewFields, type AgreementSnapshot } from './agreement-content';
import { isOverdue } from '../performance/performance-rules';
import { renderAgreementPdf } from './agreement-pdf';
import { templateFor } from './agreement-templates';
import { Agreement, AgreementChangeRequest, AgreementRevision, AgreementSignature, Obligation } from './agreement.entity';
import type { ChangeRequestDto, SaveAgreementDto, SignAgreementDto, StartSigningDto } from './dto/agreement.dto';

/** Case states in which an agreement can be drafted and signed: mediating, or after a rejection (R34: amend or make a new one). */
const DRAFTING_STATES = ['MEDIATING', 'CONFIRMATION_REJECTED'];
const OPEN_STATUSES = ['draft', 'signing'] as const;
/** Statuses that block a second agreement on the case: open ones, and one signed but not yet sealed (R26). */
const PENDING_STATUSES = [...OPEN_STATUSES, 'awaiting_seal'] as const;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** R26: the signing code has its own purpose, a longer life and fewer guesses than a login code, and says what it signs. */
const SIGNING_OTP: OtpPolicy = {
  ttlSeconds: AGREEMENT_LIMITS.signingOtpTtlSeconds,
  maxAttempts: AGREEMENT_LIMITS.signingOtpMaxAttempts,
  text: {
    'zh-CN': (sig, code, minutes) => `【${sig}】您正在签署调解协议，验证码${code}，${minutes}分钟内有效。请勿告诉他人。`,
    en: (sig, code, minutes) => `[${sig}] ${code} is your code to sign the settlement agreement, valid ${minutes} min. Do not share it.`,
  },
};

interface Loaded {
  manager: EntityManager;
  c: MediationCase;
  a: Agreement;
  relations: CaseRelations;
  deny: () => never;
}

/**
 * Settlement agreements (R25–R28): the mediator drafts revisions, parties review them in
 * their caucus and may ask for changes, the mediator freezes one revision for signing (its
 * content hash), every party and the mediator sign with a one-time SMS code and a drawn
 * signature, and the last signature seals it, renders the PDF and settles the case in the
 * same transaction. The only writer of agreements, revisions, signatures and obligation rows
 * (performance columns excepted).
 */
@Injectable()
export class AgreementsService {
  private readonly logger = new Logger(AgreementsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly cases: CasesService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly notifier: Notifier,
    private readonly otp: OtpService,
    private readonly storage: FileStorage,
    private readonly mediation: MediationService,
    private readonly emitter: RealtimeEmitter,
  ) {}

  // ─── For other modules ────────────────────────────────────────────────────────────────

  /** The agreement in effect on a case (the newest effective one), or null. */
  effective(manager: EntityManager, caseId: string): Promise<Agreement | null> {
    return manager.getRepository(Agreement).findOne({ where: { caseId, status: 'effective' }, order: { seq: 'DESC' } });
  }

  /** The stored signed PDF of an effective (or superseded) agreement. */
  async pdf(agreementId: string): Promise<Buffer> {
    const a = await this.db.getRepository(Agreement).findOne({ where: { id: agreementId } });
    if (!a?.pdfStorageKey) throw new AppException('NOT_FOUND', 'No signed agreement');
    return this.storage.get(a.pdfStorageKey);
  }

  /** The signatures that made the agreement effective (those on its frozen revision and hash). */
  async signatures(agreementId: string, manager: EntityManager = this.db.manager): Promise<AgreementSignature[]> {
    const a = await manager.getRepository(Agreement).findOne({ where: { id: agreementId } });
    if (!a?.contentHash) return [];
    return manager.getRepository(AgreementSignature).find({ where: { agreementId, revision: a.revision, contentHash: a.contentHash }, order: { signedAt: 'ASC' } });
  }

  // ─── Access ───────────────────────────────────────────────────────────────────────────

  /** The domain's one rule: parties (own account or agent), the case's mediators and its organisation's admins; anyone else: 404 (R19-logged). */
  private mayRead(r: CaseRelations) {
    return mayReadAgreement(audienceOf(r));
  }

  private onCase<T>(caseId: string, viewer: Viewer, action: string, work: (manager: EntityManager, c: MediationCase, r: CaseRelations) => Promise<T>, targetId: string | null = null) {
    return this.cases.withAccess(caseId, viewer, action, targetId, async (manager, c, relations, { deny }) => {
      if (!this.mayRead(relations)) deny();
      return work(manager, c, relations);
    });
  }

  private async onAgreement<T>(agreementId: string, viewer: Viewer, action: string, work: (l: Loaded) => Promise<T>, lock = false): Promise<T> {
    const found = await this.db.getRepository(Agreement).findOne({ where: { id: agreementId }, select: { id: true, caseId: true } });
    // A missing agreement and one of a case the viewer may not read answer alike.
    if (!found) throw notFound();
    return this.cases.withAccess(found.caseId, viewer, action, agreementId, async (manager, c, relations, { deny }) => {
      if (!this.mayRead(relations)) deny();
      const qb = manager.getRepository(Agreement).createQueryBuilder('a').where('a.id = :id', { id: agreementId });
      if (lock) qb.setLock('pessimistic_write');
      const a = await qb.getOneOrFail();
      return work({ manager, c, a, relations, deny });
    });
  }

  private requireMediator(r: CaseRelations) {
    if (!r.isActiveMediator) throw new AppException('FORBIDDEN', 'Only the mediator of the case drafts the agreement');
  }

  private requireDraftingState(c: MediationCase) {
    if (!DRAFTING_STATES.includes(c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
  }

  // ─── Reading ──────────────────────────────────────────────────────────────────────────

  /** The template for the case's dispute type, prefilled with its facts and claimed amount. */
  template(caseId: string, viewer: Viewer): Promise<AgreementTemplateView> {
    return this.onCase(caseId, viewer, 'agreement_template', async (manager, c, r) => {
      this.requireMediator(r);
      const parties = await this.partiesOf(manager, c.id);
      const { template, content } = templateFor(c.disputeType, c.facts);
      const applicant = parties.find((p) => p.side === 'applicant');
      const respondent = parties.find((p) => p.side === 'respondent');
      const due = new Date(this.clock.now().getTime() + 30 * 86400_000);
      const obligations: ObligationDraft[] =
        applicant && respondent
          ? [{ obligorPartyId: respondent.id, obligeePartyId: applicant.id, kind: 'payment', description: '支付款项', amount: c.claimAmount ?? '', place: '', method: '银行转账', dueDate: chinaDate(due), plan: null }]
          : [];
      return { template, content, obligations, parties: parties.map((p) => ({ id: p.id, side: p.side, name: p.name })) };
    });
  }

  list(caseId: string, viewer: Viewer): Promise<AgreementDetailView[]> {
    return this.onCase(caseId, viewer, 'view_agreements', async (manager, c, r) => {
      const rows = await manager.getRepository(Agreement).find({ where: { caseId: c.id }, order: { seq: 'DESC' } });
      const out: AgreementDetailView[] = [];
      for (const a of rows) out.push(await this.detail(manager, c, a, r, viewer.userId));
      return out;
    });
  }

  get(agreementId: string, viewer: Viewer): Promise<AgreementDetailView> {
    return this.onAgreement(agreementId, viewer, 'view_agreement', ({ manager, c, a, relations }) => this.detail(manager, c, a, relations, viewer.userId));
  }

  compare(agreementId: string, from: number, to: number, viewer: Viewer): Promise<AgreementCompareView> {
    return this.onAgreement(agreementId, viewer, 'compare_agreement', async ({ manager, a }) => {
      const revs = await manager.getRepository(AgreementRevision).find({ where: { agreementId: a.id, revision: In([from, to]) } });
      const before = revs.find((x) => x.revision === from);
      const after = revs.find((x) => x.revision === to);
      if (!before) throw AppException.field('NOT_FOUND', 'from', 'revision', `No revision ${from}`);
      if (!after) throw AppException.field('NOT_FOUND', 'to', 'revision', `No revision ${to}`);
      return { from, to, changes: compareSnapshots(before.snapshot as unknown as AgreementSnapshot, after.snapshot as unknown as AgreementSnapshot) };
    });
  }

  // ─── Drafting (mediator only) ─────────────────────────────────────────────────────────

  /** A new agreement: while mediating, or after a rejection (it will supersede the effective one, R34). */
  create(caseId: string, dto: SaveAgreementDto, viewer: Viewer): Promise<AgreementDetailView> {
    return this.onCase(caseId, viewer, 'draft_agreement', async (manager, c, r) => {
      this.requireMediator(r);
      this.requireDraftingState(c);
      await manager.getRepository(MediationCase).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: c.id }).getOne();
      const existing = await manager.getRepository(Agreement).find({ where: { caseId: c.id } });
      if (existing.some((x) => (PENDING_STATUSES as readonly string[]).includes(x.status))) {
        throw AppException.field('CONFLICT', 'agreement', 'open', 'An agreement of this case is already being drafted or signed');
      }
      const supersedes = c.state === 'CONFIRMATION_REJECTED' ? await this.effective(manager, c.id) : null;
      const parties = await this.partiesOf(manager, c.id);
      const snapshot = this.checked(dto, parties);
      const a = await manager.getRepository(Agreement).save(
        manager.getRepository(Agreement).create({
          caseId: c.id,
          seq: existing.reduce((m, x) => Math.max(m, x.seq), 0) + 1,
          status: 'draft',
          revision: 1,
          partial: snapshot.partial,
          template: templateFor(c.disputeType, '').template,
          content: snapshot.content,
          supersedesId: supersedes?.id ?? null,
          createdById: viewer.userId,
        }),
      );
      await this.writeRevision(manager, a, c, snapshot, dto.note ?? null, viewer.userId);
      await this.lifecycle.runIn(manager, {
        caseId: c.id,
        version: null,
        userId: viewer.userId,
        actor: 'mediator',
        event: 'agreement_drafted',
        data: { agreementId: a.id, seq: a.seq },
        notify: ['applicant', 'respondent', 'agent'],
      });
      return this.detail(manager, c, a, r, viewer.userId);
    });
  }

  /**
   * A new revision of the draft. Editing after signing started discards the signatures
   * collected so far and returns the agreement to draft: a signature binds to the content the
   * signer saw (R26), so it cannot carry over to changed terms; the signers are told.
   */
  save(agreementId: string, dto: SaveAgreementDto, viewer: Viewer): Promise<AgreementDetailView> {
    return this.onAgreement(
      agreementId,
      viewer,
      'edit_agreement',
      async ({ manager, c, a, relations }) => {
        this.requireMediator(relations);
        if (!(OPEN_STATUSES as readonly string[]).includes(a.status)) {
          throw AppException.field('CONFLICT', 'status', 'signed', 'A signed agreement never changes; make a new agreement instead (R26)');
        }
        this.requireDraftingState(c);
        if (dto.revision !== a.revision) throw AppException.field('STALE_VERSION', 'revision', 'stale', `The draft is at revision ${a.revision}; reload and try again`);
        const parties = await this.partiesOf(manager, c.id);
        const snapshot = this.checked(dto, parties);
        const wasSigning = a.status === 'signing';
        const discarded = wasSigning ? await manager.getRepository(AgreementSignature).count({ where: { agreementId: a.id, revision: a.revision } }) : 0;
        a.revision += 1;
        a.partial = snapshot.partial;
        a.content = snapshot.content;
        a.status = 'draft';
        a.contentHash = null;
        a.signingStartedAt = null;
        await manager.getRepository(Agreement).save(a);
        await this.writeRevision(manager, a, c, snapshot, dto.note ?? null, viewer.userId);
        await manager.getRepository(AgreementChangeRequest).update({ agreementId: a.id, resolvedAt: IsNull() }, { resolvedAt: this.clock.now() });
        await this.lifecycle.runIn(manager, {
          caseId: c.id,
          version: null,
          userId: viewer.userId,
          actor: 'mediator',
          event: wasSigning ? 'agreement_signing_reset' : 'agreement_revised',
          data: { agreementId: a.id, revision: a.revision, discardedSignatures: discarded },
          notify: wasSigning ? ['applicant', 'respondent', 'agent'] : [],
        });
        return this.detail(manager, c, a, relations, viewer.userId);
      },
      true,
    );
  }

  /** Freezes the current revision for signing: its content hash is what every signature binds to (R26). */
  startSigning(agreementId: string, dto: StartSigningDto, viewer: Viewer): Promise<AgreementDetailView> {
    return this.onAgreement(
      agreementId,
      viewer,
      'start_signing',
      async ({ manager, c, a, relations }) => {
        this.requireMediator(relations);
        if (a.status !== 'draft') throw AppException.field('CONFLICT', 'status', 'notDraft', `The agreement is ${a.status}`);
        this.requireDraftingState(c);
        if (dto.revision !== a.revision) throw AppException.field('STALE_VERSION', 'revision', 'stale', `The draft is at revision ${a.revision}; reload and try again`);
        const parties = await this.partiesOf(manager, c.id);
        const obligations = await manager.getRepository(Obligation).count({ where: { agreementId: a.id } });
        if (obligations === 0) throw AppException.field('UNPROCESSABLE', 'obligations', 'required', 'An agreement needs at least one obligation (R25)');
        const unsignable = parties.filter((p) => !p.userId && !p.agentUserId);
        if (unsignable.length) throw AppException.field('UNPROCESSABLE', 'parties', 'noAccount', `Every party must have an account to sign: ${unsignable.map((p) => p.name).join(', ')}`);
        const rev = await manager.getRepository(AgreementRevision).findOneByOrFail({ agreementId: a.id, revision: a.revision });
        a.contentHash = contentHashOf({ agreementId: a.id, caseId: c.id, caseNumber: c.number, seq: a.seq, revision: a.revision, snapshot: rev.snapshot as unknown as AgreementSnapshot, parties });
        a.status = 'signing';
        a.signingStartedAt = this.clock.now();
        await manager.getRepository(Agreement).save(a);
        await this.lifecycle.runIn(manager, {
          caseId: c.id,
          version: null,
          userId: viewer.userId,
          actor: 'mediator',
          event: 'agreement_signing_started',
          data: { agreementId: a.id, revision: a.revision },
          notify: ['applicant', 'respondent', 'agent'],
        });
        return this.detail(manager, c, a, relations, viewer.userId);
      },
      true,
    );
  }

  // ─── Parties' review ──────────────────────────────────────────────────────────────────

  /**
   * A party asks for changes to a draft. It is private to that party's caucus (R15): the
   * mediator is told, nothing goes on the shared timeline; a copy is posted in the caucus.
   */
  async requestChanges(agreementId: string, dto: ChangeRequestDto, viewer: Viewer): Promise<AgreementDetailView> {
    let posted: { caseId: string; partyId: string; revision: number } | null = null;
    const view = await this.onAgreement(agreementId, viewer, 'agreement_change_request', async ({ manager, c, a, relations }) => {
      const party = relations.parties[0];
      if (!party) throw new AppException('FORBIDDEN', 'Only a party asks for changes');
      if (!(OPEN_STATUSES as readonly string[]).includes(a.status) || !DRAFTING_STATES.includes(c.state)) {
        throw AppException.field('CONFLICT', 'status', 'signed', 'A signed agreement never changes');
      }
      if (dto.revision > a.revision) throw AppException.field('VALIDATION_FAILED', 'revision', 'max', `The draft is at revision ${a.revision}`);
      await manager.getRepository(AgreementChangeRequest).insert({ agreementId: a.id, revision: dto.revision, partyId: party.id, userId: viewer.userId, text: dto.text, resolvedAt: null });
      const recipients = await this.notifier.recipients(manager, c, ['mediator']);
      await this.notifier.queue(manager, {
        caseId: c.id,
        eventId: null,
        dedupBase: `agreement_change:${a.id}:${randomUUID()}`,
        template: 'agreement_change_requested',
        params: { caseNumber: c.number, partyName: party.name, revision: dto.revision },
        recipients,
      });
      posted = { caseId: c.id, partyId: party.id, revision: dto.revision };
      return this.detail(manager, c, a, relations, viewer.userId);
    });
    if (posted) await this.postInCaucus(viewer, posted, dto.text);
    return view;
  }

  /** Best effort: the request also appears in the party's caucus, where the mediator talks with it. */
  private async postInCaucus(viewer: Viewer, at: { caseId: string; partyId: string; revision: number }, text: string) {
    try {
      const access = await this.mediation.access(viewer.userId, at.caseId);
      const caucus = access.find((x) => x.channel.kind === 'caucus' && x.channel.partyId === at.partyId && x.canSend);
      if (!caucus) return;
      const body = `【协议修改意见 · 第${at.revision}稿 / Change request on revision ${at.revision}】\n${text}`.slice(0, 4000);
      const { message, duplicate } = await this.mediation.send({ id: viewer.userId, name: viewer.user.name }, caucus.role, { channelId: caucus.channel.id, clientId: randomUUID(), body, kind: 'proposal' });
      if (!duplicate) this.emitter.toRoom(`channel:${caucus.channel.id}`, 'message:new', message);
    } catch (err) {
      this.logger.warn({ err }, 'could not post the change request in the caucus');
    }
  }

  // ─── Signing (R26) ────────────────────────────────────────────────────────────────────

  /** Sends a signing code by SMS to the signer's own registered phone. */
  async requestSigningCode(agreementId: string, viewer: Viewer): Promise<RequestOtpResponse> {
    await this.onAgreement(agreementId, viewer, 'agreement_signing_code', async ({ manager, c, a, relations }) => {
      await this.signerFor(manager, c, a, relations, viewer, undefined);
    });
    return this.otp.request(viewer.user.mobile, 'sign_agreement', viewer.user.locale as Locale, SIGNING_OTP);
  }

  /**
   * One signature: the code (checked in its own transaction so wrong guesses count), the
   * drawn image, bound to the content hash the signer saw. The last one makes the agreement
   * effective, seals it, renders and stores the PDF and settles the case — one transaction.
   */
  async sign(agreementId: string, dto: SignAgreementDto, viewer: Viewer, userAgent: string | null): Promise<AgreementDetailView> {
    const image = decodePng(dto.signaturePng);
    // Checked before the code is spent: a changed draft or a non-signer never consumes it.
    await this.onAgreement(agreementId, viewer, 'agreement_sign_check', async ({ manager, c, a, relations }) => {
      this.checkHash(a, dto.contentHash);
      await this.signerFor(manager, c, a, relations, viewer, dto.partyId);
    });
    await this.otp.verify(viewer.user.mobile, 'sign_agreement', dto.code, SIGNING_OTP);
    let storedKey: string | null = null;
    try {
      return await this.onAgreement(
        agreementId,
        viewer,
        'agreement_sign',
        async ({ manager, c, a, relations }) => {
          // Re-checked under the lock: the draft may have changed since the first check.
          this.checkHash(a, dto.contentHash);
          const signer = await this.signerFor(manager, c, a, relations, viewer, dto.partyId);
          const now = this.clock.now();
          await manager.getRepository(AgreementSignature).insert({
            agreementId: a.id,
            revision: a.revision,
            contentHash: a.contentHash!,
            signerId: viewer.userId,
            signerRole: signer.role,
            partyId: signer.party?.id ?? null,
            signerName: signer.party?.name ?? viewer.user.name,
            imagePng: image,
            signedAt: now,
            ip: viewer.ip,
            userAgent: userAgent?.slice(0, 300) ?? null,
          });
          const parties = await this.partiesOf(manager, c.id);
          const signatures = await this.signatures(a.id, manager);
          const complete = parties.every((p) => signatures.some((s) => s.partyId === p.id)) && signatures.some((s) => s.signerRole === 'mediator');
          if (!complete) {
            await this.lifecycle.runIn(manager, {
              caseId: c.id,
              version: null,
              userId: viewer.userId,
              actor: signer.actor,
              event: 'agreement_signed',
              data: { agreementId: a.id, revision: a.revision, signerName: signer.party?.name ?? viewer.user.name, signerRole: signer.role },
            });
            return this.detail(manager, c, a, relations, viewer.userId);
          }
          // R26: a people's mediation committee's agreement waits for the seal act of an authorised
          // person (PML 29); other organisation types take effect at the last party signature.
          if ((await this.effectRuleOf(manager, c)) === 'seal') {
            a.status = 'awaiting_seal';
            await manager.getRepository(Agreement).save(a);
            await this.lifecycle.runIn(manager, {
              caseId: c.id,
              version: null,
              userId: viewer.userId,
              actor: signer.actor,
              event: 'agreement_awaiting_seal',
              data: { agreementId: a.id, revision: a.revision, signerName: signer.party?.name ?? viewer.user.name, signerRole: signer.role },
              notify: ['applicant', 'respondent', 'agent', 'mediator', 'dispatcher'],
            });
            return this.detail(manager, c, a, relations, viewer.userId);
          }
          storedKey = await this.makeEffective(manager, c, a, parties, signatures, null);
          return this.detail(manager, c, a, relations, viewer.userId);
        },
        true,
      );
    } catch (e) {
      if (storedKey) await this.storage.delete(storedKey).catch(() => undefined);
      throw e;
    }
  }

  /** R26: the rule of the case's organisation type (domain table `AGREEMENT_EFFECT_BY_ORGANISATION_TYPE`). */
  private async effectRuleOf(manager: EntityManager, c: MediationCase): Promise<AgreementEffectRule> {
    const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
    return agreementEffectRule(org?.type);
  }

  /**
   * R26 (PML 29): an authorised person of the organisation — an org admin of the case's
   * organisation — applies its seal to an agreement every party and the mediator signed. The
   * agreement takes effect at that moment; the R29 window runs from it.
   */
  seal(agreementId: string, viewer: Viewer): Promise<AgreementDetailView> {
    let storedKey: string | null = null;
    return this.onAgreement(
      agreementId,
      viewer,
      'agreement_seal',
      async ({ manager, c, a, relations }) => {
        if (!relations.isOrgAdmin) throw new AppException('FORBIDDEN', "Only an authorised person of the organisation applies its seal (R26)");
        if (a.status !== 'awaiting_seal') {
          throw AppException.field('CONFLICT', 'status', 'R26_awaiting_seal', a.status === 'effective' ? 'The agreement is already sealed and in effect' : 'The agreement is not signed by everyone yet');
        }
        if (!DRAFTING_STATES.includes(c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
        const parties = await this.partiesOf(manager, c.id);
        const signatures = await this.signatures(a.id, manager);
        storedKey = await this.makeEffective(manager, c, a, parties, signatures, { id: viewer.userId, name: viewer.user.name });
        return this.detail(manager, c, a, relations, viewer.userId);
      },
      true,
    ).catch(async (e) => {
      if (storedKey) await this.storage.delete(storedKey).catch(() => undefined);
      throw e;
    });
  }

  /**
   * R26: sealed and in effect — at the seal act of `sealer` (seal rule), else at the last party
   * signature; PDF stored with its hash; the case settles (R28) or, after a rejection, is amended (R34).
   */
  private async makeEffective(manager: EntityManager, c: MediationCase, a: Agreement, parties: CaseParty[], signatures: AgreementSignature[], sealer: { id: string; name: string } | null): Promise<string> {
    const lastParty = new Date(Math.max(...signatures.filter((s) => s.signerRole === 'party').map((s) => s.signedAt.getTime())));
    const effectiveAt = sealer ? this.clock.now() : lastParty;
    const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
    const sealedByOrg = org?.name ?? '调解组织';
    const verificationCode = await this.newVerificationCode(manager);
    const obligations = await manager.getRepository(Obligation).find({ where: { agreementId: a.id }, order: { seq: 'ASC' } });
    const pdf = await renderAgreementPdf({
      caseNumber: c.number ?? '',
      seq: a.seq,
      revision: a.revision,
      partial: a.partial,
      content: a.content,
      parties,
      obligations,
      signatures,
      contentHash: a.contentHash!,
      effectiveAt,
      organisationName: sealedByOrg,
      verificationCode,
      verificationUrl: `${this.config.publicUrl}/verify?code=${verificationCode}`,
    });
    const key = await this.storage.put(pdf.buffer);
    a.status = 'effective';
    a.effectiveAt = effectiveAt;
    a.sealedByOrg = sealedByOrg;
    a.sealedAt = effectiveAt;
    a.sealedById = sealer?.id ?? null;
    a.sealedByName = sealer?.name ?? null;
    a.verificationCode = verificationCode;
    a.pdfSha256 = pdf.sha256;
    a.pdfStorageKey = key;
    await manager.getRepository(Agreement).save(a);
    if (a.supersedesId) await manager.getRepository(Agreement).update({ id: a.supersedesId, status: 'effective' }, { status: 'superseded' });
    await manager.getRepository(AgreementChangeRequest).update({ agreementId: a.id, resolvedAt: IsNull() }, { resolvedAt: this.clock.now() });
    const amending = c.state === 'CONFIRMATION_REJECTED';
    const mediatorSignature = signatures.find((s) => s.signerRole === 'mediator')!;
    await this.lifecycle.runIn(manager, {
      caseId: c.id,
      version: null,
      // The seal act is the org admin's step (R26); otherwise record_settlement is the system's
      // step at the last signature, and an amendment after a rejection the mediator's, who signed it.
      userId: sealer ? sealer.id : amending ? mediatorSignature.signerId : null,
      actor: sealer ? 'org_admin' : amending ? 'mediator' : 'system',
      action: amending ? 'amend_after_rejection' : 'record_settlement',
      event: 'agreement_effective',
      context: { agreementSignedByAll: true, agreementEffectiveAt: effectiveAt },
      data: { agreementId: a.id, seq: a.seq, verificationCode, effectiveAt: effectiveAt.toISOString(), supersedesId: a.supersedesId, sealedByName: sealer?.name ?? null },
      mutate: (row) => {
        if (!amending) row.terminationReason = 'agreement';
      },
      notify: ['applicant', 'respondent', 'agent', 'mediator'],
      notifyActor: true,
    });
    return key;
  }

  private checkHash(a: Agreement, contentHash: string) {
    if (a.status !== 'signing' || a.contentHash !== contentHash) {
      // R26: a signature binds to the content the signer saw; a changed draft refuses it.
      throw AppException.field('CONFLICT', 'contentHash', 'changed', a.status === 'effective' ? 'The agreement is already in effect' : 'The agreement changed since you read it; read it again before signing');
    }
  }

  /** Who signs, and as what: a party (own account or agent) that has not signed this hash yet, or the case's mediator. */
  private async signerFor(manager: EntityManager, c: MediationCase, a: Agreement, r: CaseRelations, viewer: Viewer, partyId: string | undefined) {
    if (!DRAFTING_STATES.includes(c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
    if (a.status !== 'signing') throw AppException.field('CONFLICT', 'status', 'notSigning', a.status === 'effective' ? 'The agreement is already in effect' : 'Signing has not started');
    const signed = await manager.getRepository(AgreementSignature).find({ where: { agreementId: a.id, revision: a.revision, contentHash: a.contentHash! } });
    const candidates = r.parties.filter((p) => !partyId || p.id === partyId);
    const unsigned = candidates.filter((p) => !signed.some((s) => s.partyId === p.id));
    if (unsigned.length) {
      const party = unsigned.find((p) => p.userId === viewer.userId) ?? unsigned[0];
      const actor: Actor = party.userId === viewer.userId ? 'citizen' : 'agent';
      return { role: 'party' as const, party, actor };
    }
    if (!partyId && r.isActiveMediator) {
      if (signed.some((s) => s.signerRole === 'mediator')) throw AppException.field('CONFLICT', 'signer', 'alreadySigned', 'The mediator has already signed');
      return { role: 'mediator' as const, party: null, actor: 'mediator' as Actor };
    }
    if (candidates.length) throw AppException.field('CONFLICT', 'signer', 'alreadySigned', 'You have already signed');
    throw new AppException('FORBIDDEN', 'Only the parties and the mediator of the case sign its agreement');
  }

  private async newVerificationCode(manager: EntityManager): Promise<string> {
    for (;;) {
      const bytes = randomBytes(12);
      const code = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
      if (!(await manager.getRepository(Agreement).exists({ where: { verificationCode: code } }))) return code;
    }
  }

  // ─── Copies and verification ──────────────────────────────────────────────────────────

  /** R27: each party (and the mediator) downloads its copy of the signed agreement. */
  download(agreementId: string, viewer: Viewer): Promise<{ fileName: string; bytes: Buffer }> {
    return this.onAgreement(agreementId, viewer, 'download_agreement', async ({ c, a }) => {
      if (!a.pdfStorageKey) throw new AppException('NOT_FOUND', 'The agreement is not signed yet');
      return { fileName: `agreement-${c.number ?? c.id}-${a.seq}.pdf`, bytes: await this.storage.get(a.pdfStorageKey) };
    });
  }

  /**
   * Public: the record behind a verification code (names masked) — an agreement's, or a court
   * ruling's (民事裁定书, whose PDF prints the same /verify address).
   */
  async verifyCode(code: string): Promise<AgreementVerification> {
    const normalised = code.trim().toUpperCase();
    if (/^[A-Z0-9]{6,16}$/.test(normalised)) {
      const a = await this.db.getRepository(Agreement).findOne({ where: { verificationCode: normalised } });
      if (a) return this.verification(a, true);
      const ruling = await this.db.getRepository(ConfirmationApplication).findOne({ where: { verificationCode: normalised } });
      if (ruling) return this.rulingVerification(ruling, true);
    }
    throw AppException.field('NOT_FOUND', 'code', 'unknown', 'No agreement or ruling has this verification code');
  }

  /** Public: does this PDF match a signed agreement's (or a ruling's) stored hash (by its code when given)? */
  async verifyPdf(bytes: Buffer, code: string | undefined): Promise<AgreementVerification> {
    const hash = sha256Hex(bytes);
    const repo = this.db.getRepository(Agreement);
    const rulings = this.db.getRepository(ConfirmationApplication);
    const wanted = code?.trim().toUpperCase();
    const a = wanted ? await repo.findOne({ where: { verificationCode: wanted } }) : await repo.findOne({ where: { pdfSha256: hash } });
    if (a) return { ...(await this.verification(a, a.pdfSha256 === hash)), uploadedSha256: hash };
    const ruling = wanted ? await rulings.findOne({ where: { verificationCode: wanted } }) : await rulings.findOne({ where: { rulingPdfSha256: hash } });
    if (ruling) return { ...(await this.rulingVerification(ruling, ruling.rulingPdfSha256 === hash)), uploadedSha256: hash };
    return { document: null, match: false, verificationCode: null, caseNumber: null, parties: [], effectiveAt: null, sealedByOrg: null, pdfSha256: null, uploadedSha256: hash, status: null };
  }

  private async verification(a: Agreement, match: boolean): Promise<AgreementVerification> {
    const c = await this.db.getRepository(MediationCase).findOneByOrFail({ id: a.caseId });
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId: a.caseId }, order: { position: 'ASC' } });
    return {
      document: 'agreement',
      match,
      verificationCode: a.verificationCode,
      caseNumber: c.number,
      parties: parties.map((p) => maskName(p.name)),
      effectiveAt: a.effectiveAt?.toISOString() ?? null,
      sealedByOrg: a.sealedByOrg,
      pdfSha256: a.pdfSha256,
      status: a.status,
    };
  }

  /** A ruling on judicial confirmation (R34): the court's seal, the ruling number and date. */
  private async rulingVerification(r: ConfirmationApplication, match: boolean): Promise<AgreementVerification> {
    const c = await this.db.getRepository(MediationCase).findOneByOrFail({ id: r.caseId });
    const parties = await this.db.getRepository(CaseParty).find({ where: { caseId: r.caseId }, order: { position: 'ASC' } });
    const court = await this.db.getRepository(Court).findOneBy({ id: r.courtId });
    return {
      document: 'ruling',
      match,
      verificationCode: r.verificationCode,
      caseNumber: c.number,
      rulingNumber: r.rulingNumber,
      parties: parties.map((p) => maskName(p.name)),
      effectiveAt: r.ruledAt?.toISOString() ?? null,
      sealedByOrg: court?.name ?? null,
      pdfSha256: r.rulingPdfSha256,
      status: null,
    };
  }

  // ─── Helpers ──────────────────────────────────────────────────────────────────────────

  private partiesOf(manager: EntityManager, caseId: string) {
    return manager.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
  }

  /** The DTO checked against the case (exact sums, parties, dates); every problem named by field. */
  private checked(dto: SaveAgreementDto, parties: CaseParty[]): AgreementSnapshot {
    const { obligations, errors } = normaliseObligations(dto.obligations, parties.map((p) => p.id));
    if (errors.length) throw new AppException('VALIDATION_FAILED', 'Some fields are invalid', errors);
    return { partial: dto.partial, content: { facts: dto.content.facts, disputedMatters: dto.content.disputedMatters, responsibilities: dto.content.responsibilities, otherTerms: dto.content.otherTerms ?? '' }, obligations };
  }

  private async writeRevision(manager: EntityManager, a: Agreement, c: MediationCase, snapshot: AgreementSnapshot, note: string | null, userId: string) {
    await manager.getRepository(AgreementRevision).save(manager.getRepository(AgreementRevision).create({ agreementId: a.id, revision: a.revision, snapshot: snapshot as unknown as Record<string, unknown>, note, createdById: userId }));
    await manager.getRepository(Obligation).delete({ agreementId: a.id });
    const rows = expandObligations(snapshot.obligations);
    if (rows.length) await manager.getRepository(Obligation).insert(rows.map((o) => ({ ...o, agreementId: a.id, caseId: c.id })));
  }

  private async detail(manager: EntityManager, c: MediationCase, a: Agreement, r: CaseRelations, viewerId: string): Promise<AgreementDetailView> {
    const parties = await this.partiesOf(manager, c.id);
    const names = new Map(parties.map((p) => [p.id, p.name]));
    const rows = await manager.getRepository(Obligation).find({ where: { agreementId: a.id }, order: { seq: 'ASC' } });
    const signatures = a.contentHash ? await manager.getRepository(AgreementSignature).find({ where: { agreementId: a.id, revision: a.revision, contentHash: a.contentHash }, order: { signedAt: 'ASC' } }) : [];
    const revisions = await manager.getRepository(AgreementRevision).find({ where: { agreementId: a.id }, order: { revision: 'ASC' } });
    const authors = new Map((await manager.getRepository(User).find({ where: { id: In([...new Set(revisions.map((x) => x.createdById))]) } })).map((u) => [u.id, u.name]));
    const current = revisions.find((x) => x.revision === a.revision);
    const ownPartyIds = r.parties.map((p) => p.id);
    const requests = await manager.getRepository(AgreementChangeRequest).find({ where: { agreementId: a.id }, order: { createdAt: 'ASC' } });
    // R15: a party's change requests are its caucus content (the domain's one rule).
    const audience = audienceOf(r);
    const visibleRequests = requests.filter((x) => mayReadChangeRequest(audience, x));
    const now = this.clock.now();
    const awaiting = a.status === 'signing' ? [...parties.filter((p) => !signatures.some((s) => s.partyId === p.id)).map((p) => p.id), ...(signatures.some((s) => s.signerRole === 'mediator') ? [] : ['mediator'])] : [];
    const open = (OPEN_STATUSES as readonly string[]).includes(a.status) && DRAFTING_STATES.includes(c.state);
    const actions: string[] = [];
    if (open && r.isActiveMediator) actions.push('edit');
    if (open && r.isActiveMediator && a.status === 'draft') actions.push('start_signing');
    if (open && ownPartyIds.length) actions.push('request_changes');
    if (open && a.status === 'signing') {
      const partyUnsigned = ownPartyIds.some((id) => awaiting.includes(id));
      if (partyUnsigned || (r.isActiveMediator && awaiting.includes('mediator'))) actions.push('sign');
    }
    if (a.status === 'awaiting_seal' && r.isOrgAdmin && DRAFTING_STATES.includes(c.state)) actions.push('seal');
    if (a.pdfStorageKey) actions.push('download');
    const obligations: ObligationView[] = rows.map((o) => ({
      ...obligationViewFields(o, (id) => names.get(id) ?? ''),
      proofUrl: null,
      // One rule for overdue everywhere (a claimed item waits for the obligee: not overdue).
      overdue: a.status === 'effective' && isOverdue(o, now),
    }));
    const signatureViews: AgreementSignatureView[] = signatures.map((s) => ({ signerRole: s.signerRole, partyId: s.partyId, signerName: s.signerName, signedAt: s.signedAt.toISOString(), revision: s.revision }));
    const changeRequests: AgreementChangeRequestView[] = visibleRequests.map((x) => ({
      id: x.id,
      revision: x.revision,
      partyId: x.partyId,
      partyName: names.get(x.partyId) ?? '',
      text: x.text,
      createdAt: x.createdAt.toISOString(),
      resolvedAt: x.resolvedAt?.toISOString() ?? null,
    }));
    void viewerId;
    return {
      id: a.id,
      caseId: a.caseId,
      caseNumber: c.number,
      seq: a.seq,
      status: a.status,
      revision: a.revision,
      partial: a.partial,
      template: a.template,
      content: a.content,
      obligations,
      drafts: ((current?.snapshot as unknown as AgreementSnapshot | undefined)?.obligations ?? []) as ObligationDraft[],
      parties: parties.map((p) => ({ id: p.id, side: p.side, name: p.name })),
      contentHash: a.contentHash,
      signatures: signatureViews,
      awaitingSignatures: awaiting,
      effectiveAt: a.effectiveAt?.toISOString() ?? null,
      sealedByOrg: a.sealedByOrg,
      effectRule: await this.effectRuleOf(manager, c),
      sealedAt: a.sealedAt?.toISOString() ?? null,
      sealedByName: a.sealedByName,
      verificationCode: a.verificationCode,
      pdfUrl: a.pdfStorageKey ? `/api/agreements/${a.id}/pdf` : null,
      pdfSha256: a.pdfSha256,
      supersedesId: a.supersedesId,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      actions,
      changeRequests,
      revisions: revisions.map((x) => ({ revision: x.revision, note: x.note, createdAt: x.createdAt.toISOString(), createdByName: authors.get(x.createdById) ?? '' })),
    };
  }
}

/** The drawn signature: a PNG (data URL or base64), within the size limit. */
function decodePng(input: string): Buffer {
  const base64 = input.startsWith('data:') ? input.replace(/^data:image\/png;base64,/, '') : input;
  const bytes = /^[A-Za-z0-9+/=\s]+$/.test(base64) ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
  if (bytes.length < PNG_MAGIC.length || !bytes.subarray(0, 8).equals(PNG_MAGIC)) {
    throw AppException.field('VALIDATION_FAILED', 'signaturePng', 'png', 'The signature must be a drawn image (PNG)');
  }
  if (bytes.length > AGREEMENT_LIMITS.signaturePngMaxBytes) throw AppException.field('VALIDATION_FAILED', 'signaturePng', 'maxSize', 'The signature image is too large');
  return bytes;
}
