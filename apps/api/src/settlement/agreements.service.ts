import { chinaDateOf, DRAFTING_STATES, inStates } from '@tiaojie/domain';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgreementCompareView, AgreementDetailView, AgreementTemplateView, ObligationDraft } from '@tiaojie/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import type { Viewer } from '../cases/cases.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { FileStorage } from '../documents/storage';
import { MediationService } from '../mediation/mediation.service';
import { Notifier, type RecipientRole } from '../cases/notifier';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { compareSnapshots, contentHashOf, expandObligations, normaliseObligations, type AgreementSnapshot } from './agreement-content';
import { AgreementAccess } from './agreement-access';
import { templateFor } from './agreement-templates';
import { wordingOf } from './agreement-template-admin.service';
import { agreementDetail, OPEN_STATUSES, partiesOf, PENDING_STATUSES, signaturesOf } from './agreement-views';
import { Agreement, AgreementChangeRequest, AgreementRevision, AgreementSignature, Obligation } from '../cases/agreement.entity';
import type { ChangeRequestDto, SaveAgreementDto, StartSigningDto } from './dto/agreement.dto';

/** Who is told when the mediator drafts, or changes a draft being signed: the parties and their agents. */
const PARTIES_AND_AGENTS: RecipientRole[] = ['applicant', 'respondent', 'agent'];

/** The draft the client edited must be the current revision; an older one is stale (409). */
function requireRevision(a: Agreement, revision: number | undefined) {
  if (revision !== a.revision) throw AppException.field('STALE_VERSION', 'revision', 'stale', `The draft is at revision ${a.revision}; reload and try again`);
}

/**
 * Settlement agreements (R25–R28): the mediator drafts revisions, parties review them in
 * their caucus and may ask for changes, the mediator freezes one revision for signing (its
 * content hash); signing and the seal are AgreementSigningService, the public verification
 * AgreementVerificationService. With them, the only writer of agreements, revisions,
 * signatures and obligation rows (performance columns excepted).
 */
@Injectable()
export class AgreementsService {
  private readonly logger = new Logger(AgreementsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly lifecycle: CaseLifecycleService,
    private readonly notifier: Notifier,
    private readonly storage: FileStorage,
    private readonly mediation: MediationService,
    private readonly emitter: RealtimeEmitter,
    private readonly access: AgreementAccess,
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
    return a ? signaturesOf(manager, a) : [];
  }

  // ─── Reading ──────────────────────────────────────────────────────────────────────────

  /** The template for the case's dispute type, prefilled with its facts and claimed amount. */
  template(caseId: string, viewer: Viewer): Promise<AgreementTemplateView> {
    return this.access.onCase(caseId, viewer, 'agreement_template', async (manager, c, r) => {
      this.access.requireMediator(r);
      const parties = await partiesOf(manager, c.id);
      // Issue #13: the system admin's wording of the type's template, where there is one.
      const { template, content } = templateFor(c.disputeType, c.facts, await wordingOf(manager, c.disputeType));
      const applicant = parties.find((p) => p.side === 'applicant');
      const respondent = parties.find((p) => p.side === 'respondent');
      const due = new Date(this.clock.now().getTime() + 30 * 86400_000);
      const obligations: ObligationDraft[] =
        applicant && respondent
          ? [
              {
                obligorPartyId: respondent.id,
                obligeePartyId: applicant.id,
                kind: 'payment',
                description: '支付款项',
                amount: c.claimAmount ?? '',
                place: '',
                method: '银行转账',
                dueDate: chinaDateOf(due),
                plan: null,
              },
            ]
          : [];
      return { template, content, obligations, parties: parties.map((p) => ({ id: p.id, side: p.side, name: p.name })) };
    });
  }

  list(caseId: string, viewer: Viewer): Promise<AgreementDetailView[]> {
    return this.access.onCase(caseId, viewer, 'view_agreements', async (manager, c, r) => {
      const rows = await manager.getRepository(Agreement).find({ where: { caseId: c.id }, order: { seq: 'DESC' } });
      const out: AgreementDetailView[] = [];
      for (const a of rows) out.push(await agreementDetail(manager, this.clock.now(), c, a, r));
      return out;
    });
  }

