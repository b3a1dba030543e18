import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MediatorProfileView, UpdateCaseRequest } from '@tiaojie/contracts';
import i18n from '../../../../lib/i18n';
import { json, mockFetch, type MockCall } from '../../../../test/fetch-mock';
import { caseDetail, organisation as org, party, profile } from '../../../../test/fixtures';
import { renderRoute } from '../../../../test/render';

const people = org({
  id: 'people',
  name: '西湖区人民调解委员会',
  nameEn: "Xihu District People's Mediation Committee",
  type: 'peoples_mediation_committee',
  description: '邻里、家庭纠纷',
  descriptionEn: 'Neighbour and family disputes',
});
const police = org({
  id: 'police',
  name: '西湖区公安分局警调衔接调解室',
  nameEn: null,
  type: 'police_mediation',
  regions: ['330106'],
  takesNow: [],
  description: '治安类民间纠纷',
  descriptionEn: null,
});
const qian: MediatorProfileView = {
  id: 'm-1',
  name: '钱调解',
  nameEn: 'Qian (mediator)',
  organisations: [{ id: 'people', name: '西湖区人民调解委员会', nameEn: "Xihu District People's Mediation Committee", type: 'peoples_mediation_committee' }],
  disputeTypes: ['family_neighbour'],
  expertise: ['劳动争议'],
  expertiseEn: ['Labour disputes'],
  bio: '退休法官。',
  bioEn: 'Retired judge.',
  yearsOfPractice: 20,
  chargesFees: false,
  courtName: null,
};
const wang: MediatorProfileView = { ...qian, id: 'm-2', name: '王调解', nameEn: null, expertise: ['邻里纠纷'], expertiseEn: null, bio: '人民调解十二年。', bioEn: null };

function routes() {
  return {
    'GET /api/me': json(200, profile({ realName: '张三' })),
    'GET /api/cases/c-1': json(200, caseDetail({ disputeType: 'family_neighbour', region: '330106', documents: [] })),
    'GET /api/organisations': json(200, [people, police]),
    'GET /api/mediators': json(200, [qian, wang]),
  };
}

/** Issue #11: organisation and mediator texts in both languages; a party's notice language. */
describe('filing in two languages', () => {
  it('shows the English name and introduction of organisations and mediators in English, else the Chinese', async () => {
    mockFetch(routes());
    await i18n.changeLanguage('en');
    renderRoute('/cases/c-1/edit?step=3');
    expect(await screen.findByTestId('organisation-auto-target', undefined, { timeout: 15000 })).toHaveTextContent("Xihu District People's Mediation Committee");
    const options = await screen.findAllByTestId('organisation-option');
    const label = (id: string) => options.find((o) => o.getAttribute('value') === id)!.closest('label')!;
    expect(label('people')).toHaveTextContent("Xihu District People's Mediation Committee");
    expect(within(label('people')).getByTestId('organisation-description')).toHaveTextContent('Neighbour and family disputes');
    // The admin gave no English: the Chinese is shown, not nothing.
    expect(label('police')).toHaveTextContent('西湖区公安分局警调衔接调解室');
    expect(within(label('police')).getByTestId('organisation-description')).toHaveTextContent('治安类民间纠纷');

    const names = (await screen.findAllByTestId('mediator-name')).map((n) => n.textContent);
    expect(names).toEqual(['Qian (mediator)', '王调解']);
    const bios = screen.getAllByTestId('mediator-bio').map((n) => n.textContent);
    expect(bios).toEqual(['Retired judge.', '人民调解十二年。']);
    expect(screen.getByText('Labour disputes')).toBeInTheDocument();
    expect(screen.queryByText('劳动争议')).toBeNull();
  });

  it('shows the Chinese texts in Chinese', async () => {
    mockFetch(routes());
    renderRoute('/cases/c-1/edit?step=3');
    expect(await screen.findByTestId('organisation-auto-target')).toHaveTextContent('西湖区人民调解委员会');
    expect((await screen.findAllByTestId('mediator-name')).map((n) => n.textContent)).toEqual(['钱调解', '王调解']);
    expect(within(screen.getAllByTestId('mediator-option')[0].closest('label')!).getByText('劳动争议')).toBeInTheDocument();
  });

  it("sends the respondent's notice language chosen on the parties step (default Chinese)", async () => {
    const user = userEvent.setup();
    const draft = caseDetail({ documents: [], parties: [party(), party({ id: 'p-r', side: 'respondent', name: 'John Smith', mobile: '13766661111', isViewer: false, locale: null })] });
    const { calls } = mockFetch({
      ...routes(),
      'GET /api/cases/c-1': json(200, draft),
      'PATCH /api/cases/c-1': (call: MockCall) => json(200, { ...draft, version: (call.body as UpdateCaseRequest).version + 1 }),
    });
    renderRoute('/cases/c-1/edit?step=2');
    const zh = (await screen.findByTestId('respondent-locale-zh-CN')) as HTMLInputElement;
    expect(zh.checked).toBe(true);
    expect(screen.getByTestId('respondent-locale')).toHaveTextContent('English');
    await user.click(screen.getByTestId('respondent-locale-en'));
    await user.click(screen.getByTestId('filing-next'));
    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH')).toBeDefined());
    const body = calls.find((call) => call.method === 'PATCH')!.body as UpdateCaseRequest;
    expect(body.respondents?.[0]).toMatchObject({ name: 'John Smith', mobile: '13766661111', locale: 'en' });
  });
});
