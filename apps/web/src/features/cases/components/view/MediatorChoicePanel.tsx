import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Radio } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, MediatorChoiceView } from '@tiaojie/contracts';
import { MediatorProfileCard } from '../../../../components/mediators/MediatorProfileCard';
import { ApiErrorAlert } from '../../../../components/ui/ApiErrorAlert';
import { Panel } from '../../../../components/ui/Panel';
import { call } from '../../../../lib/api';
import { caseKeys } from '../../hooks/useCase';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/**
 * R07: the parties choose the mediator jointly from the organisation's roster within 2 working
 * days; the case's staff see the window and the day-3 designation deadline.
 */
export function MediatorChoicePanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('casePage');
  const client = useQueryClient();
  const key = [...caseKeys.detail(detail.id), 'mediator-choice'];
  const query = useQuery({
    queryKey: key,
    queryFn: () => call('GET /api/cases/:id/mediator-choice', { params: { id: detail.id } }),
  });
  const [picked, setPicked] = useState<string | null>(null);
  const choose = useMutation({
    mutationFn: (v: MediatorChoiceView) => call('POST /api/cases/:id/mediator-choice', { params: { id: detail.id }, body: { mediatorId: picked ?? '', version: v.caseVersion } }),
    onSuccess: (next) => {
      client.setQueryData(key, next);
      void client.invalidateQueries({ queryKey: caseKeys.detail(detail.id) });
    },
  });
  const v = query.data;
  if (!v || v.assigned) return null;
  const own = v.choices.find((c) => v.ownPartyIds.includes(c.partyId))?.mediatorId ?? null;
  return (
    <Panel title={t('mediatorChoice.title')} testId="mediator-choice">
      <p data-testid="mediator-choice-window">
        {v.open ? t('mediatorChoice.open', { date: when(v.windowEndsAt) }) : t('mediatorChoice.closed', { date: when(v.windowEndsAt) })}{' '}
        {t('mediatorChoice.designateBy', { date: when(v.designateBy) })}
      </p>
      <ul className="item-list">
        {v.choices.map((c) => (
          <li key={c.partyId} data-testid="mediator-choice-party">
            {t('mediatorChoice.of', {
              name: c.partyName,
              mediator: c.mediatorName ?? t('mediatorChoice.none'),
            })}
          </li>
        ))}
      </ul>
      {v.canChoose && (
        <div className="stack">
          <p className="text-secondary">{t('mediatorChoice.intro')}</p>
          <Radio.Group value={picked ?? own} onChange={(e) => setPicked(e.target.value as string)} aria-label={t('mediatorChoice.title')} className="mediator-choice-options">
            {v.roster.map((r) => (
              <Radio key={r.id} value={r.id} data-testid={`mediator-choice-option-${r.id}`}>
                {r.name}
                {/* R05 (issue #13): the public profile the parties choose by. */}
                <MediatorProfileCard mediatorId={r.id} />
              </Radio>
            ))}
          </Radio.Group>
          <ApiErrorAlert error={choose.error} testId="mediator-choice-error" />
          <Button type="primary" block disabled={!picked || picked === own} loading={choose.isPending} onClick={() => choose.mutate(v)} data-testid="mediator-choice-submit">
            {t('mediatorChoice.submit')}
          </Button>
        </div>
      )}
    </Panel>
  );
}
