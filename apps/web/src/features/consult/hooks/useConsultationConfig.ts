import { useQuery } from '@tanstack/react-query';
import { fetchConsultationConfig } from '../api/consultation-api';

export function useConsultationConfig() {
  return useQuery({
    queryKey: ['public', 'consultation'],
    queryFn: fetchConsultationConfig,
    staleTime: 10 * 60_000,
    retry: false,
  });
}
