import type { DeliveryView } from '@tiaojie/contracts';
import { describe, expect, it } from 'vitest';
import { groupDeliveries } from './delivery-text';

const delivery = (id: string, template: string, createdAt: string) => ({ id, template, createdAt }) as unknown as DeliveryView;

describe('groupDeliveries', () => {
  it('groups the notices of one step (template and time) and lists the newest step first', () => {
    const groups = groupDeliveries([
      delivery('a', 'case_filed', '2026-12-01T08:00:00.000Z'),
      delivery('b', 'mediator_assigned', '2026-12-02T09:30:00.000Z'),
      delivery('c', 'case_filed', '2026-12-01T08:00:00.000Z'),
      delivery('d', 'session_scheduled', '2026-12-02T09:30:00.001Z'),
      delivery('e', 'case_filed', '2026-12-03T00:00:00.000Z'),
    ]);
    expect(groups.map((g) => [g.template, g.createdAt, g.items.map((i) => i.id)])).toEqual([
      ['case_filed', '2026-12-03T00:00:00.000Z', ['e']],
      ['session_scheduled', '2026-12-02T09:30:00.001Z', ['d']],
      ['mediator_assigned', '2026-12-02T09:30:00.000Z', ['b']],
      ['case_filed', '2026-12-01T08:00:00.000Z', ['a', 'c']],
    ]);
  });
});
