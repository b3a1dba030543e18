import type { AgreementChangeRequestView, AgreementDetailView, AgreementSignatureView, ObligationDraft, ObligationView } from '@tiaojie/contracts';
import { agreementEffectRule, type AgreementEffectRule, DRAFTING_STATES, FIXED_EFFECT_TYPES, inStates, isAgreementEffectRule, mayReadChangeRequest } from '@tiaojie/domain';
import { EntityManager, In } from 'typeorm';
import { User } from '../accounts/user.entity';
import { audienceOf, type CaseRelations } from '../cases/case-access';
import { CaseParty } from '../cases/case-party.entity';
import { MediationCase } from '../cases/case.entity';
import { Organisation } from '../organisations/organisation.entity';
import { storedSettingIn } from '../settings/settings.service';
import { obligationViewFields, type AgreementSnapshot } from './agreement-content';
import { isOverdue } from './obligation-due';
import { Agreement, AgreementChangeRequest, AgreementRevision, AgreementSignature, Obligation } from '../cases/agreement.entity';

/**
 * Settlement agreements (R25–R28): the states and reads shared by drafting (AgreementsService)
 * and signing (AgreementSigningService), and an agreement as its viewer sees it. No writes.
 */

/** Case states in which an agreement can be drafted and signed: mediating, or after a rejection (R34: amend or make a new one). */
export const OPEN_STATUSES = ['draft', 'signing'] as const;
/** Statuses that block a second agreement on the case: open ones, and one signed but not yet sealed (R26). */
export const PENDING_STATUSES = [...OPEN_STATUSES, 'awaiting_seal'] as const;

export function partiesOf(manager: EntityManager, caseId: string) {
  return manager.getRepository(CaseParty).find({ where: { caseId }, order: { position: 'ASC' } });
}

/** The signatures on the agreement's frozen revision and content hash (R26: a signature binds to what the signer saw). */
export async function signaturesOf(manager: EntityManager, a: Agreement): Promise<AgreementSignature[]> {
  if (!a.contentHash) return [];
  return manager.getRepository(AgreementSignature).find({ where: { agreementId: a.id, revision: a.revision, contentHash: a.contentHash }, order: { signedAt: 'ASC' } });
}

/**
 * R26: the rule of the case's organisation type — the system admin's setting where one was made
 * (`agreement.effect.<type>`, read in the caller's transaction), else the domain's table; the
 * people's committee's seal (PML 29) is not configurable.
 */
export async function effectRuleOf(manager: EntityManager, c: Pick<MediationCase, 'organisationId'>): Promise<AgreementEffectRule> {
  const org = c.organisationId ? await manager.getRepository(Organisation).findOne({ where: { id: c.organisationId } }) : null;
  if (!org || FIXED_EFFECT_TYPES.includes(org.type)) return agreementEffectRule(org?.type);
  const stored = await storedSettingIn(manager, `agreement.effect.${org.type}`);
  return isAgreementEffectRule(stored) ? stored : agreementEffectRule(org.type);
}

/** The agreement as the viewer sees it: its terms, signatures, the change requests it may read (R15) and its actions. */
export async function agreementDetail(manager: EntityManager, now: Date, c: MediationCase, a: Agreement, r: CaseRelations): Promise<AgreementDetailView> {
  const parties = await partiesOf(manager, c.id);
  const names = new Map(parties.map((p) => [p.id, p.name]));
  const rows = await manager.getRepository(Obligation).find({ where: { agreementId: a.id }, order: { seq: 'ASC' } });
  const signatures = await signaturesOf(manager, a);
  const revisions = await manager.getRepository(AgreementRevision).find({ where: { agreementId: a.id }, order: { revision: 'ASC' } });
  const authors = new Map((await manager.getRepository(User).find({ where: { id: In([...new Set(revisions.map((x) => x.createdById))]) } })).map((u) => [u.id, u.name]));
  const current = revisions.find((x) => x.revision === a.revision);
  const ownPartyIds = r.parties.map((p) => p.id);
  const requests = await manager.getRepository(AgreementChangeRequest).find({ where: { agreementId: a.id }, order: { createdAt: 'ASC' } });
  // R15: a party's change requests are its caucus content (the domain's one rule).
  const audience = audienceOf(r);
  const visibleRequests = requests.filter((x) => mayReadChangeRequest(audience, x));
  const awaiting =
    a.status === 'signing'
      ? [...parties.filter((p) => !signatures.some((s) => s.partyId === p.id)).map((p) => p.id), ...(signatures.some((s) => s.signerRole === 'mediator') ? [] : ['mediator'])]
      : [];
  const open = (OPEN_STATUSES as readonly string[]).includes(a.status) && inStates(DRAFTING_STATES, c.state);
  const actions: string[] = [];
  if (open && r.isActiveMediator) actions.push('edit');
  if (open && r.isActiveMediator && a.status === 'draft') actions.push('start_signing');
  if (open && ownPartyIds.length) actions.push('request_changes');
  if (open && a.status === 'signing') {
    const partyUnsigned = ownPartyIds.some((id) => awaiting.includes(id));
    if (partyUnsigned || (r.isActiveMediator && awaiting.includes('mediator'))) actions.push('sign');
  }
  if (a.status === 'awaiting_seal' && r.isOrgAdmin && inStates(DRAFTING_STATES, c.state)) actions.push('seal');
  if (a.pdfStorageKey) actions.push('download');
  const obligations: ObligationView[] = rows.map((o) => ({
    ...obligationViewFields(o, (id) => names.get(id) ?? ''),
    proofUrl: null,
    // One rule for overdue everywhere (a claimed item waits for the obligee: not overdue).
    overdue: a.status === 'effective' && isOverdue(o, now),
  }));
  const signatureViews: AgreementSignatureView[] = signatures.map((s) => ({
    signerRole: s.signerRole,
    partyId: s.partyId,
    signerName: s.signerName,
    signedAt: s.signedAt.toISOString(),
    revision: s.revision,
  }));
  const changeRequests: AgreementChangeRequestView[] = visibleRequests.map((x) => ({
    id: x.id,
    revision: x.revision,
    partyId: x.partyId,
    partyName: names.get(x.partyId) ?? '',
    text: x.text,
    createdAt: x.createdAt.toISOString(),
    resolvedAt: x.resolvedAt?.toISOString() ?? null,
  }));
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
    effectRule: await effectRuleOf(manager, c),
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
