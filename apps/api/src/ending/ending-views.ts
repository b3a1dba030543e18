import type { CourtFilingView } from '@tiaojie/contracts';
import { mayListDocument, type CaseAudience } from '@tiaojie/domain';
import { EntityManager, IsNull } from 'typeorm';
import { CaseDocument } from '../documents/case-document.entity';
import { casePackagePdf, type CasePackage } from './ending-pdf';
import type { CourtFiling } from '../cases/court-filing.entity';

/**
 * R24: a filing with the case file sent on, as its viewer sees it — the parties and staff of
 * the case (EndingService) or the receiving court (CourtFilingsService). No writes.
 */

/** `audience`: the case viewer of a party's or staff's view; its materials follow the document rule (R15). */
export async function filingView(manager: EntityManager, f: CourtFiling, forCourt = false, audience: CaseAudience | null = null): Promise<CourtFilingView> {
  const p = f.package as unknown as CasePackage;
  const base = forCourt ? `/api/court/filings/${f.id}` : `/api/cases/${f.caseId}/ending`;
  // R24 lists every material for the receiving court; anyone else sees those the document
  // rule lets them see (R15: never the other side's ID proofs or own files).
  const docs = (await packageDocuments(manager, f)).filter(
    ({ entry }) => forCourt || (!!audience && mayListDocument(audience, { kind: entry.kind, uploadedBySide: entry.uploadedBySide, visibility: entry.visibility ?? 'own_side' })),
  );
  return {
    id: f.id,
    caseId: f.caseId,
    caseNumber: p.case.number,
    route: f.route,
    courtId: f.courtId,
    courtName: p.court?.name ?? null,
    status: f.status,
    disputeType: p.case.disputeType,
    applicantName: p.parties.find((x) => x.side === 'applicant')?.name ?? '',
    respondentNames: p.parties.filter((x) => x.side === 'respondent').map((x) => x.name),
    organisationName: p.case.organisation,
    claimAmount: p.case.claimAmount,
    submittedAt: f.createdAt.toISOString(),
    registeredAt: f.registeredAt?.toISOString() ?? null,
    packagePdfUrl: `${base}/package.pdf`,
    packageJsonUrl: `${base}/package.json`,
    documents: docs.map(({ entry, doc }) => ({
      id: doc?.id ?? null,
      fileName: entry.fileName,
      kind: entry.kind,
      uploadedBySide: entry.uploadedBySide,
      sizeBytes: entry.sizeBytes,
      sha256: entry.sha256,
      downloadUrl: doc ? (forCourt ? `${base}/documents/${doc.id}` : `/api/cases/${f.caseId}/documents/${doc.id}`) : null,
    })),
  };
}

/**
 * R24: the materials listed in a filing's package, each with its case document: by id, or
 * (packages made before ids were kept) by its SHA-256 within the case. Caucus attachments are
 * never listed (R15), so never found here.
 */
export async function packageDocuments(manager: EntityManager, f: CourtFiling) {
  const entries = (f.package as unknown as CasePackage).documents ?? [];
  const docs = entries.length ? await manager.getRepository(CaseDocument).find({ where: { caseId: f.caseId, channelId: IsNull() } }) : [];
  return entries.map((entry) => ({ entry, doc: docs.find((d) => (entry.id ? d.id === entry.id : d.sha256 === entry.sha256 && d.fileName === entry.fileName)) ?? null }));
}

/**
 * The stored package as `audience` may see it: the court (null) gets the whole file; a
 * party's or the filer's copy lists only the documents the domain's document rule shows
 * that viewer (R15: the other side's own files and ID proofs are not named).
 */
export async function packageBody(f: CourtFiling, format: 'pdf' | 'json', audience: CaseAudience | null = null) {
  const stored = f.package as unknown as CasePackage;
  const p: CasePackage = audience
    ? { ...stored, documents: stored.documents.filter((d) => mayListDocument(audience, { kind: d.kind, uploadedBySide: d.uploadedBySide, visibility: d.visibility ?? 'own_side' })) }
    : stored;
  const name = `case-file-${p.case.number ?? f.caseId}`;
  if (format === 'json') return { body: Buffer.from(JSON.stringify(p, null, 2)), fileName: `${name}.json` };
  return { body: (await casePackagePdf(p)).buffer, fileName: `${name}.pdf` };
}
