import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../../test/fetch-mock';
import { anonymous } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import i18n from '../../../lib/i18n';

const consultation = { disputeTypes: ['private_loan'], lprPercent: '3.10', lprMultiple: 4 };

async function answer(user: ReturnType<typeof userEvent.setup>, question: string, label: string) {
  await user.click(within(screen.getByTestId(`q-${question}`)).getByLabelText(label));
}

describe('consultation', () => {
  it('checks a private loan rate against 4 × the LPR from the API and carries the result into filing', async () => {
    const user = userEvent.setup();
    mockFetch({ ...anonymous, 'GET /api/consultation': json(200, consultation) });
    const { router } = renderRoute('/consult');

    await user.click(await screen.findByTestId('consult-type-private_loan'));
    expect(screen.getByTestId('consult-guidance')).toHaveTextContent('借条、欠条或借款合同');
    // The rate is asked only once interest was agreed.
    expect(screen.queryByTestId('q-annual_rate_percent')).not.toBeInTheDocument();
    await answer(user, 'has_iou', '是');
    await answer(user, 'interest_agreed', '是');
    await user.type(await screen.findByTestId('q-annual_rate_percent-input'), '24');
    await answer(user, 'other_party_known', '是');
    await answer(user, 'already_in_court', '否');
    await answer(user, 'violence_or_threat', '否');
    await user.click(screen.getByTestId('consult-evaluate'));

    const interest = await screen.findByTestId('consult-interest');
    expect(interest).toHaveAttribute('data-above-cap', 'true');
    expect(interest).toHaveTextContent('约定年利率 24.00% 超过了法律保护的上限 12.40%（一年期贷款市场报价利率 3.10% 的 4 倍）');
    expect(screen.getByTestId('consult-suitability')).toHaveTextContent('适合在线调解');
    const advice = screen.getByTestId('consult-advice');
    expect(advice).toHaveTextContent('超过法律保护上限的利息得不到法院支持');
    expect(advice).toHaveTextContent('人民调解免费');
    expect(screen.getByTestId('consult-organisations')).toHaveTextContent('人民调解委员会');

    await user.click(screen.getByTestId('consult-file'));
    // Not logged in: the way to the filing form goes through login, the result waits in sessionStorage.
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/cases/new')}`);
    const handoff = JSON.parse(window.sessionStorage.getItem('tiaojie.consultation') ?? '{}');
    expect(handoff.disputeType).toBe('private_loan');
    expect(handoff.evaluation.interestCheck).toEqual({ annualRatePercent: '24.00', capPercent: '12.40', aboveCap: true });
  });

  it('says when a dispute is not for online mediation, in English', async () => {
    const user = userEvent.setup();
    await i18n.changeLanguage('en');
    mockFetch({ ...anonymous, 'GET /api/consultation': json(200, consultation) });
    renderRoute('/consult?type=family_neighbour');

    expect(await screen.findByTestId('consult-type-title')).toHaveTextContent('Family or neighbours');
    await answer(user, 'personal_status', 'Yes');
    await answer(user, 'ongoing_nuisance', 'No');
    await answer(user, 'other_party_known', 'Yes');
    await answer(user, 'already_in_court', 'No');
    await answer(user, 'violence_or_threat', 'Yes');
    await user.click(screen.getByTestId('consult-evaluate'));

    expect(await screen.findByTestId('consult-suitability')).toHaveTextContent('Not suitable for online mediation yet');
    expect(screen.getByTestId('consult-urgent')).toBeInTheDocument();
    const advice = screen.getByTestId('consult-advice');
    expect(advice).toHaveTextContent('call the police on 110');
    expect(advice).toHaveTextContent('Divorce, parentage and adoption themselves can only be decided by a court');
    expect(screen.queryByTestId('consult-interest')).not.toBeInTheDocument();
  });

  it('asks every question before evaluating', async () => {
    const user = userEvent.setup();
    mockFetch({ ...anonymous, 'GET /api/consultation': json(200, consultation) });
    renderRoute('/consult?type=other');
    await user.click(await screen.findByTestId('consult-evaluate'));
    await waitFor(() => expect(screen.getAllByText('请回答这个问题')).toHaveLength(3));
    expect(screen.queryByTestId('consult-result')).not.toBeInTheDocument();
  });
});
