import type { KeyboardEvent, ReactNode } from 'react';

export interface TabItem {
  key: string;
  label: ReactNode;
  testId: string;
  extra?: ReactNode;
  /** Data attributes for the journeys (`data-party-name` …). */
  data?: Record<string, string>;
}

/**
 * A light tab bar (antd's Tabs brings a dropdown and measuring along): buttons in a row that
 * scrolls sideways on a narrow phone, arrow keys move between them.
 */
export function TabBar({ items, active, onChange, label }: { items: TabItem[]; active: string; onChange: (key: string) => void; label: string }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = items.findIndex((item) => item.key === active);
    const next = items[(index + (event.key === 'ArrowRight' ? 1 : items.length - 1)) % items.length];
    if (next) onChange(next.key);
  };
  return (
    <div className="tab-bar" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item) => {
        const selected = item.key === active;
        const data = Object.fromEntries(Object.entries(item.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
        return (
          <button
            key={item.key}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            className={`tab-bar-item${selected ? ' is-active' : ''}`}
            onClick={() => onChange(item.key)}
            data-testid={item.testId}
            {...data}
          >
            <span className="tab-bar-label">{item.label}</span>
            {item.extra}
          </button>
        );
      })}
    </div>
  );
}
