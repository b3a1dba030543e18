import { lazy, Suspense, useState } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@tiaojie/contracts';
import type { useCaseStep } from '../../hooks/useCaseStep';

type CaseStep = ReturnType<typeof useCaseStep>;

const EndMediationDialog = lazy(() => import('./EndMediationDialog'));

/**
 * R01 (PML 23): a party ends mediation itself, at any time — a coded reason and a note (required
 * for "other"), then a confirmation, since the case ends and this cannot be undone. The button is
 * here; the dialog (`EndMediationDialog`) is loaded when it is opened.
 */
export default function EndMediation({ detail, step }: { detail: CaseDetail; step: CaseStep }) {
  const { t } = useTranslation('casePage');
  const [open, setOpen] = useState(false);
  return (
    <div className="action-block" data-testid="end-mediation">
      <Button block danger onClick={() => setOpen(true)} data-testid="end-mediation-open">
        {t('actions.endMediation')}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <EndMediationDialog detail={detail} step={step} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
