import { useEffect } from 'react';
import type { TourTarget } from './format';

const CLASS = 'tour-target';
/** How long to look for a target that is not rendered yet (a lab swapping in after a load). */
const LOOK_MS = 3000;

const visible = (el: Element) => el.getClientRects().length > 0;

/**
 * Ring the step's target (`[data-tour=…]`) and scroll it into view. Every match gets the ring
 * (a target may sit in two columns); where none is on screen nothing happens.
 */
export function useTourTarget(target: TourTarget | undefined): void {
  useEffect(() => {
    if (!target) return;
    let marked: Element[] = [];
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = () => {
      const found = [...document.querySelectorAll(`[data-tour="${target}"]`)].filter(visible);
      if (found.length) {
        marked = found;
        for (const el of found) el.classList.add(CLASS);
        found[0].scrollIntoView?.({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
        return;
      }
      if (performance.now() - started < LOOK_MS) timer = setTimeout(look, 200);
    };
    look();
    return () => {
      clearTimeout(timer);
      for (const el of marked) el.classList.remove(CLASS);
    };
  }, [target]);
}
