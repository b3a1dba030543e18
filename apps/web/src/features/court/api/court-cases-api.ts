import type { CaseDetail, CourtBroughtCase, CreateCourtCaseRequest } from '@tiaojie/contracts';
import { api } from '../../../lib/api';

/** R21: the cases the viewer's court brought (judges and clerks). */
export const fetchCourtCases = () => api<CourtBroughtCase[]>('/api/court/cases');

/** R21: bring a delegated (委派) or entrusted (委托) case to an organisation. */
export const createCourtCase = (body: CreateCourtCaseRequest) => api<CaseDetail>('/api/court/cases', { method: 'POST', body });
