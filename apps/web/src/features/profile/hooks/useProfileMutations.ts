import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordRequest, RealNameRequest, UpdateProfileRequest } from '@tiaojie/contracts';
import { setSessionUser } from '../../../lib/session';
import { changePassword, saveRealName, updateProfile } from '../api/profile-api';

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateProfileRequest) => updateProfile(request),
    onSuccess: (profile) => setSessionUser(queryClient, profile),
  });
}

export function useSaveRealName() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RealNameRequest) => saveRealName(request),
    onSuccess: (profile) => setSessionUser(queryClient, profile),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (request: ChangePasswordRequest) => changePassword(request) });
}
