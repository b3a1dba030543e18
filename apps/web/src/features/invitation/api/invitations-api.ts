import type { InvitationPreview, InvitationView, RequestOtpResponse } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

const path = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

/** Public: what the link alone shows — the masked number the code goes to, nothing of the dispute (R15). */
export function fetchInvitation(token: string) {
  return api<InvitationPreview>(path(token), { onUnauthenticated: 'throw' });
}

/** Public: texts a code to the invited number (the server knows it; the page never names one). */
export function requestInvitationCode(token: string) {
  return api<RequestOtpResponse>(`${path(token)}/code`, { method: 'POST', body: {}, onUnauthenticated: 'throw' });
}

/** Public: the summary (never documents), once the code sent to the invited number is given back. */
export function viewInvitation(token: string, code: string) {
  return api<InvitationView>(`${path(token)}/view`, { method: 'POST', body: { code }, onUnauthenticated: 'throw' });
}

/** The logged-in account takes up the invitation: its mobile must be the invited one. */
export function claimInvitation(token: string) {
  return api<{ caseId: string }>(`${path(token)}/claim`, { method: 'POST', body: {} });
}
