import { call } from '../../../lib/api';

/** Public: what the link alone shows — the masked number the code goes to, nothing of the dispute (R15). */
export function fetchInvitation(token: string) {
  return call('GET /api/invitations/:token', { params: { token }, onUnauthenticated: 'throw' });
}

/** Public: texts a code to the invited number (the server knows it; the page never names one). */
export function requestInvitationCode(token: string) {
  return call('POST /api/invitations/:token/code', { params: { token }, body: {}, onUnauthenticated: 'throw' });
}

/** Public: the summary (never documents), once the code sent to the invited number is given back. */
export function viewInvitation(token: string, code: string) {
  return call('POST /api/invitations/:token/view', { params: { token }, body: { code }, onUnauthenticated: 'throw' });
}

/** The logged-in account takes up the invitation: its mobile must be the invited one. */
export function claimInvitation(token: string) {
  return call('POST /api/invitations/:token/claim', { params: { token }, body: {} });
}
