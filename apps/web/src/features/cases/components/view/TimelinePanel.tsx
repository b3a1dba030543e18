import { Alert } from 'antd';
import dayjs from 'dayjs';
import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../../components/ui/PageLoader';
import { Panel } from '../../../../components/ui/Panel';
import { translateError } from '../../../../lib/form-errors';
import { useTimeline } from '../../hooks/useCase';
import { eventNote, eventText } from './case-view-model';

/** The case's timeline, newest first, each event as a translated sentence. */
export function TimelinePanel({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation(['casePage', 'case']);
  const timeline = useTimeline(caseId);
  let body;
  // Its first answer renders as a transition, in slices (as the case page's, CasePage.tsx; TARGETS P5).
  const loading = useDeferredValue(timeline.isPending);
  if (loading || timeline.isPending) body = <PageLoader />;
  else if (timeline.isError) body = <Alert type="error" showIcon title={translateError(timeline.error)} />;
  else if (!timeline.data.length) body = <p className="text-secondary empty-line">{t('timeline.empty')}</p>;
  else
    body = (
      <ol className="timeline">
        {[...timeline.data].reverse().map((event) => {
          const note = eventNote(event);
          return (
            <li key={event.id} className="timeline-item" data-testid="timeline-event" data-type={event.type}>
              <time dateTime={event.createdAt} className="timeline-time">
                {dayjs(event.createdAt).format('MM-DD HH:mm')}
              </time>
              <div className="timeline-text">{eventText(event, t, (key) => i18n.exists(key))}</div>
              {note && <div className="timeline-note">{note}</div>}
            </li>
          );
        })}
      </ol>
    );
  return (
    <Panel title={t('sections.timeline')} testId="case-timeline">
      {body}
    </Panel>
  );
}
