import { checkNoticeVersion, NOTICE_VERSION } from '@tiaojie/domain';
import { AppException } from '../common/app-exception';

/**
 * R02: the notice version a client says it showed. Omitted → the current one (a citizen acting
 * on their own account, with the web client that always shows the current text); an older or
 * unknown version is refused, naming `noticeVersion`, so a stale page is reloaded and read again.
 */
export function shownNoticeVersion(version: string | undefined): string {
  if (version === undefined) return NOTICE_VERSION;
  if (checkNoticeVersion(version) !== 'current') {
    throw AppException.field('VALIDATION_FAILED', 'noticeVersion', 'currentNotice', `The notice you were shown is not the current one (${NOTICE_VERSION}); read it again`);
  }
  return version;
}
