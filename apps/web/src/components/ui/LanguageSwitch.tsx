import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@tiaojie/contracts';
import { currentLocale } from '../../lib/i18n';

/** Two languages: one button that switches to the other, labelled in the language it switches to. */
export function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => void }) {
  const { t } = useTranslation(); // re-renders on language change
  const locale = currentLocale();
  const next: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Button type="text" size="small" icon={<GlobalOutlined />} onClick={() => onChange(next)} aria-label={t('language.switchLabel')} lang={next} data-testid="language-switch" data-locale={locale}>
      {t('language.switchTo')}
    </Button>
  );
}
