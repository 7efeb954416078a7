import type { ReactNode } from 'react';

export interface SelectProps<V extends string | number> {
  label: ReactNode;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange(value: V): void;
  testId?: string;
  disabled?: boolean;
  /** The lessons' name for this control (`data-tour`, lessons/format.ts TOUR_TARGETS). */
  tour?: string;
}

/** A labelled select whose options carry typed values (numbers stay numbers). */
export function Select<V extends string | number>({ label, value, options, onChange, testId, disabled, tour }: SelectProps<V>) {
  const index = options.findIndex((o) => o.value === value);
  return (
    <label className="control" data-tour={tour}>
      <span className="control-label">{label}</span>
      <select value={index < 0 ? '' : String(index)} onChange={(e) => onChange(options[Number(e.target.value)].value)} data-testid={testId} disabled={disabled}>
        {index < 0 ? <option value="">{String(value)}</option> : null}
        {options.map((o, i) => (
          <option key={String(o.value)} value={String(i)}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
