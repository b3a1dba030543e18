import { useMutation, useQuery } from '@tanstack/react-query';
import { claimInvitation, fetchInvitation, requestInvitationCode, viewInvitation } from '../api/invitations-api';

export function useInvitation(token: string) {
  return useQuery({ queryKey: ['public', 'invitation', token], queryFn: () => fetchInvitation(token), retry: false });
}

export function useInvitationCode(token: string) {
  return useMutation({ mutationFn: () => requestInvitationCode(token) });
}

/** The summary is kept only in this page's memory: a reload asks for a new code. */
export function useInvitationView(token: string) {
  return useMutation({ mutationFn: (code: string) => viewInvitation(token, code) });
}

export function useClaimInvitation(token: string) {
  return useMutation({ mutationFn: () => claimInvitation(token) });
}
