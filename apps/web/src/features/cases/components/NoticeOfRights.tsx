import { useTranslation } from 'react-i18next';
import { NOTICE_TEXT, NOTICE_VERSION } from '@tiaojie/domain';
import '../../../locales/rights';

/**
 * R02: the notice shown before mediation — rights and duties, the legal effect of an agreement
 * and of judicial confirmation, and how to use the platform. The words are the versioned text
 * of `libs/domain/src/notice.ts` (never a translation kept here), shown with their version;
 * whoever reads it ticks a box and the client sends `noticeVersion: NOTICE_VERSION`, which the
 * API records beside the time.
 */
export function NoticeOfRights({ testId = 'notice-of-rights' }: { testId?: string }) {
  const { t, i18n } = useTranslation('rights');
  const text = NOTICE_TEXT[i18n.language?.startsWith('en') ? 'en' : 'zh-CN'];
  return (
    <section className="notice" aria-labelledby={`${testId}-title`} data-testid={testId} data-version={NOTICE_VERSION} tabIndex={0}>
      <h3 className="notice-title" id={`${testId}-title`}>
        {text.title}
      </h3>
      <p className="notice-intro">{text.intro}</p>
      {text.items.map((item) => (
        <div key={item.key} className="notice-item">
          <h4>{item.title}</h4>
          <p>{item.body}</p>
        </div>
      ))}
      <p className="hint text-secondary" data-testid={`${testId}-version`}>
        {t('version', { version: NOTICE_VERSION })}
      </p>
    </section>
  );
}
