import { useCallback, useRef, useState, type PointerEvent } from 'react';

/**
 * The event a palette item dispatches on whatever lies under the finger where a touch (or pen) drag
 * ends, like an HTML5 `drop`; the canvas listens for it (GraphEditor.tsx). A mouse keeps HTML5 drag
 * and drop (`draggable`): touch screens never start one, so fingers go through Pointer Events.
 */
export const LAYER_DROP_EVENT = 'gg-layer-drop';

export interface LayerDropDetail {
  type: string;
  clientX: number;
  clientY: number;
}

/** How far (px) a finger moves before a press on an item becomes a drag rather than a tap. */
export const DRAG_THRESHOLD = 8;

/** Where a drag is, for the ghost that follows the finger. */
export interface PaletteDrag {
  type: string;
  x: number;
  y: number;
}

interface Press {
  id: number;
  type: string;
  x0: number;
  y0: number;
  dragging: boolean;
}

/** Drop `type` at a client point: the event goes to the element there; true if something took it. */
export function dropLayerAt(type: string, clientX: number, clientY: number, doc: Document = document): boolean {
  const target = doc.elementFromPoint(clientX, clientY);
  if (!target) return false;
  const event = new CustomEvent<LayerDropDetail>(LAYER_DROP_EVENT, { bubbles: true, cancelable: true, detail: { type, clientX, clientY } });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

/** A click this soon (ms) after a touch or pen lifted off an item is that lift's own click. */
const CLICK_AFTER_LIFT_MS = 800;

/**
 * Touch and pen on palette items. A press that moves past DRAG_THRESHOLD becomes a drag (the item
 * captures the pointer; `touch-action: pan-y` on items leaves vertical swipes to scroll the
 * palette); lifting drops the layer where the finger is. A press lifted without moving is a tap:
 * `onTap` runs on the lift itself, since Chromium sends no click for a tap that follows a drag on
 * the same item (seen in the touch browser test), and the click that may still follow is swallowed
 * (`clickEndsDrag`), so a tap adds one layer and a drag never also appends one.
 */
export function usePaletteDrag(onTap: (type: string) => void) {
  const press = useRef<Press | null>(null);
  const liftedAt = useRef(-Infinity);
  const [drag, setDrag] = useState<PaletteDrag | null>(null);

  const onPointerDown = useCallback((e: PointerEvent<HTMLElement>, type: string) => {
    if (e.pointerType === 'mouse' || press.current) return;
    press.current = { id: e.pointerId, type, x0: e.clientX, y0: e.clientY, dragging: false };
  }, []);

  const onPointerMove = useCallback((e: PointerEvent<HTMLElement>) => {
    const p = press.current;
    if (!p || p.id !== e.pointerId) return;
    if (!p.dragging) {
      if (Math.hypot(e.clientX - p.x0, e.clientY - p.y0) < DRAG_THRESHOLD) return;
      p.dragging = true;
      try {
        e.currentTarget.setPointerCapture(e.pointerId);
      } catch {
        // A synthetic pointer id cannot be captured; the drag still works while over the item.
      }
    }
    setDrag({ type: p.type, x: e.clientX, y: e.clientY });
  }, []);

  const end = useCallback(
    (e: PointerEvent<HTMLElement>, lifted: boolean) => {
      const p = press.current;
      if (!p || p.id !== e.pointerId) return;
      press.current = null;
      setDrag(null);
      if (!lifted) return;
      liftedAt.current = performance.now();
      if (p.dragging) dropLayerAt(p.type, e.clientX, e.clientY);
      else onTap(p.type);
    },
    [onTap],
  );

  const onPointerUp = useCallback((e: PointerEvent<HTMLElement>) => end(e, true), [end]);
  const onPointerCancel = useCallback((e: PointerEvent<HTMLElement>) => end(e, false), [end]);

  /** True when the click being handled belongs to a touch or pen lift (already handled). */
  const clickEndsDrag = useCallback(() => performance.now() - liftedAt.current < CLICK_AFTER_LIFT_MS, []);

  return { drag, onPointerDown, onPointerMove, onPointerUp, onPointerCancel, clickEndsDrag };
}
