import { mayListDocument, mayReadAgreement, mayReadChangeRequest, mayReadMediatorChangeRequest, timelineEventFor, type CaseAudience } from './visibility';

const nobody: CaseAudience = { partyIds: [], sides: [], limited: false, mediator: null, orgAdmin: false, orgMember: false };
const applicant: CaseAudience = { ...nobody, partyIds: ['pa'], sides: ['applicant'] };
const respondent: CaseAudience = { ...nobody, partyIds: ['pr'], sides: ['respondent'] };
const unconsented: CaseAudience = { ...respondent, limited: true };
const filer: CaseAudience = { ...nobody, sides: ['applicant'] };
const mediator: CaseAudience = { ...nobody, mediator: 'accepted' };
const pending: CaseAudience = { ...nobody, mediator: 'pending' };
const orgAdmin: CaseAudience = { ...nobody, orgAdmin: true };
const orgMember: CaseAudience = { ...nobody, orgMember: true };

describe('R15: who sees each private item of a case', () => {
  it('documents: staff all; a party its own side and what is meant for all; ID proofs never cross sides; an unconsented respondent only its own', () => {
    const own = { kind: 'other', visibility: 'own_side', uploadedBySide: 'applicant' };
    const shared = { kind: 'evidence', visibility: 'all_parties', uploadedBySide: 'applicant' };
    const idShared = { kind: 'id_card', visibility: 'all_parties', uploadedBySide: 'applicant' };
    for (const a of [mediator, pending, orgAdmin, orgMember]) expect([own, shared, idShared].every((d) => mayListDocument(a, d))).toBe(true);
    expect([own, shared, idShared].every((d) => mayListDocument(applicant, d))).toBe(true);
    expect([own, shared, idShared].every((d) => mayListDocument(filer, d))).toBe(true);
    expect([own, shared, idShared].map((d) => mayListDocument(respondent, d))).toEqual([false, true, false]);
    expect([own, shared, idShared].map((d) => mayListDocument(unconsented, d))).toEqual([false, false, false]);
    expect(mayListDocument(unconsented, { kind: 'id_card', visibility: 'own_side', uploadedBySide: 'respondent' })).toBe(true);
    expect(mayListDocument(filer, { kind: 'other', visibility: 'own_side', uploadedBySide: 'respondent' })).toBe(false);
    expect(mayListDocument(nobody, shared)).toBe(false);
  });

  it('change requests: the requesting party and the accepted mediator only', () => {
    const r = { partyId: 'pa' };
    expect([applicant, mediator, respondent, pending, orgAdmin, orgMember, filer].map((a) => mayReadChangeRequest(a, r))).toEqual([true, true, false, false, false, false, false]);
  });

  it('R10, R11: a request to change mediator or for recusal: the asking party and the organisation admin only — not the mediator concerned', () => {
    const r = { partyId: 'pa' };
    expect([applicant, mediator, respondent, pending, orgAdmin, orgMember, filer, nobody].map((a) => mayReadMediatorChangeRequest(a, r))).toEqual([
      true,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    const e = { type: 'mediator_change_requested', audience: 'organisation' as const, data: { partyId: 'pa', reasonNote: '偏袒' } };
    expect([applicant, mediator, respondent, orgAdmin, orgMember].map((a) => timelineEventFor(a, e) !== null)).toEqual([true, false, false, true, false]);
    expect(timelineEventFor(mediator, { ...e, type: 'mediator_change_granted' })).toBeNull();
  });

  it('the agreement and its papers: parties, the case’s mediators, the organisation admin', () => {
    expect([applicant, respondent, mediator, pending, orgAdmin, orgMember, filer, nobody].map(mayReadAgreement)).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('R01: a party’s own note on ending mediation is for the staff and that party; the others see the coded reason', () => {
    const ended = { type: 'mediation_ended_by_party', audience: 'case' as const, data: { partyId: 'pa', withdrawalReason: 'lost_trust', reasonNote: '不信任调解员' } };
    expect(timelineEventFor(mediator, ended)).toBe(ended);
    expect(timelineEventFor(applicant, ended)).toBe(ended);
    expect(timelineEventFor(respondent, ended)?.data).toEqual({ partyId: 'pa', withdrawalReason: 'lost_trust' });
  });

  it('timeline: contact notes are the staff’s; the contacted party sees the contact without its note; documents follow the document rule', () => {
    const contact = { type: 'contact_recorded', audience: 'case' as const, data: { partyId: 'pa', note: '他私下说', method: 'phone' } };
    expect(timelineEventFor(mediator, contact)).toBe(contact);
    expect(timelineEventFor(orgAdmin, contact)).toBe(contact);
    expect(timelineEventFor(applicant, contact)?.data).toEqual({ partyId: 'pa', method: 'phone' });
    expect(timelineEventFor(respondent, contact)).toBeNull();
    expect(timelineEventFor(filer, contact)).toBeNull();
    const upload = { type: 'document_uploaded', audience: 'case' as const, data: { kind: 'id_card', side: 'applicant', fileName: 'x.png' } };
    expect(timelineEventFor(respondent, upload)).toBeNull();
    expect(timelineEventFor(applicant, upload)).toBe(upload);
    const evidence = { ...upload, data: { ...upload.data, kind: 'evidence' } };
    expect(timelineEventFor(respondent, evidence)).toBe(evidence);
    expect(timelineEventFor(unconsented, evidence)).toBeNull();
    const internal = { type: 'assignment_declined', audience: 'organisation' as const, data: {} };
    expect(timelineEventFor(applicant, internal)).toBeNull();
    expect(timelineEventFor(orgMember, internal)).toBe(internal);
  });
});
