import type { ReactNode } from 'react';
import { Panel } from './Panel';

/** `wide`: the staff queues take a laptop's width (issue #11), not the reading column. */
export function RoleSection({ section, title, children, wide = false }: { section: string; title: string; children: ReactNode; wide?: boolean }) {
  return (
    <Panel className={wide ? 'role-section wide-on-laptop' : 'role-section'} title={<span data-testid={`home-section-${section}-title`}>{title}</span>} testId={`home-section-${section}`}>
      {children}
    </Panel>
  );
}
