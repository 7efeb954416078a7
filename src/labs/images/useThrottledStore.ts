import { useEffect, useRef, useState } from 'react';
import { useAppStoreApi } from '../../store/context';
import type { AppState } from '../../store/types';

/**
 * A slice of the store, re-rendering the component at most every `ms` (the last change always
 * lands). Unlike `useThrottled(useAppStore(selector))` it subscribes transiently: a store change
 * in between costs a comparison, not a render of the component and everything under it.
 * `selector` must be stable (a module-level function).
 */
export function useThrottledStore<T>(selector: (s: AppState) => T, ms: number): T {
  const store = useAppStoreApi();
  const [shown, setShown] = useState(() => selector(store.getState()));
  const landed = useRef(shown);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let current = landed.current;
    const land = () => {
      timer = null;
      last = performance.now();
      landed.current = current;
      setShown(() => current);
    };
    const onChange = (s: AppState) => {
      const next = selector(s);
      if (Object.is(next, current)) return;
      current = next;
      if (timer === null) timer = setTimeout(land, Math.max(0, last + ms - performance.now()));
    };
    const unsubscribe = store.subscribe(onChange);
    // The store may have moved on between the first render and this effect.
    onChange(store.getState());
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, selector, ms]);
  return shown;
}
