import type { ReactNode, SelectHTMLAttributes } from 'react';

export interface NativeSelectOption {
  value: string;
  label: string;
}

interface NativeSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value?: string;
  onChange?: (value: string) => void;
  options: NativeSelectOption[];
  placeholder?: string;
}

/**
 * The platform's own <select>, styled like antd's inputs: on a phone it opens the system
 * picker, and it costs nothing to load (antd's Select brings a virtual list). Works as an
 * antd Form control (value / onChange).
 */
export function NativeSelect({ value, onChange, options, placeholder, className, ...rest }: NativeSelectProps) {
  return (
    <select {...rest} className={className ? `native-select ${className}` : 'native-select'} value={value ?? ''} onChange={(event) => onChange?.(event.target.value)}>
      {placeholder !== undefined && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** A NativeSelect with its <label> before it (`labelClassName` hides it or styles it). */
export function SelectField({ label, labelClassName, id, ...select }: NativeSelectProps & { label: ReactNode; labelClassName: string; id: string }) {
  return (
    <>
      <label className={labelClassName} htmlFor={id}>
        {label}
      </label>
      <NativeSelect id={id} {...select} />
    </>
  );
}
