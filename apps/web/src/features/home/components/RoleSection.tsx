import type { ReactNode } from 'react';
import { Panel } from '../../../components/ui/Panel';

export function RoleSection({ section, title, children }: { section: string; title: string; children: ReactNode }) {
  return (
    <Panel
      className="role-section"
      title={<span data-testid={`home-section-${section}-title`}>{title}</span>}
      testId={`home-section-${section}`}
    >
      {children}
    </Panel>
  );
}
