import type { ConfirmationApplicationView, ConfirmationOverview } from '@tiaojie/contracts';

/**
 * The judicial confirmation views the web's specs render (R29–R35): the parties' overview of a
 * SETTLED case inside its window, with a complete package, and an accepted application. Each
 * spec overrides what it is about.
 */
/** Twenty days on: inside the R29 window. */
export const future = new Date(Date.now() + 20 * 86_400_000).toISOString();

export function confirmationOverview(overrides: Partial<ConfirmationOverview> = {}): ConfirmationOverview {
  return {
    caseId: 'c-1',
    caseNumber: 'TJ-2026-000009',
    caseState: 'SETTLED',
    caseVersion: 7,
    agreementId: 'a-1',
    agreementEffectiveAt: '2026-03-02T01:00:00.000Z',
    windowEndsAt: future,
    windowOpen: true,
    proposal: { courtId: 'ct-1', courtName: '杭州市西湖区人民法院', basis: 'subject_matter', region: '330106' },
    alternatives: [],
    exclusions: [],
    packageItems: [
      { kind: 'application', partyId: null, partyName: null, present: true, documents: [], detail: null },
      { kind: 'agreement', partyId: null, partyName: null, present: true, documents: [], detail: null },
      { kind: 'id_proof', partyId: 'p-1', partyName: '张三', present: true, documents: [{ id: 'd-1', fileName: 'id.png' }], detail: null },
      { kind: 'id_proof', partyId: 'p-2', partyName: '李四', present: true, documents: [{ id: 'd-2', fileName: 'id2.png' }], detail: null },
      { kind: 'property_proof', partyId: null, partyName: null, present: true, documents: [], detail: null },
    ],
    packageComplete: true,
    free: true,
    organisationFees: { organisationName: '西湖区人民调解委员会', chargesFees: false, feeSchedule: '' },
    application: null,
    actions: ['sign'],
    ownPartyIds: ['p-1'],
    editableContacts: [],
    courtChoices: [],
    chosenCourtId: null,
    ...overrides,
  };
}

export function applicationView(overrides: Partial<ConfirmationApplicationView> = {}): ConfirmationApplicationView {
  return {
    id: 'app-1',
    status: 'accepted',
    courtId: 'ct-1',
    courtName: '杭州市西湖区人民法院',
    basis: 'subject_matter',
    parties: [],
    submittedAt: '2026-03-02T02:00:00.000Z',
    deadlines: {
      acceptBy: '2026-03-05T15:59:59.999Z',
      acceptedAt: '2026-03-02T03:00:00.000Z',
      ruleBy: '2026-03-17T15:59:59.999Z',
      extended: false,
      extensionApprovedBy: null,
      extensionApprovedAt: null,
      extensionReason: null,
      overdue: false,
    },
    supplements: [],
    messages: [],
    ruling: null,
    refusal: null,
    withdrawnAt: null,
    withdrawnReason: null,
    enforceable: false,
    applicationPdfUrl: '/api/cases/c-1/confirmation/application.pdf',
    rulingPdfUrl: null,
    ...overrides,
  };
}
