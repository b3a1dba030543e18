import { lazy, Suspense, useState } from 'react';
import { Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import { PageLoader } from '../../../../components/ui/PageLoader';
import { Panel } from '../../../../components/ui/Panel';
import { caseSteps } from '../../api/cases-api';
import type { useCaseStep } from '../../hooks/useCaseStep';
import type { CaseViewer } from './case-view-model';
import { PartyNotices } from './PartyNotices';

// Only mediators record contacts: their form is a chunk of its own.
const ContactForm = lazy(() => import('./ContactForm'));
const CONSENT_COLORS = { pending: 'orange', given: 'green', refused: 'red' } as const;

type CaseStep = ReturnType<typeof useCaseStep>;

/** The parties as the API shows them to this viewer (contacts masked unless the viewer may see them). */
export function PartiesPanel({ detail, viewer, step }: { detail: CaseDetail; viewer: CaseViewer; step: CaseStep }) {
  const { t } = useTranslation(['casePage', 'case']);
  const [contactWith, setContactWith] = useState<string | null>(null);
  const canContact = viewer.activeMediator && (detail.state === 'ACCEPTED' || detail.state === 'MEDIATING');
  const canResend = (viewer.activeMediator || viewer.dispatcher) && detail.state === 'ACCEPTED';

  return (
    <Panel title={t('sections.parties')} testId="case-parties">
      <ul className="item-list">
        {detail.parties.map((party) => (
          <li key={party.id} className="item" data-testid="party" data-side={party.side} data-name={party.name}>
            <div className="item-title">
              {party.name}
              <Tag color={party.side === 'applicant' ? 'blue' : 'purple'}>{t(`case:sides.${party.side}`)}</Tag>
              {party.isViewer && <Tag>{t('parties.you')}</Tag>}
              {party.side === 'respondent' && detail.state !== 'DRAFT' && (
                <Tag color={CONSENT_COLORS[party.consent]} data-testid="party-consent" data-consent={party.consent}>
                  {t(`parties.consent.${party.consent}`)}
                </Tag>
              )}
            </div>
            <div className="item-meta">
              <span data-testid="party-mobile">{party.mobile}</span>
              {party.idNumberMasked && <span>{t('parties.idNumber', { value: party.idNumberMasked })}</span>}
              {party.address && <span>{party.address}</span>}
              {party.email && <span>{party.email}</span>}
              {party.invitedAt && party.consent === 'pending' && <span>{t('parties.invited', { date: dayjs(party.invitedAt).format('MM-DD HH:mm') })}</span>}
              {/* R12: what a reached respondent answered (staff and the party only); "agreed" awaits its own confirmation. */}
              {party.contactAnswer && party.consent === 'pending' && <span data-testid="party-contact-answer">{t(`parties.contactAnswer.${party.contactAnswer}`)}</span>}
            </div>
            {/* Issue #11: staff only — the API sends partyNotices to the case's staff alone (R19). */}
            {detail.partyNotices && <PartyNotices notices={detail.partyNotices.filter((n) => n.partyId === party.id)} />}
            {(canContact || (canResend && party.side === 'respondent' && party.consent === 'pending')) && contactWith !== party.id && (
              <div className="button-row button-row-start">
                {canContact && (
                  <Button size="small" onClick={() => setContactWith(party.id)} data-testid="party-contact">
                    {t('parties.recordContact')}
                  </Button>
                )}
                {canResend && party.side === 'respondent' && party.consent === 'pending' && (
                  <Button
                    size="small"
                    loading={step.pending}
                    onClick={() => step.run({ run: () => caseSteps.resendInvitation(detail.id, party.id), success: t('done.resend') })}
                    data-testid="party-resend"
                  >
                    {t('parties.resendInvitation')}
                  </Button>
                )}
              </div>
            )}
            {contactWith === party.id && (
              <Suspense fallback={<PageLoader />}>
                <ContactForm detail={detail} party={party} step={step} onClose={() => setContactWith(null)} />
              </Suspense>
            )}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
