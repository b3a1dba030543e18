import { type CheckInCodeRequest, type CheckInRequest, type DocumentView, MESSAGE_LIMITS, type ScheduleSessionRequest } from '@tiaojie/contracts';
import { call, upload } from '../../../lib/api';

/** The case, for the header and the side panel (number, parties, state). */
export function fetchCase(caseId: string) {
  return call('GET /api/cases/:id', { params: { id: caseId } });
}

/** The mediator's cases in mediation, for switching between them. */
export function fetchMediatingCases() {
  return call('GET /api/cases', { query: { scope: 'assigned', bucket: 'mediating', limit: 50 } });
}

export function fetchChannels(caseId: string) {
  return call('GET /api/cases/:id/channels', { params: { id: caseId } });
}

/** One history page before `beforeSeq` (newest last). */
export function fetchHistory(channelId: string, beforeSeq: number, limit: number = MESSAGE_LIMITS.historyPage) {
  return call('GET /api/channels/:id/messages', { params: { id: channelId }, query: { beforeSeq, limit } });
}

/** Mediator: copy one message into another channel of the case (R15, recorded in the audit log). */
export function shareMessage(messageId: string, toChannelId: string) {
  return call('POST /api/messages/:id/share', { params: { id: messageId }, body: { toChannelId } });
}

/** Mediator: open or close the joint channel. */
export function setJointOpen(caseId: string, open: boolean) {
  return call('PUT /api/cases/:id/joint', { params: { id: caseId }, body: { open } });
}

export function fetchSessions(caseId: string) {
  return call('GET /api/cases/:id/sessions', { params: { id: caseId } });
}

export function scheduleSession(caseId: string, request: ScheduleSessionRequest) {
  return call('POST /api/cases/:id/sessions', { params: { id: caseId }, body: request });
}

export function consentToSession(sessionId: string) {
  return call('POST /api/sessions/:id/consent', { params: { id: sessionId }, body: {} });
}

export function checkInToSession(sessionId: string, request: CheckInRequest) {
  return call('POST /api/sessions/:id/check-in', { params: { id: sessionId }, body: request });
}

/** R14: texts the check-in code to the registered mobile (with the ID number when none is recorded yet). */
export function requestCheckInCode(sessionId: string, request: CheckInCodeRequest) {
  return call('POST /api/sessions/:id/check-in/code', { params: { id: sessionId }, body: request });
}

export function fetchRtcConfig() {
  return call('GET /api/rtc/config');
}

/**
 * Uploads a file to attach to a message in a channel (R15: visible only to the channel's
 * members). The server sniffs the type and checks the size; the message then carries its id.
 */
export function uploadAttachment(channelId: string, file: File): Promise<DocumentView> {
  return upload('POST /api/channels/:id/attachments', { params: { id: channelId }, file });
}
