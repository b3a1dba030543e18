import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RosterMediatorView } from '@tiaojie/contracts';
import {
  addCredential,
  changeStatus,
  fetchOrgRatings,
  fetchRoster,
  inviteMediator,
  removeCredential,
  rosterOrganisations,
  updateMediator,
  uploadPhoto,
  type CredentialInput,
  type ProfileChanges,
} from '../api/roster-api';

export const rosterKeys = {
  organisations: ['roster', 'organisations'] as const,
  list: (orgId: string) => ['roster', 'list', orgId] as const,
  ratings: (orgId: string) => ['roster', 'ratings', orgId] as const,
};

export const useRosterOrganisations = () => useQuery({ queryKey: rosterKeys.organisations, queryFn: rosterOrganisations });
export const useRoster = (orgId: string | undefined) => useQuery({ queryKey: rosterKeys.list(orgId ?? ''), queryFn: () => fetchRoster(orgId ?? ''), enabled: !!orgId });
export const useOrgRatings = (orgId: string | undefined) => useQuery({ queryKey: rosterKeys.ratings(orgId ?? ''), queryFn: () => fetchOrgRatings(orgId ?? ''), enabled: !!orgId });

/** Every roster step answers with the mediator's row: it replaces the row in the list at once. */
export function useRosterSteps(orgId: string) {
  const client = useQueryClient();
  const onSuccess = (next: RosterMediatorView) => {
    client.setQueryData<RosterMediatorView[]>(rosterKeys.list(orgId), (rows) => {
      if (!rows) return [next];
      return rows.some((r) => r.userId === next.userId) ? rows.map((r) => (r.userId === next.userId ? next : r)) : [...rows, next];
    });
  };
  return {
    invite: useMutation({ mutationFn: (body: { mobile: string; name: string }) => inviteMediator(orgId, body), onSuccess }),
    update: useMutation({ mutationFn: (v: { userId: string; body: ProfileChanges }) => updateMediator(orgId, v.userId, v.body), onSuccess }),
    photo: useMutation({ mutationFn: (v: { userId: string; file: File }) => uploadPhoto(orgId, v.userId, v.file), onSuccess }),
    addCredential: useMutation({ mutationFn: (v: { userId: string; body: CredentialInput }) => addCredential(orgId, v.userId, v.body), onSuccess }),
    removeCredential: useMutation({ mutationFn: (v: { userId: string; id: string }) => removeCredential(orgId, v.userId, v.id), onSuccess }),
    status: useMutation({ mutationFn: (v: { userId: string; to: 'suspend' | 'resume' | 'leave'; reason?: string }) => changeStatus(orgId, v.userId, v.to, v.reason), onSuccess }),
  };
}
