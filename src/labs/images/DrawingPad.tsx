import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { rasterToDigit } from '../../data/drawing';
import { useT } from '../../i18n';
import { ImageGrid } from '../../charts/ImageGrid';
import './DrawingPad.css';

export interface DrawingPadProps {
  /** Side of the image handed to `onChange`, e.g. 28. */
  size: number;
  /** The drawing as size×size values (ink 1, background 0) after each stroke and ~10×/s while drawing; null once cleared. */
  onChange(pixels: Float32Array | null): void;
  /** Accessible name of the drawing surface. */
  label?: string;
}

/** Backing-store side in device pixels: ten times MNIST's field, ample for a 28×28 result. */
const PAD_PX = 280;
/**
 * Pen width: 7.5 % of the pad. A digit that fills most of the pad then becomes strokes ~2 px wide in
 * MNIST's 20-px box, as thick as MNIST's pen strokes.
 */
const BRUSH = PAD_PX * 0.075;
/** Shortest interval between conversions while a stroke is still going (~10 Hz). */
const EMIT_MS = 100;
/** Ink colour on the transparent pad; only its alpha reaches `rasterToDigit`. */
const INK = 'rgb(25, 25, 25)';

/**
 * A square pad the learner draws a digit on with mouse, touch or pen (Pointer Events with capture),
 * dark ink on light paper like every image in the app. Each stroke end (and a throttled tick while
 * drawing) converts the drawing MNIST-style through `rasterToDigit`. Without a 2-D canvas context
 * (old browsers, jsdom) drawing is inert but the rest of the pad still works.
 */
export function DrawingPad({ size, onChange, label }: DrawingPadProps) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  // The pointer drawing now and where its stroke last was, in backing-store pixels.
  const stroke = useRef<{ id: number; x: number; y: number } | null>(null);
  const lastEmit = useRef(0);
  const inked = useRef(false);
  // The latest callback, so a parent passing a fresh arrow each render never retriggers the effect below.
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  const [digit, setDigit] = useState<Float32Array | null>(null);

  const context = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  const emit = useCallback(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d', { willReadFrequently: true });
    if (!el || !ctx) return;
    lastEmit.current = performance.now();
    const pixels = rasterToDigit(ctx.getImageData(0, 0, el.width, el.height).data, el.width, el.height, size);
    setDigit(pixels);
    onChangeRef.current(pixels);
  }, [size]);

  // A new target size converts the drawing again.
  useEffect(() => {
    if (inked.current) emit();
  }, [emit]);

  /** The event's position in backing-store pixels (the canvas is scaled by CSS). */
  const toPad = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const sx = rect.width > 0 ? e.currentTarget.width / rect.width : 1;
    const sy = rect.height > 0 ? e.currentTarget.height / rect.height : 1;
    return { x: (e.clientX - rect.left) * sx, y: (e.clientY - rect.top) * sy };
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (stroke.current || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const ctx = context();
    if (!ctx) return;
    e.preventDefault();
    try {
      e.currentTarget.setPointerCapture?.(e.pointerId);
    } catch {
      // An unknown pointer id (synthetic events) cannot be captured; drawing still works without.
    }
    const p = toPad(e);
    ctx.fillStyle = INK;
    ctx.beginPath();
    ctx.arc(p.x, p.y, BRUSH / 2, 0, 2 * Math.PI);
    ctx.fill();
    stroke.current = { id: e.pointerId, ...p };
    inked.current = true;
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const s = stroke.current;
    if (!s || e.pointerId !== s.id) return;
    const ctx = context();
    if (!ctx) return;
    const p = toPad(e);
    ctx.strokeStyle = INK;
    ctx.lineWidth = BRUSH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(s.x, s.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    stroke.current = { id: s.id, ...p };
    if (performance.now() - lastEmit.current >= EMIT_MS) emit();
  };

  const endStroke = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (!stroke.current || e.pointerId !== stroke.current.id) return;
    stroke.current = null;
    emit();
  };

  const clear = () => {
    const el = canvas.current;
    context()?.clearRect(0, 0, el?.width ?? 0, el?.height ?? 0);
    stroke.current = null;
    inked.current = false;
    setDigit(null);
    onChangeRef.current(null);
  };

  const blank = useMemo(() => new Float32Array(size * size), [size]);

  return (
    <div className="drawing-pad" data-tour="draw">
      <div className="drawing-pad-row">
        <canvas
          ref={canvas}
          className="drawing-pad-canvas"
          width={PAD_PX}
          height={PAD_PX}
          role="img"
          aria-label={label ?? t('image.input.draw.canvas')}
          data-testid="drawing-pad"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endStroke}
          onPointerCancel={endStroke}
          onLostPointerCapture={endStroke}
        />
        <div className="drawing-pad-side">
          <span className="drawing-pad-caption">{t('image.input.draw.seen')}</span>
          <ImageGrid
            pixels={digit ?? blank}
            size={size}
            count={1}
            columns={1}
            captions={[]}
            cell={56}
            label={digit ? t('image.input.draw.seenLabel', { n: size }) : t('image.input.draw.empty')}
          />
          <button type="button" onClick={clear} data-testid="drawing-clear">
            {t('image.input.draw.clear')}
          </button>
        </div>
      </div>
      <p className="hint">{t('image.input.draw.hint')}</p>
    </div>
  );
}
