import type { ReactNode } from 'react';

/** The error under one field of a form, read out when it appears; nothing when there is none. */
export function FieldErrorText({ children, testId, as: Tag = 'div' }: { children: ReactNode; testId?: string; as?: 'div' | 'p' }) {
  if (!children) return null;
  return (
    <Tag className="field-error" role="alert" data-testid={testId}>
      {children}
    </Tag>
  );
}
