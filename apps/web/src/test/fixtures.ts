import type { CaseDetail, PartyView, PublicOrganisation, UserProfile } from '@tiaojie/contracts';
import { errorReply } from './fetch-mock';

export function profile(overrides: Partial<UserProfile> = {}): UserProfile {
  return {
    id: 'u-1',
    mobile: '13800000001',
    name: '张三',
    email: null,
    locale: 'zh-CN',
    roles: ['citizen'],
    memberships: [],
    intakeChannel: null,
    realName: null,
    idNumberMasked: null,
    realNameRecordedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** GET /api/me and the refresh both say "not logged in". */
export const anonymous = {
  'GET /api/me': errorReply(401, 'UNAUTHENTICATED', 'Not logged in'),
  'POST /api/auth/refresh': errorReply(401, 'UNAUTHENTICATED', 'Not logged in'),
};

export function party(overrides: Partial<PartyView> = {}): PartyView {
  return {
    id: 'p-applicant',
    side: 'applicant',
    kind: 'person',
    name: '张三',
    mobile: '13800000001',
    idNumberMasked: '110105********002X',
    address: null,
    email: null,
    linked: true,
    consent: 'given',
    consentAt: null,
    noticeSeenAt: null,
    noticeVersion: null,
    consentChannel: null,
    invitedAt: null,
    isViewer: false,
    ...overrides,
  };
}

/** A case as GET /api/cases/:id answers it; by default a complete draft seen by its applicant. */
export function caseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: 'c-1',
    number: null,
    state: 'DRAFT',
    version: 3,
    disputeType: 'private_loan',
    applicantName: '张三',
    respondentNames: ['李四'],
    organisationId: null,
    organisationName: null,
    mediatorNames: [],
    channel: 'self',
    submittedAt: null,
    updatedAt: '2026-11-23T08:00:00.000Z',
    nextDeadline: null,
    viewerRole: 'applicant',
    facts: '2025年借给李四五万元，约定一年后归还，至今未还。',
    claims: { amount: '50000.00', otherRequests: null },
    region: '330106',
    parties: [
      party({ isViewer: true, consent: 'pending' }),
      party({ id: 'p-respondent', side: 'respondent', name: '李四', mobile: '13800000002', idNumberMasked: null, linked: false, consent: 'pending' }),
    ],
    assignments: [],
    preferredMediatorId: null,
    evaluation: null,
    deadlines: [],
    actions: ['withdraw'],
    nextActions: [],
    returnReason: null,
    terminationReason: null,
    reasonNote: null,
    firstContactAt: null,
    contactSla: null,
    documents: [
      {
        id: 'd-1',
        kind: 'id_card',
        visibility: 'own_side',
        fileName: 'id.png',
        mimeType: 'image/png',
        sizeBytes: 2048,
        sha256: 'x',
        uploadedBySide: 'applicant',
        createdAt: '2026-11-23T08:00:00.000Z',
        downloadUrl: '/api/cases/c-1/documents/d-1',
      },
    ],
    limitedView: false,
    conflictCheck: null,
    mediatorChangeRequests: [],
    pendingMediatorChanges: 0,
    ...overrides,
  };
}

/** A public organisation of the filing's organisation step: a 杭州 committee taking family and neighbour disputes now. */
export function organisation(o: Partial<PublicOrganisation> & Pick<PublicOrganisation, 'id' | 'name' | 'type'>): PublicOrganisation {
  return {
    region: '330106',
    courtId: null,
    courtName: null,
    chargesFees: false,
    feeSchedule: '',
    disputeTypes: ['family_neighbour'],
    regions: ['330100'],
    takesNow: ['family_neighbour'],
    description: '',
    ...o,
  };
}
