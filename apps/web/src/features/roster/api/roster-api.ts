import type { CredentialRequest, FollowUpResultRequest, InviteMediatorRequest, RateCaseRequest, RosterProfileChanges, ScheduleFollowUpRequest } from '@tiaojie/contracts';
import { call, upload } from '../../../lib/api';

/** The request shapes are the API's (libs/contracts/src/roster.ts). */
export type ProfileChanges = RosterProfileChanges;
export type CredentialInput = CredentialRequest;

export const rosterOrganisations = () => call('GET /api/roster/organisations');
export const fetchRoster = (orgId: string) => call('GET /api/organisations/:orgId/roster', { params: { orgId } });
export const inviteMediator = (orgId: string, body: InviteMediatorRequest) => call('POST /api/organisations/:orgId/roster', { params: { orgId }, body });
export const updateMediator = (orgId: string, userId: string, body: ProfileChanges) => call('PATCH /api/organisations/:orgId/roster/:userId', { params: { orgId, userId }, body });
export const addCredential = (orgId: string, userId: string, body: CredentialInput) => call('POST /api/organisations/:orgId/roster/:userId/credentials', { params: { orgId, userId }, body });
export const removeCredential = (orgId: string, userId: string, id: string) =>
  call('DELETE /api/organisations/:orgId/roster/:userId/credentials/:credentialId', { params: { orgId, userId, credentialId: id } });
export const changeStatus = (orgId: string, userId: string, to: 'suspend' | 'resume' | 'leave', reason?: string) =>
  call(`POST /api/organisations/:orgId/roster/:userId/${to}`, { params: { orgId, userId }, body: reason ? { reason } : {} });
export const fetchOrgRatings = (orgId: string) => call('GET /api/organisations/:orgId/ratings', { params: { orgId } });

export const fetchRatingPrompt = (caseId: string) => call('GET /api/cases/:id/rating', { params: { id: caseId } });
export const rateCase = (caseId: string, body: RateCaseRequest) => call('POST /api/cases/:id/rating', { params: { id: caseId }, body });
export const fetchMyRatings = () => call('GET /api/me/ratings');

export const fetchFollowUps = (caseId: string) => call('GET /api/cases/:id/follow-ups', { params: { id: caseId } });
export const scheduleFollowUp = (caseId: string, body: ScheduleFollowUpRequest) => call('POST /api/cases/:id/follow-ups', { params: { id: caseId }, body });
export const recordFollowUp = (caseId: string, id: string, body: FollowUpResultRequest) => call('POST /api/cases/:id/follow-ups/:followUpId/result', { params: { id: caseId, followUpId: id }, body });

/** The photo, as multipart (the server decides the type from the bytes). */
export const uploadPhoto = (orgId: string, userId: string, file: File) => upload('POST /api/organisations/:orgId/roster/:userId/photo', { params: { orgId, userId }, file });
