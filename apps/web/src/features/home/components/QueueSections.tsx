import { Button } from 'antd';
import { FileAddOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import '../../../locales/case';
import { CaseQueue } from './CaseQueue';
import { RoleSection } from '../../../components/ui/RoleSection';

/** A citizen's own cases (as applicant or respondent), drafts included, and the way to file. */
export function CitizenCases() {
  const { t } = useTranslation('home');
  const navigate = useNavigate();
  return (
    <RoleSection section="citizen" title={t('citizen.title')}>
      <div className="stack">
        <div className="button-row button-row-fill">
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/cases/new')} data-testid="file-dispute">
            {t('citizen.file')}
          </Button>
          <Button icon={<QuestionCircleOutlined />} onClick={() => navigate('/consult')} data-testid="home-consult">
            {t('citizen.consult')}
          </Button>
        </div>
        <CaseQueue query={{ scope: 'mine' }} emptyText={t('citizen.empty')} testId="my-cases" />
      </div>
    </RoleSection>
  );
}

export function AgentCases() {
  const { t } = useTranslation('home');
  return (
    <RoleSection section="agent" title={t('agent.title')}>
      <CaseQueue query={{ scope: 'mine' }} emptyText={t('agent.empty')} testId="agent-cases" />
    </RoleSection>
  );
}

/** Intake staff file for citizens (R03) and follow what they filed. */
export function IntakeCases() {
  const { t } = useTranslation('home');
  const navigate = useNavigate();
  return (
    <RoleSection section="intake" title={t('intake.title')}>
      <div className="stack">
        <Button type="primary" block icon={<FileAddOutlined />} onClick={() => navigate('/cases/new')} data-testid="file-for-citizen">
          {t('intake.file')}
        </Button>
        <CaseQueue query={{ scope: 'mine' }} emptyText={t('intake.empty')} testId="intake-cases" />
      </div>
    </RoleSection>
  );
}
