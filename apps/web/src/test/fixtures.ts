import type { UserProfile } from '@tiaojie/contracts';
import { errorReply } from './fetch-mock';

export function profile(overrides: Partial<UserProfile> = {}): UserProfile {
  return {
    id: 'u-1',
    mobile: '13800000001',
    name: '张三',
    email: null,
    locale: 'zh-CN',
    roles: ['citizen'],
    memberships: [],
    intakeChannel: null,
    realName: null,
    idNumberMasked: null,
    realNameRecordedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** GET /api/me and the refresh both say "not logged in". */
export const anonymous = {
  'GET /api/me': errorReply(401, 'UNAUTHENTICATED', 'Not logged in'),
  'POST /api/auth/refresh': errorReply(401, 'UNAUTHENTICATED', 'Not logged in'),
};
