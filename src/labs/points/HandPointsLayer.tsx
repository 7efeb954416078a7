import { useRef, useState, type PointerEvent } from 'react';
import { useT } from '../../i18n';
import { HAND_POINTS_MAX } from '../../models/spec';
import { useAppStore } from '../../store/context';
import { editHandPoints } from './handPoints';

/** How near (px) a press must be to a point to grab or erase it. */
const GRAB_PX = 9;

/**
 * Points by hand, over the decision-boundary plane (as in ConvNetJS's classifier demo): a click
 * adds a point of the chosen class, a drag moves one, a right-click or the Erase tool removes one.
 * Each edit is one undoable change of the Experiment; the engine retrains on it.
 */
export function HandPointsLayer({ size, extent = 6 }: { size: number; extent?: number }) {
  const t = useT();
  const hand = useAppStore((s) => s.experiment.dataset.hand ?? []);
  const tool = useAppStore((s) => s.handTool);
  const apply = useAppStore((s) => s.apply);
  const [drag, setDrag] = useState<{ index: number; x: number; y: number; moved: boolean } | null>(null);
  const box = useRef<HTMLDivElement>(null);

  /** The pointer in data units, from the element's rendered box (it may be scaled). */
  const toData = (e: PointerEvent) => {
    const r = box.current!.getBoundingClientRect();
    const px = ((e.clientX - r.left) / (r.width || size)) * size;
    const py = ((e.clientY - r.top) / (r.height || size)) * size;
    return { x: (px / size) * 2 * extent - extent, y: extent - (py / size) * 2 * extent, px, py };
  };
  const nearest = (x: number, y: number): number => {
    let best = -1;
    let bestD = ((GRAB_PX / size) * 2 * extent) ** 2;
    for (let i = 0; i < hand.length / 3; i++) {
      const d = (hand[3 * i] - x) ** 2 + (hand[3 * i + 1] - y) ** 2;
      if (d <= bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  };
  const commit = (next: number[]) => apply({ type: 'dataset', patch: { hand: next } });

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const p = toData(e);
    const hit = nearest(p.x, p.y);
    if (e.button === 2 || tool === 'erase') {
      if (hit >= 0) commit(editHandPoints(hand, { type: 'remove', index: hit }));
      return;
    }
    if (e.button !== 0) return;
    if (hit >= 0) {
      e.currentTarget.setPointerCapture?.(e.pointerId);
      setDrag({ index: hit, x: hand[3 * hit], y: hand[3 * hit + 1], moved: false });
      return;
    }
    if (hand.length / 3 < HAND_POINTS_MAX) commit(editHandPoints(hand, { type: 'add', x: p.x, y: p.y, cls: tool }));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const p = toData(e);
    setDrag({ ...drag, x: p.x, y: p.y, moved: true });
  };
  const onPointerUp = () => {
    if (drag?.moved) commit(editHandPoints(hand, { type: 'move', index: drag.index, x: drag.x, y: drag.y }));
    setDrag(null);
  };

  const toPx = (v: number) => ((v + extent) / (2 * extent)) * size;
  return (
    <div
      ref={box}
      className={`hand-layer hand-layer-${String(tool)}`}
      data-testid="hand-layer"
      role="application"
      aria-label={t('own.hand.hint')}
      style={{ position: 'absolute', inset: 0, cursor: tool === 'erase' ? 'not-allowed' : 'crosshair', touchAction: 'none' }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
      onContextMenu={(e) => e.preventDefault()}
    >
      {drag ? (
        <svg width={size} height={size} style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }} aria-hidden="true">
          <circle cx={toPx(drag.x)} cy={size - toPx(drag.y)} r={6} fill="none" stroke="#1f2328" strokeWidth={2} />
        </svg>
      ) : null}
    </div>
  );
}
