import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Panel } from '../../../components/ui/Panel';
import { call } from '../../../lib/api';
import '../../../locales/roster';

/** 回访 (issue #13): the staff's follow-ups due today or earlier, on the home page (nothing when none). */
export default function DueFollowUps() {
  const { t } = useTranslation('roster');
  const q = useQuery({ queryKey: ['me', 'follow-ups'], queryFn: () => call('GET /api/me/follow-ups') });
  if (!q.data?.length) return null;
  return (
    <Panel title={t('followUp.queueTitle')} testId="due-follow-ups">
      <ul className="item-list">
        {q.data.map((f) => (
          <li key={f.id} data-testid="due-follow-up">
            <Link to={`/cases/${f.caseId}`}>{t('followUp.queueCase', { number: f.caseNumber ?? '—', method: t(`followUp.methods.${f.method}`), date: dayjs(f.dueOn).format('YYYY-MM-DD') })}</Link>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
