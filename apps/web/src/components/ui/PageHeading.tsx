import type { ReactNode } from 'react';

export function PageHeading({ children, testId, extra }: { children: ReactNode; testId?: string; extra?: ReactNode }) {
  return (
    <div className="page-heading">
      <h1 className="page-title" data-testid={testId}>
        {children}
      </h1>
      {extra}
    </div>
  );
}
