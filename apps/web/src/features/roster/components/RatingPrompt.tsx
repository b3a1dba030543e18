import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Rate } from 'antd';
import { useTranslation } from 'react-i18next';
import { RATING_COMMENT_MAX } from '@tiaojie/domain';
import { Panel } from '../../../components/ui/Panel';
import { translateError } from '../../../lib/form-errors';
import '../../../locales/roster';
import { fetchRatingPrompt, rateCase } from '../api/roster-api';

/**
 * Issue #13: a party rates its ended case — stars and a short comment, once; then "thank you".
 * The server decides whether the viewer may (a party, mediation ended, not rated yet).
 */
export function RatingPrompt({ caseId }: { caseId: string }) {
  const { t } = useTranslation('roster');
  const client = useQueryClient();
  const key = ['cases', caseId, 'rating'];
  const prompt = useQuery({ queryKey: key, queryFn: () => fetchRatingPrompt(caseId) });
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const rate = useMutation({ mutationFn: () => rateCase(caseId, { score, comment: comment.trim() || undefined }), onSuccess: (next) => client.setQueryData(key, next) });
  const v = prompt.data;
  if (!v || (!v.canRate && !v.mine)) return null;
  if (v.mine) {
    return (
      <Panel title={t('rating.title')} testId="rating-done">
        <Alert type="success" showIcon title={t('rating.thanks')} description={t('rating.yours', { score: v.mine.score })} />
      </Panel>
    );
  }
  return (
    <Panel title={t('rating.title')} testId="rating-prompt">
      <div className="stack">
        <p>{t('rating.intro')}</p>
        <Rate value={score} onChange={setScore} aria-label={t('rating.score')} data-testid="rating-stars" />
        <Input.TextArea
          rows={3}
          maxLength={RATING_COMMENT_MAX}
          showCount
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('rating.comment')}
          aria-label={t('rating.comment')}
          data-testid="rating-comment"
        />
        <p className="text-secondary">{t('rating.commentNote')}</p>
        {rate.error && <Alert type="error" showIcon title={translateError(rate.error)} />}
        <Button type="primary" block disabled={score < 1} loading={rate.isPending} onClick={() => rate.mutate()} data-testid="rating-submit">
          {t('rating.submit')}
        </Button>
      </div>
    </Panel>
  );
}
