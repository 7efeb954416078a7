import { useEffect, useRef, useState } from 'react';

/**
 * The value, updated at most every `ms` (the last change always lands). For views whose re-render
 * costs more than a frame on big networks (the diagram), so training never janks the page.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    const timer = setTimeout(
      () => {
        last.current = performance.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
