import { useEffect, useLayoutEffect, useRef, type ChangeEvent, type KeyboardEvent, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { CloseOutlined, ExclamationCircleFilled, InfoCircleFilled, WarningFilled } from '@ant-design/icons';

/*
 * Light stand-ins for antd's Alert, Checkbox, Switch, Drawer and TextArea on this page: the
 * page stays well inside the first-load budget (bench/README.md P5) on a phone, and native controls
 * are what phones handle best. Styled in mediation.css to match the antd theme.
 */

export function Notice({ type, title, children, testId }: { type: 'info' | 'warning' | 'error'; title: ReactNode; children?: ReactNode; testId?: string }) {
  const Icon = type === 'info' ? InfoCircleFilled : type === 'warning' ? WarningFilled : ExclamationCircleFilled;
  return (
    <div className={`med-alert med-alert-${type}`} role={type === 'info' ? 'status' : 'alert'} data-testid={testId}>
      <Icon className="med-alert-icon" aria-hidden />
      <div className="med-alert-text">
        <div className="med-alert-title">{title}</div>
        {children && <div className="med-alert-body">{children}</div>}
      </div>
    </div>
  );
}

/** A native checkbox with its label (the test id sits on the input, as with antd's). */
export function CheckboxField({
  checked,
  onChange,
  children,
  testId,
  className,
  data,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
  testId?: string;
  className?: string;
  data?: Record<string, string>;
}) {
  const attributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <label className={`med-check${className ? ` ${className}` : ''}`}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} {...attributes} />
      <span>{children}</span>
    </label>
  );
}

/** An on/off switch: a button with role="switch". */
export function Toggle({
  checked,
  onChange,
  disabled,
  busy,
  label,
  testId,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  busy?: boolean;
  label: ReactNode;
  testId?: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-busy={busy || undefined}
      disabled={disabled || busy}
      className={`med-toggle${checked ? ' is-on' : ''}`}
      onClick={() => onChange(!checked)}
      data-testid={testId}
    >
      <span className="med-toggle-track" aria-hidden>
        <span className="med-toggle-thumb" />
      </span>
      <span className="med-toggle-label">{label}</span>
    </button>
  );
}

/** A panel sliding in from the right over a mask; Escape or the mask closes it. */
export function SideDrawer({ open, onClose, title, closeLabel, children }: { open: boolean; onClose: () => void; title: ReactNode; closeLabel: string; children: ReactNode }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [open, onClose]);
  return (
    <div className={`med-drawer${open ? ' is-open' : ''}`} aria-hidden={!open}>
      <div className="med-drawer-mask" onClick={onClose} />
      <div className="med-drawer-panel" role="dialog" aria-modal="true" aria-label={typeof title === 'string' ? title : undefined} tabIndex={-1} ref={panel}>
        <header className="med-drawer-head">
          <button type="button" className="med-drawer-close" onClick={onClose} aria-label={closeLabel}>
            <CloseOutlined />
          </button>
          <h2 className="med-drawer-title">{title}</h2>
        </header>
        <div className="med-drawer-body">{open && children}</div>
      </div>
    </div>
  );
}

/** A native textarea that grows with its text up to `maxRows`. */
export function AutoTextArea({
  value,
  onChange,
  maxRows = 5,
  onKeyDown,
  ...rest
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onChange: (event: ChangeEvent<HTMLTextAreaElement>) => void;
  maxRows?: number;
  onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    const style = window.getComputedStyle(el);
    const line = parseFloat(style.lineHeight) || 24;
    const border = (parseFloat(style.borderTopWidth) || 0) + (parseFloat(style.borderBottomWidth) || 0);
    const padding = (parseFloat(style.paddingTop) || 0) + (parseFloat(style.paddingBottom) || 0);
    // border-box: the height holds the text (scrollHeight, padding included) and the borders.
    el.style.height = `${Math.min(el.scrollHeight + border, line * maxRows + padding + border)}px`;
  }, [value, maxRows]);
  return <textarea ref={ref} rows={1} value={value} onChange={onChange} onKeyDown={onKeyDown} {...rest} />;
}