  get(agreementId: string, viewer: Viewer): Promise<AgreementDetailView> {
    return this.access.onAgreement(agreementId, viewer, 'view_agreement', ({ manager, c, a, relations }) => agreementDetail(manager, this.clock.now(), c, a, relations));
  }

  compare(agreementId: string, from: number, to: number, viewer: Viewer): Promise<AgreementCompareView> {
    return this.access.onAgreement(agreementId, viewer, 'compare_agreement', async ({ manager, a }) => {
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
    return this.access.onCase(caseId, viewer, 'draft_agreement', async (manager, c, r) => {
      this.access.requireMediator(r);
      this.access.requireDraftingState(c);
      await manager.getRepository(MediationCase).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id: c.id }).getOne();
      const existing = await manager.getRepository(Agreement).find({ where: { caseId: c.id } });
      if (existing.some((x) => (PENDING_STATUSES as readonly string[]).includes(x.status))) {
        throw AppException.field('CONFLICT', 'agreement', 'open', 'An agreement of this case is already being drafted or signed');
      }
      const supersedes = c.state === 'CONFIRMATION_REJECTED' ? await this.effective(manager, c.id) : null;
      const parties = await partiesOf(manager, c.id);
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
      await this.mediatorStep(manager, c, viewer, 'agreement_drafted', { agreementId: a.id, seq: a.seq }, PARTIES_AND_AGENTS);
      return agreementDetail(manager, this.clock.now(), c, a, r);
    });
  }

  /** The mediator's step on an agreement: a timeline event through the lifecycle, in the caller's transaction (no change of state). */
  private mediatorStep(manager: EntityManager, c: MediationCase, viewer: Viewer, event: string, data: Record<string, unknown>, notify: RecipientRole[]) {
    return this.lifecycle.runIn(manager, { caseId: c.id, version: null, userId: viewer.userId, actor: 'mediator', event, data, notify });
  }

  /**
   * A new revision of the draft. Editing after signing started discards the signatures
   * collected so far and returns the agreement to draft: a signature binds to the content the
   * signer saw (R26), so it cannot carry over to changed terms; the signers are told.
   */
  save(agreementId: string, dto: SaveAgreementDto, viewer: Viewer): Promise<AgreementDetailView> {
    return this.access.onAgreement(
      agreementId,
      viewer,
      'edit_agreement',
      async ({ manager, c, a, relations }) => {
        this.access.requireMediator(relations);
        if (!(OPEN_STATUSES as readonly string[]).includes(a.status)) {
          throw AppException.field('CONFLICT', 'status', 'signed', 'A signed agreement never changes; make a new agreement instead (R26)');
        }
        this.access.requireDraftingState(c);
        requireRevision(a, dto.revision);
        const parties = await partiesOf(manager, c.id);
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
        const data = { agreementId: a.id, revision: a.revision, discardedSignatures: discarded };
        await this.mediatorStep(manager, c, viewer, wasSigning ? 'agreement_signing_reset' : 'agreement_revised', data, wasSigning ? PARTIES_AND_AGENTS : []);
        return agreementDetail(manager, this.clock.now(), c, a, relations);
      },
      true,
    );
  }

