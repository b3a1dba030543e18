import type { ConfirmationApplicationView, CourtProposal, ExclusionAnswers, OrganisationFeesView, PackageItemView } from '@tiaojie/contracts';
import { competentCourts, maskMobile, mayListDocument, packageGaps, type CaseAudience, type CourtRoute } from '@tiaojie/domain';
import { EntityManager, In } from 'typeorm';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { CaseDocument } from '../documents/case-document.entity';
import { Court } from '../organisations/court.entity';
import { Organisation } from '../organisations/organisation.entity';
import type { Agreement } from '../cases/agreement.entity';
import { ConfirmationApplication, ConfirmationMessage, ConfirmationSupplement } from '../cases/confirmation.entity';

/**
 * Judicial confirmation (R29–R35): the facts and views both sides read — the competent courts
 * (R30), the package (R31), the court's periods (R33) and an application as shown to the
 * parties and the court. No writes: used by ConfirmationService (the parties) and
 * CourtConfirmationService (the court).
 */

/** The statuses of an application before the court. */
export const OPEN = ['submitted', 'accepted'] as const;
export const isOpen = (a: ConfirmationApplication | null | undefined): a is ConfirmationApplication => !!a && (OPEN as readonly string[]).includes(a.status);

/** R30: every competent court — the parties' domiciles, the subject matter, the organisation (or only the inviting court). */
export async function routes(manager: EntityManager, c: MediationCase, parties?: CaseParty[]): Promise<CourtRoute[]> {
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
export function chosenRoute(routes: CourtRoute[], parties: CaseParty[]): CourtRoute | null {
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
export async function packageOf(manager: EntityManager, c: MediationCase, parties: CaseParty[], agreement: Agreement | null, audience: CaseAudience | null = null) {
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
    items.push({
      kind: 'contacts',
      partyId: p.id,
      partyName: p.name,
      present: missing.length === 0,
      documents: [],
      detail: `${p.mobile ? maskMobile(p.mobile) : ''}${p.address ? ` · ${p.address}` : ''}`,
      missing,
    });
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
export async function organisationFees(manager: EntityManager, c: MediationCase): Promise<OrganisationFeesView | null> {
  const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
  return org ? { organisationName: org.name, chargesFees: org.chargesFees, feeSchedule: org.chargesFees ? org.feeSchedule : '' } : null;
}

export function latestApplication(manager: EntityManager, caseId: string) {
  return manager.getRepository(ConfirmationApplication).findOne({ where: { caseId }, order: { createdAt: 'DESC' } });
}

export function proposalView(r: CourtRoute): CourtProposal {
  return { courtId: r.court.id, courtName: r.court.name, basis: r.basis, region: r.region };
}

export function courtDeadlines(a: ConfirmationApplication, now: Date) {
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

export async function applicationView(manager: EntityManager, a: ConfirmationApplication, parties: CaseParty[], base: string, now: Date): Promise<ConfirmationApplicationView> {
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
    deadlines: courtDeadlines(a, now),
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
    refusal:
      a.refusedAt && a.refusalGround
        ? { ground: a.refusalGround, note: a.refusalNote, judgeName: a.judgeName ?? '', refusedAt: a.refusedAt.toISOString(), withinPeriod: !!a.acceptBy && a.refusedAt <= a.acceptBy }
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
export async function courtName(manager: EntityManager, app: ConfirmationApplication) {
  return (await manager.getRepository(Court).findOne({ where: { id: app.courtId } }))?.name ?? '';
}

/** R33: a request whose deadline passed without materials, not yet decided by the judge. */
export function awaitsDecision(s: ConfirmationSupplement, now: Date): boolean {
  return !s.decision && !s.fulfilledAt && s.dueAt < now;
}

/** R32: the request field a declared exclusion answers. */
export function answerField(code: string): keyof ExclusionAnswers | string {
  return code === 'personal_status' ? 'personalStatus' : code === 'special_procedure' ? 'specialProcedure' : code === 'title_dispute' ? 'titleDispute' : code;
}
