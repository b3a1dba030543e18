import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ConfirmationOverview, PackageItemView } from '@tiaojie/contracts';
import { json, mockFetch } from '../../../test/fetch-mock';
import { confirmationOverview } from '../../../test/confirmation-fixtures';
import { caseDetail, profile } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';

const item = (kind: PackageItemView['kind'], partyId: string | null, partyName: string | null, present: boolean): PackageItemView => ({
  kind,
  partyId,
  partyName,
  present,
  documents: [],
  detail: null,
});

/** The respondent's view of a package missing its ID proof (unless `present`) and its address. */
function overview(present: boolean, overrides: Partial<ConfirmationOverview> = {}): ConfirmationOverview {
  return confirmationOverview({
    packageItems: [
      item('application', null, null, true),
      item('agreement', null, null, true),
      item('id_proof', 'p-1', '张三', true),
      item('contacts', 'p-1', '张三', true),
      item('id_proof', 'p-2', '李四', present),
      item('contacts', 'p-2', '李四', false),
      item('property_proof', null, null, true),
    ],
    packageComplete: false,
    organisationFees: null,
    ownPartyIds: ['p-2'],
    editableContacts: [{ partyId: 'p-2', partyName: '李四', address: null, domicileRegion: null }],
    ...overrides,
  });
}

const settled = caseDetail({ id: 'c-1', number: 'TJ-2026-000009', state: 'SETTLED', actions: [], viewerRole: 'respondent' });

describe('issue #11: every missing package item comes with its fix, for whoever can', () => {
  it('the respondent uploads its missing ID proof right in the confirmation section, and is linked to its address form', async () => {
    const user = userEvent.setup();
    const { calls, fetchMock } = mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-2', name: '李四', mobile: '13800000002' })),
      'GET /api/cases/c-1': json(200, settled),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/confirmation': [json(200, overview(false)), json(200, overview(true))],
      'POST /api/cases/c-1/documents': json(201, { id: 'd-9', kind: 'id_card', fileName: 'id.png' }),
    });
    renderRoute('/cases/c-1');
    const input = await screen.findByTestId('confirmation-fix-id_proof', {}, { timeout: 5000 });
    expect(input.closest('label')).toHaveTextContent('上传身份证明');
    expect(screen.getByTestId('confirmation-fix-contacts')).toHaveAttribute('href', '#confirmation-contacts-p-2');
    expect(document.getElementById('confirmation-contacts-p-2')).not.toBeNull();

    await user.upload(input, new File([new Uint8Array([137, 80, 78, 71])], 'id.png', { type: 'image/png' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/cases/c-1/documents')).toBe(true));
    const sent = fetchMock.mock.calls.find(([url, init]) => String(url) === '/api/cases/c-1/documents' && init?.method === 'POST')![1]!.body as FormData;
    expect(sent.get('kind')).toBe('id_card');
    expect((sent.get('file') as File).name).toBe('id.png');
    // The overview is fetched again: the item is present and its control gone.
    await waitFor(() => expect(screen.getByTestId('confirmation-package').querySelector('[data-kind="id_proof"][data-party="p-2"]')).toHaveAttribute('data-present', 'true'));
    expect(screen.queryByTestId('confirmation-fix-id_proof')).toBeNull();
  });

  it('someone who cannot supply it (the mediator) is told who must, without a control', async () => {
    mockFetch({
      'GET /api/me': json(200, profile({ id: 'u-med', name: '王调解', roles: ['mediator'] })),
      'GET /api/cases/c-1': json(200, { ...settled, viewerRole: 'mediator' }),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/confirmation': json(200, overview(false, { ownPartyIds: [], editableContacts: [], actions: [] })),
    });
    renderRoute('/cases/c-1');
    const pkg = await screen.findByTestId('confirmation-package', {}, { timeout: 5000 });
    const waits = within(pkg)
      .getAllByTestId('confirmation-fix-wait')
      .map((el) => el.textContent);
    expect(waits).toEqual(['待李四上传身份证明', '待李四填写送达地址']);
    expect(screen.queryByTestId('confirmation-fix-id_proof')).toBeNull();
  });

  it('a missing agreement links to the agreement page', async () => {
    mockFetch({
      'GET /api/me': json(200, profile()),
      'GET /api/cases/c-1': json(200, settled),
      'GET /api/cases/c-1/timeline': json(200, []),
      'GET /api/cases/c-1/confirmation': json(200, overview(true, { packageItems: [item('agreement', null, null, false)] })),
    });
    renderRoute('/cases/c-1');
    expect(await screen.findByTestId('confirmation-fix-agreement', {}, { timeout: 5000 })).toHaveAttribute('href', '/cases/c-1/agreement');
  });
});
