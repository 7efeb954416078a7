import { useState, type ReactNode } from 'react';

export interface SliderProps {
  /** The label, or a function of the value shown (so it follows the thumb during a drag). */
  label: ReactNode | ((value: number) => ReactNode);
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(value: number): void;
  testId?: string;
  /** The lessons' name for this control (`data-tour`, lessons/format.ts TOUR_TARGETS). */
  tour?: string;
}

/**
 * A labelled range input that commits when the learner lets go (or presses a key), so one drag
 * makes one undo entry and one rebuild, not dozens; the label follows the thumb meanwhile.
 */
export function Slider({ label, value, min, max, step, onChange, testId, tour }: SliderProps) {
  // The value being dragged, or null when the slider shows the store's value.
  const [draft, setDraft] = useState<number | null>(null);
  const commit = () => {
    if (draft !== null && draft !== value) onChange(draft);
    setDraft(null);
  };
  const shown = draft ?? value;
  return (
    <label className="control slider" data-tour={tour}>
      <span className="control-label">{typeof label === 'function' ? label(shown) : label}</span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={shown}
        data-testid={testId}
        onChange={(e) => setDraft(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
    </label>
  );
}
