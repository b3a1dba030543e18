import {
  MESSAGE_LIMITS,
  type CaseDetail,
  type CaseListResponse,
  type ChannelView,
  type CheckInCodeRequest,
  type CheckInRequest,
  type DocumentView,
  type MessageView,
  type RequestOtpResponse,
  type RtcConfig,
  type ScheduleSessionRequest,
  type SessionView,
} from '@tiaojie/contracts';
import { api, upload } from '../../../lib/api';

const id = (value: string) => encodeURIComponent(value);

/** The case, for the header and the side panel (number, parties, state). */
export function fetchCase(caseId: string) {
  return api<CaseDetail>(`/api/cases/${id(caseId)}`);
}

/** The mediator's cases in mediation, for switching between them. */
export function fetchMediatingCases() {
  return api<CaseListResponse>('/api/cases', { query: { scope: 'assigned', bucket: 'mediating', limit: 50 } });
}

export function fetchChannels(caseId: string) {
  return api<ChannelView[]>(`/api/cases/${id(caseId)}/channels`);
}

/** One history page before `beforeSeq` (newest last). */
export function fetchHistory(channelId: string, beforeSeq: number, limit: number = MESSAGE_LIMITS.historyPage) {
  return api<MessageView[]>(`/api/channels/${id(channelId)}/messages`, { query: { beforeSeq, limit } });
}

/** Mediator: copy one message into another channel of the case (R15, recorded in the audit log). */
export function shareMessage(messageId: string, toChannelId: string) {
  return api<{ message: MessageView; duplicate: boolean }>(`/api/messages/${id(messageId)}/share`, { method: 'POST', body: { toChannelId } });
}

/** Mediator: open or close the joint channel. */
export function setJointOpen(caseId: string, open: boolean) {
  return api<ChannelView>(`/api/cases/${id(caseId)}/joint`, { method: 'PUT', body: { open } });
}

export function fetchSessions(caseId: string) {
  return api<SessionView[]>(`/api/cases/${id(caseId)}/sessions`);
}

export function scheduleSession(caseId: string, request: ScheduleSessionRequest) {
  return api<SessionView>(`/api/cases/${id(caseId)}/sessions`, { method: 'POST', body: request });
}

export function consentToSession(sessionId: string) {
  return api<SessionView>(`/api/sessions/${id(sessionId)}/consent`, { method: 'POST', body: {} });
}

export function checkInToSession(sessionId: string, request: CheckInRequest) {
  return api<SessionView>(`/api/sessions/${id(sessionId)}/check-in`, { method: 'POST', body: request });
}

/** R14: texts the check-in code to the registered mobile (with the ID number when none is recorded yet). */
export function requestCheckInCode(sessionId: string, request: CheckInCodeRequest) {
  return api<RequestOtpResponse>(`/api/sessions/${id(sessionId)}/check-in/code`, { method: 'POST', body: request });
}

export function fetchRtcConfig() {
  return api<RtcConfig>('/api/rtc/config');
}

/**
 * Uploads a file to attach to a message in a channel (R15: visible only to the channel's
 * members). The server sniffs the type and checks the size; the message then carries its id.
 */
export function uploadAttachment(channelId: string, file: File): Promise<DocumentView> {
  return upload<DocumentView>(`/api/channels/${id(channelId)}/attachments`, { file });
}
