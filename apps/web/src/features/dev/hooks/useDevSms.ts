import { useQuery } from '@tanstack/react-query';
import { fetchDevSms } from '../api/dev-sms-api';

export function useDevSms(mobile: string | undefined) {
  return useQuery({
    queryKey: ['public', 'dev-sms', mobile ?? ''],
    queryFn: () => fetchDevSms(mobile),
    refetchInterval: (query) => (query.state.status === 'error' ? false : 5_000),
    retry: false,
  });
}
