import { Alert, Button, Empty, Input, Result, Skeleton } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../../components/ui/PageHeading';
import { isApiError } from '../../../lib/api';
import { translateError } from '../../../lib/form-errors';
import { normaliseMobileInput } from '../../../lib/form-rules';
import { useDevSms } from '../hooks/useDevSms';

export default function DevSmsPage() {
  const { t } = useTranslation('dev');
  const [params, setParams] = useSearchParams();
  const mobile = params.get('mobile') ?? undefined;
  const messages = useDevSms(mobile);

  if (messages.isError && isApiError(messages.error) && messages.error.status === 404) {
    return <Result status="404" title={t('notAvailable')} subTitle={t('notAvailableBody')} data-testid="dev-sms-unavailable" />;
  }

  let body;
  if (messages.isPending) body = <Skeleton active />;
  else if (messages.isError) body = <Alert type="error" showIcon title={translateError(messages.error)} />;
  else if (!messages.data.length) body = <Empty description={t('empty')} />;
  else
    body = (
      <ul className="org-list" data-testid="dev-sms-list">
        {messages.data.map((sms) => (
          <li key={sms.id} className="sms-item" data-testid="dev-sms-item">
            <div className="sms-item-head">
              <span>{sms.mobile}</span>
              <time dateTime={sms.createdAt}>{dayjs(sms.createdAt).format('YYYY-MM-DD HH:mm:ss')}</time>
            </div>
            <div className="sms-item-body">{sms.body}</div>
          </li>
        ))}
      </ul>
    );

  return (
    <div className="page">
      <PageHeading
        testId="dev-sms-heading"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void messages.refetch()} loading={messages.isFetching}>
            {t('refresh')}
          </Button>
        }
      >
        {t('title')}
      </PageHeading>
      <Alert type="info" title={t('intro')} />
      <Input.Search
        defaultValue={mobile}
        placeholder={t('mobileFilter')}
        aria-label={t('mobileFilter')}
        inputMode="tel"
        allowClear
        enterButton={t('search')}
        onSearch={(value) => {
          const normalised = normaliseMobileInput(value);
          setParams(normalised ? { mobile: normalised } : {}, { replace: true });
        }}
        data-testid="dev-sms-filter"
      />
      {body}
    </div>
  );
}
