import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../../../test/fetch-mock';
import { caseDetail, organisation as org, profile } from '../../../../test/fixtures';
import { renderRoute } from '../../../../test/render';

describe('filing: the organisation step (issue #11, routing)', () => {
  it('recommends the organisation the server routes to, and an office nobody staffs cannot be chosen', async () => {
    mockFetch({
      'GET /api/me': json(200, profile({ realName: '张三' })),
      'GET /api/cases/c-1': json(200, caseDetail({ disputeType: 'family_neighbour', region: '330106', documents: [] })),
      'GET /api/organisations': json(200, [
        // Nearer (county) but with no dispatcher and no mediator: routing passes it over.
        org({ id: 'police', name: '西湖区公安分局警调衔接调解室', type: 'police_mediation', regions: ['330106'], takesNow: [] }),
        org({ id: 'people', name: '西湖区人民调解委员会', type: 'peoples_mediation_committee' }),
      ]),
      'GET /api/mediators': json(200, []),
    });
    renderRoute('/cases/c-1/edit?step=3');

    expect(await screen.findByTestId('organisation-auto-target', undefined, { timeout: 15000 })).toHaveTextContent('将分配给：西湖区人民调解委员会');
    const options = await screen.findAllByTestId('organisation-option');
    // antd puts the test id on the radio input: its label holds the rest.
    const input = (id: string) => options.find((o) => o.getAttribute('value') === id) as HTMLInputElement;
    const people = input('people').closest('label')!;
    const police = input('police').closest('label')!;
    expect(within(people).getByTestId('organisation-recommended')).toBeInTheDocument();
    expect(within(police).queryByTestId('organisation-recommended')).toBeNull();
    expect(within(police).getByTestId('organisation-unavailable')).toHaveTextContent('暂时不能受理此类纠纷');
    expect(input('police')).toBeDisabled();
    expect(screen.queryByTestId('organisation-none-now')).toBeNull();
  });

  it('says so when no organisation in the region can take the case now', async () => {
    mockFetch({
      'GET /api/me': json(200, profile({ realName: '张三' })),
      'GET /api/cases/c-1': json(200, caseDetail({ disputeType: 'family_neighbour', region: '330106', documents: [] })),
      'GET /api/organisations': json(200, [org({ id: 'police', name: '警调室', type: 'police_mediation', regions: ['330106'], takesNow: [] })]),
      'GET /api/mediators': json(200, []),
    });
    renderRoute('/cases/c-1/edit?step=3');
    expect(await screen.findByTestId('organisation-none-now')).toHaveTextContent('暂时没有能受理此类纠纷的调解组织');
    expect(screen.queryByTestId('organisation-auto-target')).toBeNull();
    // The message comes with its fix: back to the place of the dispute.
    await userEvent.setup().click(screen.getByTestId('organisation-change-region'));
    expect(await screen.findByTestId('filing-step')).toHaveAttribute('data-step', 'claims');
  });
});
