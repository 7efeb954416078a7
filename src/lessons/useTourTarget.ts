import { useEffect } from 'react';
import type { TourTarget } from './format';

const CLASS = 'tour-target';
/**
 * How long to keep looking: a step that loads an Experiment may swap the lab after this effect
 * ran, so a target found at once can be replaced by a new element a moment later.
 */
const LOOK_MS = 3000;
const EVERY_MS = 250;

const visible = (el: Element) => el.getClientRects().length > 0;

/**
 * Ring the step's target (`[data-tour=…]`) and scroll it into view once. Every visible match gets
 * the ring (a target may sit in two columns); where none is on screen nothing happens.
 */
export function useTourTarget(target: TourTarget | undefined): void {
  useEffect(() => {
    if (!target) return;
    const marked = new Set<Element>();
    const started = performance.now();
    let scrolled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = () => {
      for (const el of document.querySelectorAll(`[data-tour="${target}"]`)) {
        if (marked.has(el) || !visible(el)) continue;
        marked.add(el);
        el.classList.add(CLASS);
        if (!scrolled) {
          scrolled = true;
          el.scrollIntoView?.({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
        }
      }
      if (performance.now() - started < LOOK_MS) timer = setTimeout(look, EVERY_MS);
    };
    look();
    return () => {
      clearTimeout(timer);
      for (const el of marked) el.classList.remove(CLASS);
    };
  }, [target]);
}
