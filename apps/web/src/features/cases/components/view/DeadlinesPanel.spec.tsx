import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../../../lib/i18n';
import { caseDetail } from '../../../../test/fixtures';
import { DeadlinesPanel } from './DeadlinesPanel';

const hour = 3600_000;
const sameDay = (dueInMs: number) => ({ kind: 'sameDayContact', rule: 'R05', dueAt: new Date(Date.now() + dueInMs).toISOString(), overdue: dueInMs < 0, dueSoon: false });
const accept = { kind: 'mediatorAccept', rule: 'R09', dueAt: new Date(Date.now() + 48 * hour).toISOString(), overdue: false, dueSoon: false };

describe('deadlines on the case page: no stale promise (issue #11)', () => {
  it('shows a party "调解员当天联系" while it is still true', () => {
    render(<DeadlinesPanel detail={caseDetail({ viewerRole: 'applicant', deadlines: [sameDay(3 * hour)] })} showSla={false} />);
    expect(screen.getByTestId('case-deadlines')).toHaveTextContent('调解员当天联系');
  });

  it('drops the same-day promise for a party once the day has passed; staff still see it, overdue', () => {
    const detail = caseDetail({ viewerRole: 'applicant', deadlines: [sameDay(-hour), accept] });
    const { unmount } = render(<DeadlinesPanel detail={detail} showSla={false} />);
    expect(screen.getByTestId('case-deadlines')).not.toHaveTextContent('调解员当天联系');
    expect(screen.getAllByTestId('deadline')).toHaveLength(1);
    unmount();
    render(<DeadlinesPanel detail={{ ...detail, viewerRole: 'org_admin' }} showSla />);
    expect(screen.getByTestId('case-deadlines')).toHaveTextContent('调解员当天联系');
  });

  it('shows nothing to a party when the same-day promise was the only deadline and has passed', () => {
    const { container } = render(<DeadlinesPanel detail={caseDetail({ viewerRole: 'applicant', deadlines: [sameDay(-hour)] })} showSla={false} />);
    expect(container).toBeEmptyDOMElement();
  });
});
