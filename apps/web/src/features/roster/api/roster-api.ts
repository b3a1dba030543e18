import type {
  CredentialRequest,
  FollowUpResultRequest,
  FollowUpView,
  InviteMediatorRequest,
  MediatorRatingsSummary,
  OrgRatingView,
  RateCaseRequest,
  RatingPromptView,
  RosterMediatorView,
  RosterOrganisation,
  RosterProfileChanges,
  RosterStatusRequest,
  ScheduleFollowUpRequest,
} from '@tiaojie/contracts';
import { api, upload } from '../../../lib/api';

const org = (orgId: string, rest = '') => `/api/organisations/${encodeURIComponent(orgId)}${rest}`;
const member = (orgId: string, userId: string, rest = '') => org(orgId, `/roster/${encodeURIComponent(userId)}${rest}`);
const kase = (caseId: string, rest = '') => `/api/cases/${encodeURIComponent(caseId)}${rest}`;

/** The request shapes are the API's (libs/contracts/src/roster.ts). */
export type ProfileChanges = RosterProfileChanges;
export type CredentialInput = CredentialRequest;

export const rosterOrganisations = () => api<RosterOrganisation[]>('/api/roster/organisations');
export const fetchRoster = (orgId: string) => api<RosterMediatorView[]>(org(orgId, '/roster'));
export const inviteMediator = (orgId: string, body: InviteMediatorRequest) => api<RosterMediatorView>(org(orgId, '/roster'), { method: 'POST', body });
export const updateMediator = (orgId: string, userId: string, body: ProfileChanges) => api<RosterMediatorView>(member(orgId, userId), { method: 'PATCH', body });
export const addCredential = (orgId: string, userId: string, body: CredentialInput) => api<RosterMediatorView>(member(orgId, userId, '/credentials'), { method: 'POST', body });
export const removeCredential = (orgId: string, userId: string, id: string) => api<RosterMediatorView>(member(orgId, userId, `/credentials/${encodeURIComponent(id)}`), { method: 'DELETE' });
export const changeStatus = (orgId: string, userId: string, to: 'suspend' | 'resume' | 'leave', reason?: string) =>
  api<RosterMediatorView>(member(orgId, userId, `/${to}`), { method: 'POST', body: (reason ? { reason } : {}) satisfies RosterStatusRequest });
export const fetchOrgRatings = (orgId: string) => api<OrgRatingView[]>(org(orgId, '/ratings'));

export const fetchRatingPrompt = (caseId: string) => api<RatingPromptView>(kase(caseId, '/rating'));
export const rateCase = (caseId: string, body: RateCaseRequest) => api<RatingPromptView>(kase(caseId, '/rating'), { method: 'POST', body });
export const fetchMyRatings = () => api<MediatorRatingsSummary>('/api/me/ratings');

export const fetchFollowUps = (caseId: string) => api<FollowUpView[]>(kase(caseId, '/follow-ups'));
export const scheduleFollowUp = (caseId: string, body: ScheduleFollowUpRequest) => api<FollowUpView[]>(kase(caseId, '/follow-ups'), { method: 'POST', body });
export const recordFollowUp = (caseId: string, id: string, body: FollowUpResultRequest) => api<FollowUpView[]>(kase(caseId, `/follow-ups/${encodeURIComponent(id)}/result`), { method: 'POST', body });

/** The photo, as multipart (the server decides the type from the bytes). */
export const uploadPhoto = (orgId: string, userId: string, file: File) => upload<RosterMediatorView>(member(orgId, userId, '/photo'), { file });
