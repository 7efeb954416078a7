import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { classColors } from '../../charts/colors';
import { formatValue } from '../../charts/format';
import { deriveSeed } from '../../data/rng';
import { useImageClassNames } from '../imageClassNames';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { toolStateOf } from '../../store/toolsSlice';
import { ToolStatus } from './ToolStatus';
import './LatentTool.css';

/** Test images encoded for the plane, and the lattice decoded over it. */
const LATENT_EXAMPLES = 1000;
const GRID = 8;
/** The plane's drawing size in CSS pixels (square). */
const PLANE = 320;
/** An arrow key moves the point by this share of the plane's width. */
const KEY_STEP = 0.02;
/** Codes a "Sample from the prior" press decodes (a VAE). */
const PRIOR_SAMPLES = 8;

type Extent = readonly [number, number, number, number];

/** Grey pixels in [0, 1] (side × side each, `count` of them in a row-major `cols` lattice) onto a canvas. */
function paintGrey(canvas: HTMLCanvasElement | null, pixels: Float32Array, side: number, cols = 1, rows = 1): void {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  canvas.width = side * cols;
  canvas.height = side * rows;
  const img = ctx.createImageData(side * cols, side * rows);
  for (let k = 0; k < cols * rows; k++) {
    const ox = (k % cols) * side;
    const oy = Math.floor(k / cols) * side;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const v = pixels[k * side * side + y * side + x] ?? 0;
        // Ink dark on white, as the digits are drawn elsewhere in the lab.
        const g = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
        const o = ((oy + y) * side * cols + ox + x) * 4;
        img.data[o] = g;
        img.data[o + 1] = g;
        img.data[o + 2] = g;
        img.data[o + 3] = 255;
      }
    }
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * The latent-space tab (image lab): the test images' codes at the autoencoder's 2-unit bottleneck,
 * scattered by class; a click, a drag or the arrow keys pick a point of the plane, which the
 * decoder turns into an image live (one decode in flight, the latest point wins); an 8 × 8 lattice
 * decoded over the plane. Encodes again at each epoch's end while its box is ticked.
 */
