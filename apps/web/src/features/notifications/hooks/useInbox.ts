import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InAppNotice } from '@tiaojie/contracts';
import { subscribeNotices, subscribeResync } from '../../../lib/socket';
import { fetchInbox, markNoticeRead, type Inbox } from '../api/notifications-api';

const INBOX_KEY = ['notifications', 'inbox'] as const;

/** The in-app inbox, kept current by the live `notice:new` events of the session socket. */
export function useInbox() {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: INBOX_KEY, queryFn: fetchInbox, staleTime: 60_000 });

  useEffect(
    () =>
      subscribeNotices((notice: InAppNotice) => {
        queryClient.setQueryData<Inbox>(INBOX_KEY, (inbox) => {
          if (!inbox) return inbox;
          if (inbox.items.some((item) => item.id === notice.id)) return inbox;
          return { items: [notice, ...inbox.items].slice(0, 50), unread: inbox.unread + (notice.readAt ? 0 : 1) };
        });
      }),
    [queryClient],
  );
  useEffect(() => subscribeResync(() => void queryClient.invalidateQueries({ queryKey: INBOX_KEY })), [queryClient]);
  return query;
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      await Promise.all(ids.map((id) => markNoticeRead(id)));
      return ids;
    },
    onMutate: (ids) => {
      const readAt = new Date().toISOString();
      queryClient.setQueryData<Inbox>(INBOX_KEY, (inbox) => {
        if (!inbox) return inbox;
        const newlyRead = inbox.items.filter((item) => ids.includes(item.id) && !item.readAt).length;
        return {
          items: inbox.items.map((item) => (ids.includes(item.id) && !item.readAt ? { ...item, readAt } : item)),
          unread: Math.max(0, inbox.unread - newlyRead),
        };
      });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}
