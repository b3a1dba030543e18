import { DRAFTING_STATES, inStates } from '@tiaojie/domain';
import { Injectable } from '@nestjs/common';
import { AGREEMENT_LIMITS, type AgreementDetailView, type Locale, type RequestOtpResponse } from '@tiaojie/contracts';
import type { Actor } from '@tiaojie/domain';
import { EntityManager, IsNull } from 'typeorm';
import { OtpService, type OtpPolicy } from '../accounts/otp.service';
import type { CaseRelations } from '../cases/case-access';
import { CaseLifecycleService } from '../cases/case-lifecycle.service';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import type { Viewer } from '../cases/cases.service';
import { AppException } from '../common/app-exception';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { FileStorage } from '../documents/storage';
import { Organisation } from '../organisations/organisation.entity';
import { renderAgreementPdf } from './agreement-pdf';
import { AgreementAccess } from './agreement-access';
import { agreementDetail, effectRuleOf, partiesOf, signaturesOf } from './agreement-views';
import { Agreement, AgreementChangeRequest, AgreementSignature, Obligation } from '../cases/agreement.entity';
import type { SignAgreementDto } from './dto/agreement.dto';
import { signingCeremony, withStoredFiles, type StoreFile } from './signing-ceremony';
import { newVerificationCode } from './verification-code';

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

/**
 * Signing a settlement agreement (R26): every party and the mediator sign the frozen revision
 * (its content hash) with a one-time SMS code and a drawn signature (the one signing ceremony,
 * `signing-ceremony.ts`); the last signature — or, for a people's mediation committee, the seal
 * act of an authorised person — makes it effective, renders the PDF and settles the case (R28)
 * in the same transaction.
 */
