import type { CreateCourtCaseRequest } from '@tiaojie/contracts';
import { call } from '../../../lib/api';

/** R21: the cases the viewer's court brought (judges and clerks). */
export const fetchCourtCases = () => call('GET /api/court/cases');

/** R21: bring a delegated (委派) or entrusted (委托) case to an organisation. */
export const createCourtCase = (body: CreateCourtCaseRequest) => call('POST /api/court/cases', { body });
