interface SegmentedProps {
  name: string;
  options: { label: string; value: string }[];
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  testId?: string;
}

/** Two or three choices as native radio buttons drawn as a segmented control (an antd Form control). */
export function Segmented({ name, options, value, onChange, id, testId }: SegmentedProps) {
  return (
    <div className="segmented" role="radiogroup" id={id} data-testid={testId}>
      {options.map((option) => (
        <label key={option.value} className={option.value === value ? 'segmented-item is-checked' : 'segmented-item'}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange?.(option.value)}
            data-testid={testId ? `${testId}-${option.value}` : undefined}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
