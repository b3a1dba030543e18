import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CheckInCodeRequest, CheckInRequest, ScheduleSessionRequest, SessionView } from '@tiaojie/contracts';
import { checkInToSession, requestCheckInCode, consentToSession, fetchCase, fetchMediatingCases, fetchSessions, scheduleSession, shareMessage } from '../api/mediation-api';

/** Every key starts with 'cases': a live notice refreshes them (app/useSessionSocket). */
export const mediationKeys = {
  case: (id: string) => ['cases', 'mediation', 'detail', id] as const,
  sessions: (id: string) => ['cases', 'mediation', 'sessions', id] as const,
  mediating: ['cases', 'mediation', 'mediating'] as const,
};

export function useMediationCase(caseId: string) {
  return useQuery({ queryKey: mediationKeys.case(caseId), queryFn: () => fetchCase(caseId), enabled: !!caseId });
}

export function useMediatingCases(enabled: boolean) {
  return useQuery({ queryKey: mediationKeys.mediating, queryFn: fetchMediatingCases, enabled, staleTime: 60_000 });
}

export function useSessions(caseId: string, enabled = true) {
  return useQuery({ queryKey: mediationKeys.sessions(caseId), queryFn: () => fetchSessions(caseId), enabled: !!caseId && enabled });
}

function useSessionUpdate(caseId: string) {
  const queryClient = useQueryClient();
  return (session: SessionView) => {
    queryClient.setQueryData<SessionView[]>(mediationKeys.sessions(caseId), (list) => {
      const rest = (list ?? []).filter((s) => s.id !== session.id);
      return [...rest, session].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    });
  };
}

export function useScheduleSession(caseId: string) {
  const update = useSessionUpdate(caseId);
  return useMutation({ mutationFn: (request: ScheduleSessionRequest) => scheduleSession(caseId, request), onSuccess: update });
}

export function useConsentToSession(caseId: string) {
  const update = useSessionUpdate(caseId);
  return useMutation({ mutationFn: (sessionId: string) => consentToSession(sessionId), onSuccess: update });
}

export function useCheckIn(caseId: string) {
  const update = useSessionUpdate(caseId);
  return useMutation({ mutationFn: ({ sessionId, request }: { sessionId: string; request: CheckInRequest }) => checkInToSession(sessionId, request), onSuccess: update });
}

/** R14: the check-in code, by SMS to the registered mobile. */
export function useCheckInCode() {
  return useMutation({ mutationFn: ({ sessionId, request }: { sessionId: string; request: CheckInCodeRequest }) => requestCheckInCode(sessionId, request) });
}

export function useShareMessage() {
  return useMutation({ mutationFn: ({ messageId, toChannelId }: { messageId: string; toChannelId: string }) => shareMessage(messageId, toChannelId) });
}
