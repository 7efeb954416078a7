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
 * A target folded inside a closed disclosure (the training bar's "More…") is opened to, where the
 * disclosure itself is on screen (not in a hidden tab).
 */
function unfold(el: Element): void {
  for (let d = el.closest('details:not([open])'); d instanceof HTMLDetailsElement && visible(d); d = d.closest('details:not([open])')) d.open = true;
}

/**
 * Ring the step's target (`[data-tour=…]`), opening a closed disclosure around it, and scroll it into view once. Every visible match gets
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
        if (marked.has(el)) continue;
        unfold(el);
        if (!visible(el)) continue;
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
