import type { ReactNode } from 'react';

interface PanelProps {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

/**
 * A titled white box, like antd's Card without its weight (Card brings Tabs along); pages
 * stack them on phones.
 */
export function Panel({ title, extra, children, className, testId }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : 'panel'} data-testid={testId}>
      {(title || extra) && (
        <header className="panel-head">
          {title && <h2 className="panel-title">{title}</h2>}
          {extra}
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
