import { render, screen } from '@testing-library/react';
import { Form } from 'antd';
import { NOTICE_VERSION } from '@tiaojie/domain';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../../../app/providers';
import { createQueryClient } from '../../../../lib/query-client';
import '../../../../locales/case';
import '../../../../locales/filing';
import { StepConfirm } from './StepConfirm';

const values = { disputeType: 'private_loan' as const, applicant: { name: '赵六', mobile: '13822226666' } };

function renderStep(staffFiling: boolean) {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <Form>
        <StepConfirm values={values} documents={[]} organisations={[]} mediators={[]} staffFiling={staffFiling} />
      </Form>
    </AppProviders>,
  );
}

describe('filing: the last step (R01, R02)', () => {
  it('R02: a citizen filing for themselves ticks their own consent and notice, shown with its version', async () => {
    renderStep(false);
    expect(await screen.findByTestId('notice-of-rights')).toHaveAttribute('data-version', NOTICE_VERSION);
    expect(screen.queryByTestId('filing-staff-confirmation')).toBeNull();
    expect(screen.getByTestId('filing-consent').closest('label')).toHaveTextContent('我同意通过在线方式进行调解');
  });

  it('R02: staff filing for a citizen are told the citizen confirms by SMS code; their ticks are their own', async () => {
    renderStep(true);
    expect(await screen.findByTestId('filing-staff-confirmation')).toHaveTextContent('13822226666');
    expect(screen.getByTestId('filing-notice-seen').closest('label')).toHaveTextContent('我已向申请人出示');
    expect(screen.getByTestId('filing-consent').closest('label')).toHaveTextContent('本人通过短信验证码确认');
  });
});
