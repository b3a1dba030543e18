import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgreementVerification } from '@tiaojie/contracts';
import { DataSource } from 'typeorm';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { AppException } from '../common/app-exception';
import { ConfirmationApplication } from '../cases/confirmation.entity';
import { Court } from '../organisations/court.entity';
import { sha256Hex } from '../pdf/pdf-renderer';
import { maskName } from './agreement-content';
import { Agreement } from '../cases/agreement.entity';

/**
 * The public verification (R26: tamper-evident; R34): by the code printed on a signed agreement
 * or a ruling (`verification-code.ts`), or by uploading the PDF, whose sha-256 is checked
 * against the record. Names are masked.
 */
@Injectable()
export class AgreementVerificationService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
}
