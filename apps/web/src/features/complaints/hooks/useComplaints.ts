import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ComplaintDetail, ComplaintScope, DecideComplaintRequest } from '@tiaojie/contracts';
import { decideComplaint, fetchCaseAccessLog, fetchComplaint, investigateComplaint, listComplaints, noteComplaint } from '../api/complaints-api';

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (scope: ComplaintScope) => ['complaints', 'list', scope] as const,
  detail: (id: string) => ['complaints', 'detail', id] as const,
  accessLog: (id: string) => ['complaints', 'access-log', id] as const,
};

export const useComplaintList = (scope: ComplaintScope) => useQuery({ queryKey: complaintKeys.list(scope), queryFn: () => listComplaints(scope) });
export const useComplaint = (id: string) => useQuery({ queryKey: complaintKeys.detail(id), queryFn: () => fetchComplaint(id) });
export const useCaseAccessLog = (id: string, enabled: boolean) => useQuery({ queryKey: complaintKeys.accessLog(id), queryFn: () => fetchCaseAccessLog(id), enabled });

/** The handler's steps: each answers with the complaint, shown at once. */
export function useComplaintStep(id: string) {
  const client = useQueryClient();
  const onSuccess = (next: ComplaintDetail) => {
    client.setQueryData(complaintKeys.detail(id), next);
    void client.invalidateQueries({ queryKey: ['complaints', 'list'] });
  };
  return {
    investigate: useMutation({ mutationFn: (note?: string) => investigateComplaint(id, note), onSuccess }),
    note: useMutation({ mutationFn: (text: string) => noteComplaint(id, text), onSuccess }),
    decide: useMutation({ mutationFn: (body: DecideComplaintRequest) => decideComplaint(id, body), onSuccess }),
  };
}
