import { useMutation, useQuery } from '@tanstack/react-query';
import { claimInvitation, fetchInvitation } from '../api/invitations-api';

export function useInvitation(token: string) {
  return useQuery({ queryKey: ['public', 'invitation', token], queryFn: () => fetchInvitation(token), retry: false });
}

export function useClaimInvitation(token: string) {
  return useMutation({ mutationFn: () => claimInvitation(token) });
}
