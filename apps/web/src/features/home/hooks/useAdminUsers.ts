import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminUserSummary } from '@tiaojie/contracts';
import { fetchAdminUsers, setAccountDisabled } from '../api/admin-users-api';

const ADMIN_USERS_KEY = ['admin', 'users'] as const;

export function useAdminUsers() {
  return useQuery({ queryKey: ADMIN_USERS_KEY, queryFn: fetchAdminUsers });
}

export function useSetAccountDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, disabled }: { userId: string; disabled: boolean }) => setAccountDisabled(userId, { disabled }),
    onSuccess: (updated) => {
      queryClient.setQueryData<AdminUserSummary[]>(ADMIN_USERS_KEY, (users) => users?.map((user) => (user.id === updated.id ? updated : user)));
    },
  });
}