export default function LatentTool() {
  const t = useT();
  const exp = useAppStore((s) => s.experiment);
  const runTool = useAppStore((s) => s.runTool);
  const latentState = useAppStore((s) => toolStateOf(s, 'latent'));
  const decodeState = useAppStore((s) => toolStateOf(s, 'decode'));
  const priorState = useAppStore((s) => toolStateOf(s, 'priorSample'));
  // Draws from the prior: seeded by the Experiment's seed and the press, so a session replays.
  const draws = useRef(0);
  const step = useAppStore((s) => s.runs[s.activeRunId]?.step ?? 0);
  const fmt = (v: number) => v.toFixed(2);
  const epoch = useAppStore((s) => s.runs[s.activeRunId]?.epoch ?? 0);
  const origin = useAppStore((s) => s.runs[s.activeRunId]?.origin ?? null);
  const palette = useAppStore((s) => s.view.palette);
  const names = useImageClassNames();
  const [auto, setAuto] = useState(true);
  const [node, setNode] = useState<string | undefined>(undefined);
  const [point, setPoint] = useState<[number, number] | null>(null);
  const plane = useRef<HTMLCanvasElement>(null);
  const decoded = useRef<HTMLCanvasElement>(null);
  const grid = useRef<HTMLCanvasElement>(null);
  const priorCanvas = useRef<HTMLCanvasElement>(null);
  const r = latentState.result;
  const vae = r?.vae ?? null;
  const extent: Extent | null = r?.extent ?? null;

  const encode = useCallback(() => runTool({ tool: 'latent', examples: LATENT_EXAMPLES, grid: GRID, ...(node ? { node } : {}) }), [runTool, node]);
  // On opening the tab, on a new network (origin) or bottleneck, and at each epoch's end while ticked.
  useEffect(() => {
    if (origin !== null) encode();
  }, [encode, origin, exp.network]);
  const lastEpoch = useRef(epoch);
  useEffect(() => {
    if (epoch === lastEpoch.current) return;
    lastEpoch.current = epoch;
    if (auto && origin !== null) encode();
  }, [epoch, auto, encode, origin]);

  // Decode: one request in flight; points picked meanwhile wait, and the latest wins. A fresh
  // plane (new weights) decodes the point again; before any pick, the plane's centre.
  const inFlight = decodeState.status === 'computing';
  const shown = useMemo<[number, number] | null>(() => point ?? (extent ? [(extent[0] + extent[1]) / 2, (extent[2] + extent[3]) / 2] : null), [point, extent]);
  const asked = useRef<{ z: readonly number[]; plane: unknown } | null>(null);
  useEffect(() => {
    if (!r || !shown || inFlight) return;
    if (asked.current && asked.current.plane === r && asked.current.z[0] === shown[0] && asked.current.z[1] === shown[1]) return;
    asked.current = { z: shown, plane: r };
    runTool({ tool: 'decode', points: [shown[0], shown[1]], node: r.node });
  }, [r, shown, inFlight, runTool]);
  const pick = setPoint;

  // The scatter, and the picked point.
  const colors = useMemo(() => classColors(Math.max(r?.classes ?? names.length, 1), palette), [r?.classes, names.length, palette]);
  useEffect(() => {
    const canvas = plane.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = typeof window !== 'undefined' ? Math.min(2, window.devicePixelRatio || 1) : 1;
    canvas.width = PLANE * dpr;
    canvas.height = PLANE * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, PLANE, PLANE);
    if (!r || !extent) return;
    const [x0, x1, y0, y1] = extent;
    const px = (x: number) => ((x - x0) / (x1 - x0)) * PLANE;
    const py = (y: number) => (1 - (y - y0) / (y1 - y0)) * PLANE;
    ctx.globalAlpha = 0.75;
    for (let i = 0; i < r.labels.length; i++) {
      ctx.fillStyle = colors[r.labels[i]] ?? '#888';
      ctx.beginPath();
      ctx.arc(px(r.codes[2 * i]), py(r.codes[2 * i + 1]), 2.2, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    if (shown) {
      const cx = px(shown[0]);
      const cy = py(shown[1]);
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(cx, cy, 7, 0, 2 * Math.PI);
      ctx.moveTo(cx - 11, cy);
      ctx.lineTo(cx + 11, cy);
      ctx.moveTo(cx, cy - 11);
      ctx.lineTo(cx, cy + 11);
      ctx.stroke();
    }
  }, [r, extent, colors, shown]);

  const d = decodeState.result;
  useEffect(() => {
    if (d) paintGrey(decoded.current, d.images, d.side);
  }, [d]);
  useEffect(() => {
    if (r?.grid) paintGrey(grid.current, r.grid.images, r.grid.side, r.grid.size, r.grid.size);
  }, [r]);
  const p = priorState.result;
  useEffect(() => {
    if (p) paintGrey(priorCanvas.current, p.images, p.side, p.points.length / 2, 1);
  }, [p, vae]);
  const samplePrior = () => {
    draws.current += 1;
    runTool({ tool: 'priorSample', count: PRIOR_SAMPLES, seed: deriveSeed(exp.seed, `prior${draws.current}`), ...(r ? { node: r.node } : {}) });
  };

  const toPlane = (e: PointerEvent<HTMLCanvasElement>): [number, number] | null => {
    if (!extent) return null;
    const box = e.currentTarget.getBoundingClientRect();
    const fx = Math.min(1, Math.max(0, (e.clientX - box.left) / Math.max(1, box.width)));
    const fy = Math.min(1, Math.max(0, (e.clientY - box.top) / Math.max(1, box.height)));
    const [x0, x1, y0, y1] = extent;
    return [x0 + fx * (x1 - x0), y1 - fy * (y1 - y0)];
  };
  const onPointer = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.type === 'pointermove' && e.buttons === 0) return;
    if (e.type === 'pointerdown') e.currentTarget.setPointerCapture?.(e.pointerId);
    const z = toPlane(e);
    if (z) pick(z);
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (!extent) return;
    const [x0, x1, y0, y1] = extent;
    const dx = { ArrowLeft: -1, ArrowRight: 1 }[e.key] ?? 0;
    const dy = { ArrowDown: -1, ArrowUp: 1 }[e.key] ?? 0;
    if (!dx && !dy) return;
    e.preventDefault();
    const [zx, zy] = shown ?? [(x0 + x1) / 2, (y0 + y1) / 2];
    pick([Math.min(x1, Math.max(x0, zx + dx * KEY_STEP * (x1 - x0))), Math.min(y1, Math.max(y0, zy + dy * KEY_STEP * (y1 - y0)))]);
  };

  const zText = d ? { x: fmt(d.points[0]), y: fmt(d.points[1]) } : null;
  return (
    <div className="tool latent-tool" data-testid="tool-latent">
      <p className="hint">{t('latent.what')}</p>
      <div className="latent-controls">
        <button type="button" data-testid="latent-run" disabled={latentState.status === 'computing'} onClick={encode}>
          {t('latent.run')}
        </button>
        <label>
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} data-testid="latent-auto" /> {t('latent.auto')}
        </label>
        {r && r.candidates.length > 1 ? (
          <label>
            {t('latent.node')}{' '}
            <select value={r.node} onChange={(e) => setNode(e.target.value)} data-testid="latent-node">
              {r.candidates.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <ToolStatus state={latentState} />
      {r ? (
        <>
          <p className="hint" data-testid="latent-stats">
            {t('tools.takenAt', { step: r.step, now: step })} · <span data-testid="latent-separation">{t('latent.separation', { pct: (r.separation * 100).toFixed(1) })}</span> ·{' '}
            {t('latent.loss', { loss: formatValue(r.loss) })}
          </p>
          {vae ? (
            <p className="hint" data-testid="latent-vae">
              <span data-testid="latent-kl">{t('latent.vae.kl', { kl: formatValue(vae.kl), beta: vae.beta, pixels: (r.grid?.side ?? 28) ** 2 })}</span> ·{' '}
              <span data-testid="latent-moments">
                {t('latent.vae.moments', { m1: fmt(vae.mean[0]), m2: fmt(vae.mean[1]), s1: fmt(vae.std[0]), s2: fmt(vae.std[1]) })}
              </span>
            </p>
          ) : null}
          <div className="latent-views">
            <figure className="latent-plane">
              <canvas
                ref={plane}
                tabIndex={0}
                role="img"
                aria-label={t('latent.plane', { n: r.labels.length })}
                data-testid="latent-plane"
                data-points={r.labels.length}
                style={{ width: PLANE, height: PLANE }}
                onPointerDown={onPointer}
                onPointerMove={onPointer}
                onKeyDown={onKey}
              />
              <figcaption data-testid="latent-axes">{t('latent.axes', { x0: fmt(r.extent[0]), x1: fmt(r.extent[1]), y0: fmt(r.extent[2]), y1: fmt(r.extent[3]) })}</figcaption>
            </figure>
            <div className="latent-side">
              <ul className="latent-legend" aria-label={t('latent.legend')}>
                {names.map((name, i) => (
                  <li key={name}>
                    <span className="latent-swatch" style={{ background: colors[i] }} aria-hidden="true" />
                    {name}
                  </li>
                ))}
              </ul>
              <figure className="latent-decoded">
                <canvas ref={decoded} width={28} height={28} data-testid="latent-decoded" data-z={zText ? `${zText.x},${zText.y}` : ''} role="img" aria-label={zText ? t('latent.decodedAlt', zText) : t('latent.pickPoint')} />
                <figcaption data-testid="latent-z">{zText ? t('latent.decoded', zText) : t('latent.pickPoint')}</figcaption>
              </figure>
              <ToolStatus state={{ ...decodeState, status: decodeState.status === 'computing' ? 'idle' : decodeState.status }} />
            </div>
            {r.grid ? (
              <figure className="latent-grid">
                <canvas ref={grid} data-testid="latent-grid" data-extent={(vae?.gridExtent ?? r.extent).join(',')} role="img" aria-label={t(vae ? 'latent.vae.gridAlt' : 'latent.gridAlt')} />
                <figcaption>{t(vae ? 'latent.vae.grid' : 'latent.grid')}</figcaption>
              </figure>
            ) : null}
            {vae ? (
              <div className="latent-prior">
                <button type="button" data-testid="latent-prior" disabled={priorState.status === 'computing'} onClick={samplePrior}>
                  {t('latent.prior.run')}
                </button>
                {p ? (
                  <figure>
                    <canvas
                      ref={priorCanvas}
                      data-testid="latent-prior-images"
                      data-points={p.points.map((v) => v.toFixed(3)).join(',')}
                      role="img"
                      aria-label={t('latent.prior.alt', { n: p.points.length / 2 })}
                    />
                    <figcaption>{t('latent.prior.caption', { n: p.points.length / 2 })}</figcaption>
                  </figure>
                ) : null}
                <ToolStatus state={priorState} />
              </div>
            ) : null}
          </div>
        </>
      ) : null}
    </div>
  );
}