@Injectable()
export class AgreementSigningService {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly lifecycle: CaseLifecycleService,
    private readonly otp: OtpService,
    private readonly storage: FileStorage,
    private readonly access: AgreementAccess,
  ) {}

  /** Sends a signing code by SMS to the signer's own registered phone. */
  async requestSigningCode(agreementId: string, viewer: Viewer): Promise<RequestOtpResponse> {
    await this.access.onAgreement(agreementId, viewer, 'agreement_signing_code', async ({ manager, c, a, relations }) => {
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
    return signingCeremony(
      { otp: this.otp, storage: this.storage },
      {
        // Checked before the code is spent: a changed draft or a non-signer never consumes it.
        check: () =>
          this.access.onAgreement(agreementId, viewer, 'agreement_sign_check', async ({ manager, c, a, relations }) => {
            this.checkHash(a, dto.contentHash);
            await this.signerFor(manager, c, a, relations, viewer, dto.partyId);
          }),
        code: { mobile: viewer.user.mobile, purpose: 'sign_agreement', code: dto.code, policy: SIGNING_OTP },
        commit: (store) =>
          this.access.onAgreement(
            agreementId,
            viewer,
            'agreement_sign',
            async ({ manager, c, a, relations }) => {
              // Re-checked under the lock: the draft may have changed since the first check.
              const contentHash = this.checkHash(a, dto.contentHash);
              const signer = await this.signerFor(manager, c, a, relations, viewer, dto.partyId);
              const now = this.clock.now();
              await manager.getRepository(AgreementSignature).insert({
                agreementId: a.id,
                revision: a.revision,
                contentHash,
                signerId: viewer.userId,
                signerRole: signer.role,
                partyId: signer.party?.id ?? null,
                signerName: signer.party?.name ?? viewer.user.name,
                imagePng: image,
                signedAt: now,
                ip: viewer.ip,
                userAgent: userAgent?.slice(0, 300) ?? null,
              });
              const parties = await partiesOf(manager, c.id);
              const signatures = await signaturesOf(manager, a);
              const complete = parties.every((p) => signatures.some((s) => s.partyId === p.id)) && signatures.some((s) => s.signerRole === 'mediator');
              const signed = { agreementId: a.id, revision: a.revision, signerName: signer.party?.name ?? viewer.user.name, signerRole: signer.role };
              if (!complete) {
                await this.lifecycle.runIn(manager, { caseId: c.id, version: null, userId: viewer.userId, actor: signer.actor, event: 'agreement_signed', data: signed });
                return agreementDetail(manager, this.clock.now(), c, a, relations);
              }
              // R26: a people's mediation committee's agreement waits for the seal act of an authorised
              // person (PML 29); other organisation types take effect at the last party signature.
              if ((await effectRuleOf(manager, c)) === 'seal') {
                a.status = 'awaiting_seal';
                await manager.getRepository(Agreement).save(a);
                await this.lifecycle.runIn(manager, {
                  caseId: c.id,
                  version: null,
                  userId: viewer.userId,
                  actor: signer.actor,
                  event: 'agreement_awaiting_seal',
                  data: signed,
                  notify: ['applicant', 'respondent', 'agent', 'mediator', 'dispatcher'],
                });
                return agreementDetail(manager, this.clock.now(), c, a, relations);
              }
              await this.makeEffective(manager, store, c, a, parties, signatures, null);
              return agreementDetail(manager, this.clock.now(), c, a, relations);
            },
            true,
          ),
      },
    );
  }

  /**
   * R26 (PML 29): an authorised person of the organisation — an org admin of the case's
   * organisation — applies its seal to an agreement every party and the mediator signed. The
   * agreement takes effect at that moment; the R29 window runs from it.
   */
  seal(agreementId: string, viewer: Viewer): Promise<AgreementDetailView> {
    return withStoredFiles(this.storage, (store) =>
      this.access.onAgreement(
        agreementId,
        viewer,
        'agreement_seal',
        async ({ manager, c, a, relations }) => {
          if (!relations.isOrgAdmin) throw new AppException('FORBIDDEN', 'Only an authorised person of the organisation applies its seal (R26)');
          if (a.status !== 'awaiting_seal') {
            throw AppException.field(
              'CONFLICT',
              'status',
              'R26_awaiting_seal',
              a.status === 'effective' ? 'The agreement is already sealed and in effect' : 'The agreement is not signed by everyone yet',
            );
          }
          if (!inStates(DRAFTING_STATES, c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
          const parties = await partiesOf(manager, c.id);
          const signatures = await signaturesOf(manager, a);
          await this.makeEffective(manager, store, c, a, parties, signatures, { id: viewer.userId, name: viewer.user.name });
          return agreementDetail(manager, this.clock.now(), c, a, relations);
        },
        true,
      ),
    );
  }

  /**
   * R26: sealed and in effect — at the seal act of `sealer` (seal rule), else at the last party
   * signature; PDF stored with its hash; the case settles (R28) or, after a rejection, is amended (R34).
   */
  private async makeEffective(
    manager: EntityManager,
    store: StoreFile,
    c: MediationCase,
    a: Agreement,
    parties: CaseParty[],
    signatures: AgreementSignature[],
    sealer: { id: string; name: string } | null,
  ): Promise<void> {
    const lastParty = new Date(Math.max(...signatures.filter((s) => s.signerRole === 'party').map((s) => s.signedAt.getTime())));
    const effectiveAt = sealer ? this.clock.now() : lastParty;
    const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
    const sealedByOrg = org?.name ?? '调解组织';
    const verificationCode = await newVerificationCode(manager);
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
      contentHash: a.contentHash ?? '',
      effectiveAt,
      organisationName: sealedByOrg,
      verificationCode,
      verificationUrl: `${this.config.publicUrl}/verify?code=${verificationCode}`,
    });
    const key = await store(pdf.buffer);
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
    const mediatorSignature = signatures.find((s) => s.signerRole === 'mediator');
    await this.lifecycle.runIn(manager, {
      caseId: c.id,
      version: null,
      // The seal act is the org admin's step (R26); otherwise record_settlement is the system's
      // step at the last signature, and an amendment after a rejection the mediator's, who signed it.
      userId: sealer ? sealer.id : amending ? (mediatorSignature?.signerId ?? null) : null,
      actor: sealer ? 'org_admin' : amending ? 'mediator' : 'system',
      action: amending ? 'amend_after_rejection' : 'record_settlement',
      event: 'agreement_effective',
      context: { agreementSignedByAll: true, agreementEffectiveAt: effectiveAt },
      data: { agreementId: a.id, seq: a.seq, verificationCode, effectiveAt: effectiveAt.toISOString(), supersedesId: a.supersedesId, sealedByName: sealer?.name ?? null },
      notify: ['applicant', 'respondent', 'agent', 'mediator'],
      notifyActor: true,
    });
  }

  /** The hash the signer saw, if it is still the one being signed. */
  private checkHash(a: Agreement, contentHash: string): string {
    if (a.status !== 'signing' || a.contentHash !== contentHash) {
      // R26: a signature binds to the content the signer saw; a changed draft refuses it.
      throw AppException.field(
        'CONFLICT',
        'contentHash',
        'changed',
        a.status === 'effective' ? 'The agreement is already in effect' : 'The agreement changed since you read it; read it again before signing',
      );
    }
    return contentHash;
  }

  /** Who signs, and as what: a party (own account or agent) that has not signed this hash yet, or the case's mediator. */
  private async signerFor(manager: EntityManager, c: MediationCase, a: Agreement, r: CaseRelations, viewer: Viewer, partyId: string | undefined) {
    if (!inStates(DRAFTING_STATES, c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', `Not possible while the case is ${c.state}`);
    if (a.status !== 'signing') throw AppException.field('CONFLICT', 'status', 'notSigning', a.status === 'effective' ? 'The agreement is already in effect' : 'Signing has not started');
    const signed = await signaturesOf(manager, a);
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