  /** Freezes the current revision for signing: its content hash is what every signature binds to (R26). */
  startSigning(agreementId: string, dto: StartSigningDto, viewer: Viewer): Promise<AgreementDetailView> {
    return this.access.onAgreement(
      agreementId,
      viewer,
      'start_signing',
      async ({ manager, c, a, relations }) => {
        this.access.requireMediator(relations);
        if (a.status !== 'draft') throw AppException.field('CONFLICT', 'status', 'notDraft', `The agreement is ${a.status}`);
        this.access.requireDraftingState(c);
        requireRevision(a, dto.revision);
        const parties = await partiesOf(manager, c.id);
        const obligations = await manager.getRepository(Obligation).count({ where: { agreementId: a.id } });
        if (obligations === 0) throw AppException.field('UNPROCESSABLE', 'obligations', 'required', 'An agreement needs at least one obligation (R25)');
        const unsignable = parties.filter((p) => !p.userId && !p.agentUserId);
        if (unsignable.length) throw AppException.field('UNPROCESSABLE', 'parties', 'noAccount', `Every party must have an account to sign: ${unsignable.map((p) => p.name).join(', ')}`);
        const rev = await manager.getRepository(AgreementRevision).findOneByOrFail({ agreementId: a.id, revision: a.revision });
        a.contentHash = contentHashOf({ agreementId: a.id, caseId: c.id, caseNumber: c.number, seq: a.seq, revision: a.revision, snapshot: rev.snapshot as unknown as AgreementSnapshot, parties });
        a.status = 'signing';
        a.signingStartedAt = this.clock.now();
        await manager.getRepository(Agreement).save(a);
        await this.mediatorStep(manager, c, viewer, 'agreement_signing_started', { agreementId: a.id, revision: a.revision }, PARTIES_AND_AGENTS);
        return agreementDetail(manager, this.clock.now(), c, a, relations);
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
    const view = await this.access.onAgreement(agreementId, viewer, 'agreement_change_request', async ({ manager, c, a, relations }) => {
      const party = relations.parties[0];
      if (!party) throw new AppException('FORBIDDEN', 'Only a party asks for changes');
      if (!(OPEN_STATUSES as readonly string[]).includes(a.status) || !inStates(DRAFTING_STATES, c.state)) {
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
      return agreementDetail(manager, this.clock.now(), c, a, relations);
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
      const { message, duplicate } = await this.mediation.send({ id: viewer.userId, name: viewer.user.name }, caucus.role, {
        channelId: caucus.channel.id,
        clientId: randomUUID(),
        body,
        kind: 'proposal',
      });
      if (!duplicate) this.emitter.toChannel(caucus.channel.id, 'message:new', message);
    } catch (err) {
      this.logger.warn({ err }, 'could not post the change request in the caucus');
    }
  }

  // ─── Copies ───────────────────────────────────────────────────────────────────────────

  /** R27: each party (and the mediator) downloads its copy of the signed agreement. */
  download(agreementId: string, viewer: Viewer): Promise<{ fileName: string; bytes: Buffer }> {
    return this.access.onAgreement(agreementId, viewer, 'download_agreement', async ({ c, a }) => {
      if (!a.pdfStorageKey) throw new AppException('NOT_FOUND', 'The agreement is not signed yet');
      return { fileName: `agreement-${c.number ?? c.id}-${a.seq}.pdf`, bytes: await this.storage.get(a.pdfStorageKey) };
    });
  }

  // ─── Helpers ──────────────────────────────────────────────────────────────────────────

  /** The DTO checked against the case (exact sums, parties, dates); every problem named by field. */
  private checked(dto: SaveAgreementDto, parties: CaseParty[]): AgreementSnapshot {
    const { obligations, errors } = normaliseObligations(
      dto.obligations,
      parties.map((p) => p.id),
    );
    if (errors.length) throw new AppException('VALIDATION_FAILED', 'Some fields are invalid', errors);
    return {
      partial: dto.partial,
      content: { facts: dto.content.facts, disputedMatters: dto.content.disputedMatters, responsibilities: dto.content.responsibilities, otherTerms: dto.content.otherTerms ?? '' },
      obligations,
    };
  }

  private async writeRevision(manager: EntityManager, a: Agreement, c: MediationCase, snapshot: AgreementSnapshot, note: string | null, userId: string) {
    await manager
      .getRepository(AgreementRevision)
      .save(manager.getRepository(AgreementRevision).create({ agreementId: a.id, revision: a.revision, snapshot: snapshot as unknown as Record<string, unknown>, note, createdById: userId }));
    await manager.getRepository(Obligation).delete({ agreementId: a.id });
    const rows = expandObligations(snapshot.obligations);
    if (rows.length) await manager.getRepository(Obligation).insert(rows.map((o) => ({ ...o, agreementId: a.id, caseId: c.id })));
  }
}
