import type { InvitationView } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

const path = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

/** Public: the summary a respondent sees before logging in (never documents). */
export function fetchInvitation(token: string) {
  return api<InvitationView>(path(token), { onUnauthenticated: 'throw' });
}

/** The logged-in account takes up the invitation: its mobile must be the invited one. */
export function claimInvitation(token: string) {
  return api<{ caseId: string }>(`${path(token)}/claim`, { method: 'POST', body: {} });
}
