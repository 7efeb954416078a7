import { useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { formatValue } from '../../charts/format';
import { useT } from '../../i18n';
import { DEFAULT_HYPER, RACE_OPTIMIZERS, type Hyper, type RaceOptimizer } from '../../models/optimizers';
import { createRace, raceFinished, stepRace, type Race } from '../../models/race';
import { surfaceFromGrid } from '../../models/sliceSurface';
import { SURFACE_IDS, SURFACES, type RaceSurfaceId, type Surface } from '../../models/surfaces';
import { StoreContext } from '../../store/context';
import type { LabRequests } from '../../store/labStatus';
import type { AppState } from '../../store/types';
import { RaceExplain } from './RaceExplain';
import { RaceLegend, type LegendEntry } from './RaceLegend';
import { SliceControl } from './SliceControl';
import { useLandscape } from './useLandscape';
import { fromCanvas, paintContours, paintLossChart, paintPaths, type MapFrame } from './paintRace';
import './RaceLab.css';
import { Figure } from '../../ui/Figure';

const SPEEDS = [1, 2, 5, 10] as const;
const MAX_MAP_WIDTH = 720;
const CHART_HEIGHT = 150;

/** Frame timings (ms) of the last frames, for the browser test and the bench: step + paint + legend. */
const FRAME_LOG: number[] = [];
if (typeof window !== 'undefined') (window as unknown as { __ggRaceFrames?: number[] }).__ggRaceFrames = FRAME_LOG;

/** What the DOM shows of the race: the step and each lane's position and loss. */
interface RaceView {
  step: number;
  finished: boolean;
  lanes: { opt: RaceOptimizer; loss: number; diverged: boolean; x: number; y: number }[];
}

const viewOf = (r: Race): RaceView => ({
  step: r.step,
  finished: raceFinished(r),
  lanes: r.lanes.map((l) => ({ opt: l.opt, loss: l.loss, diverged: l.diverged, x: l.state.params[0], y: l.state.params[1] })),
});

const hyperFor = (surface: Surface): Record<RaceOptimizer, Hyper> =>
  Object.fromEntries(RACE_OPTIMIZERS.map((o) => [o, { ...DEFAULT_HYPER, lr: surface.lr[o] }])) as Record<RaceOptimizer, Hyper>;

/** A canvas sized in CSS pixels and backed at the device's resolution; returns its context. */
function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** Follow an element's width (whole pixels, at most `max`; widths under 100 px are ignored). */
function useBoxWidth(ref: RefObject<HTMLElement | null>, set: (w: number) => void, max = Infinity): void {
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const w = Math.min(max, Math.floor(box.clientWidth));
      if (w > 100) set(w);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    measure();
    return () => observer.disconnect();
  }, [ref, set, max]);
}

export interface RaceLabProps {
  /** False while another tab is on screen: the animation stops. */
  active: boolean;
}

/**
 * The optimizer race: seven optimizers on one surface from one start, animated on the main thread
 * (7 × 2 parameters is cheap). The contour map is painted once per surface and size; the paths
 * every frame on a canvas above it; the legend is React, rendered inside the frame (flushSync) so a
 * frame's cost is measured whole.
 */
export function RaceLab({ active }: RaceLabProps) {
  const t = useT();
  const landscape = useLandscape();
  const sliceData = landscape.slice.data;
  // The learner's network as a surface, once a slice of it has been taken (a new slice, a new surface).
  const networkSurface = useMemo(() => (sliceData ? surfaceFromGrid(sliceData) : null), [sliceData]);
  const surfaceOf = useCallback((id: RaceSurfaceId): Surface => (id === 'network' ? networkSurface : SURFACES[id]) ?? SURFACES.ravine, [networkSurface]);
  const [surfaceId, setSurfaceId] = useState<RaceSurfaceId>('ravine');
  const surface = surfaceOf(surfaceId);
  const [start, setStart] = useState<[number, number]>(surface.start);
  const [hyper, setHyper] = useState(() => hyperFor(SURFACES.ravine));
  const [shown, setShown] = useState<ReadonlySet<RaceOptimizer>>(() => new Set(RACE_OPTIMIZERS));
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(2);
  const [width, setWidth] = useState(600);
  // The race is mutable (paths grow in place) and lives outside render; `view` is what the DOM
  // shows of it, published after each change.
  const race = useRef<Race | null>(null);
  const [view, setView] = useState<RaceView>(() => viewOf(createRace(surface, start)));
  const bump = useCallback(() => {
    if (race.current) setView(viewOf(race.current));
  }, []);

  const mapBox = useRef<HTMLDivElement>(null);
  const contourCanvas = useRef<HTMLCanvasElement>(null);
  const pathCanvas = useRef<HTMLCanvasElement>(null);
  const pathCtx = useRef<CanvasRenderingContext2D | null>(null);
  const chartBox = useRef<HTMLDivElement>(null);
  const chartCanvas = useRef<HTMLCanvasElement>(null);
  const chartCtx = useRef<CanvasRenderingContext2D | null>(null);
  const [chartWidth, setChartWidth] = useState(400);
  const height = Math.round((width * 2) / 3);
  const frame: MapFrame = useMemo(() => ({ width, height, x: surface.x, y: surface.y }), [width, height, surface]);

  // Latest values for the animation loop without restarting it.
  const live = useRef({ hyper, shown, start, frame, speed, surface, chartWidth });
  useLayoutEffect(() => {
    live.current = { hyper, shown, start, frame, speed, surface, chartWidth };
  });

  const getRace = useCallback((): Race => {
    race.current ??= createRace(live.current.surface, live.current.start);
    return race.current;
  }, []);

  const paint = useCallback(() => {
    const ctx = pathCtx.current;
    const l = live.current;
    if (ctx) paintPaths(ctx, getRace().lanes, l.shown, l.start, l.frame);
    const [m] = l.surface.minima;
    if (chartCtx.current) paintLossChart(chartCtx.current, getRace().lanes, l.shown, l.surface.f(m[0], m[1]), l.chartWidth, CHART_HEIGHT);
  }, [getRace]);

  const restart = useCallback(
    (s: typeof surface, at: [number, number]) => {
      race.current = createRace(s, at);
      paint();
      bump();
    },
    [paint, bump],
  );

  useBoxWidth(mapBox, setWidth, MAX_MAP_WIDTH);
  useBoxWidth(chartBox, setChartWidth);

  // The contour map: once per surface and size.
  useLayoutEffect(() => {
    const canvas = contourCanvas.current;
    if (!canvas) return;
    const ctx = sizeCanvas(canvas, frame.width, frame.height);
    if (ctx) paintContours(ctx, surface, frame);
  }, [surface, frame]);

  useLayoutEffect(() => {
    const canvas = pathCanvas.current;
    if (!canvas) return;
    const ctx = sizeCanvas(canvas, frame.width, frame.height);
    pathCtx.current = ctx;
    const chart = chartCanvas.current;
    chartCtx.current = chart ? sizeCanvas(chart, chartWidth, CHART_HEIGHT) : null;
    paint();
  }, [frame, paint, shown, start, chartWidth]);

  // The loop: requestAnimationFrame while playing and on screen.
  useEffect(() => {
    if (!playing || !active) return;
    let id = 0;
    const tick = () => {
      const t0 = performance.now();
      const r = getRace();
      for (let k = 0; k < live.current.speed; k++) stepRace(r, live.current.hyper);
      paint();
      const done = raceFinished(r);
      flushSync(() => {
        bump();
        if (done) setPlaying(false);
      });
      FRAME_LOG.push(performance.now() - t0);
      if (FRAME_LOG.length > 1000) FRAME_LOG.splice(0, FRAME_LOG.length - 1000);
      if (!done) id = requestAnimationFrame(tick);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }, [playing, active, paint, bump, getRace]);

  // Space plays and pauses the race while its tab is on screen (the shell leaves Space to it there).
  useEffect(() => {
    if (!active) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== ' ' || e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      if (target && (['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName) || target.isContentEditable)) return;
      e.preventDefault();
      setPlaying((p) => !p);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  const chooseSurface = (id: RaceSurfaceId, s: Surface = surfaceOf(id)) => {
    setSurfaceId(id);
    setStart(s.start);
    setHyper(hyperFor(s));
    setPlaying(false);
    race.current = createRace(s, s.start);
    live.current = { ...live.current, surface: s, start: s.start };
    bump();
  };

  // A slice just arrived: race on it.
  const shownSlice = useRef(networkSurface);
  useEffect(() => {
    if (!networkSurface || networkSurface === shownSlice.current) return;
    shownSlice.current = networkSurface;
    chooseSurface('network', networkSurface);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new slice switches the surface
  }, [networkSurface]);

  // A lesson's request (store/labStatus.ts): a surface, a speed, play; taken, then cleared. Read
  // through a subscription (the tab may mount after the request was made). Without a store (the
  // race on its own, in tests) there are no requests and nothing to report.
  const store = useContext(StoreContext);
  const onRequest = useRef<(r: NonNullable<LabRequests['race']>) => void>(() => {});
  useLayoutEffect(() => {
    onRequest.current = (r) => {
      if (r.surface) chooseSurface(r.surface);
      if (r.speed) setSpeed(r.speed);
      if (r.play !== undefined) setPlaying(r.play);
    };
  });
  useEffect(() => {
    if (!store) return;
    const take = (s: AppState) => {
      const r = s.labRequests.race;
      if (!r) return;
      s.clearLabRequest('race');
      onRequest.current(r);
    };
    take(store.getState());
    return store.subscribe(take);
  }, [store]);

  // What lessons read: the surface, the steps, each lane's loss (null once diverged).
  useEffect(() => {
    const losses = Object.fromEntries(view.lanes.map((l) => [l.opt, l.diverged ? null : l.loss]));
    store?.getState().reportLab({ race: { surface: surfaceId, step: view.step, playing, losses } });
  }, [store, view, surfaceId, playing]);

  const step = () => {
    setPlaying(false);
    stepRace(getRace(), hyper);
    paint();
    bump();
  };

  const reset = () => {
    setPlaying(false);
    restart(surface, start);
  };

  const moveStart = (at: [number, number]) => {
    const clamped: [number, number] = [Math.min(surface.x[1], Math.max(surface.x[0], at[0])), Math.min(surface.y[1], Math.max(surface.y[0], at[1]))];
    setStart(clamped);
    live.current = { ...live.current, start: clamped };
    restart(surface, clamped);
  };

  const dragging = useRef(false);
  const pointAt = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const rect = e.currentTarget.getBoundingClientRect();
    return fromCanvas(frame, e.clientX - rect.left, e.clientY - rect.top);
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    moveStart(pointAt(e));
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (dragging.current) moveStart(pointAt(e));
  };
  const onPointerUp = () => {
    dragging.current = false;
  };
  const onMapKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const dx = (surface.x[1] - surface.x[0]) / 50;
    const dy = (surface.y[1] - surface.y[0]) / 50;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    moveStart([start[0] + m[0], start[1] + m[1]]);
  };

  const onToggle = (opt: RaceOptimizer, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(opt);
    else next.delete(opt);
    setShown(next);
  };
  const onHyper = (opt: RaceOptimizer, patch: Partial<Hyper>) => setHyper((h) => ({ ...h, [opt]: { ...h[opt], ...patch } }));

  const entries: LegendEntry[] = view.lanes.map((l) => ({ ...l, shown: shown.has(l.opt), lr: hyper[l.opt].lr }));
  const { finished } = view;

  return (
    <div className="race-lab" data-tour="race" data-testid="race-lab" data-step={view.step} data-playing={playing ? 'true' : 'false'}>
      <div className="race-head">
        <h2>{t('race.title')}</h2>
        <p className="hint">{t('race.intro')}</p>
      </div>
      <div className="race-body">
        <div className="race-map-col" ref={mapBox}>
          <Figure name={`optimizer-race-${surfaceId}`}>
          <div className="race-map" style={{ width, height }} data-tour="race-map">
            <canvas ref={contourCanvas} aria-hidden="true" />
            <canvas
              ref={pathCanvas}
              className="race-paths"
              role="img"
              tabIndex={0}
              aria-label={t('race.map')}
              data-testid="race-map"
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={onPointerUp}
              onKeyDown={onMapKey}
            />
          </div>
          </Figure>
          <p className="hint race-surface-hint">{t(`race.surfaceHint.${surfaceId}`)}</p>
        </div>
        <div className="race-side">
          <div className="race-controls">
            <label className="control" data-tour="race-surface">
              <span className="control-label">{t('race.surface')}</span>
              <select value={surfaceId} onChange={(e) => chooseSurface(e.target.value as RaceSurfaceId)} data-testid="race-surface">
                {[...SURFACE_IDS, ...(networkSurface ? (['network'] as const) : [])].map((id) => (
                  <option key={id} value={id}>
                    {t(`race.surface.${id}`)}
                  </option>
                ))}
              </select>
            </label>
            <div className="race-buttons">
              <button type="button" className={playing ? 'primary' : ''} onClick={() => setPlaying((p) => !p)} disabled={finished && !playing} data-testid="race-play">
                {playing ? `❚❚ ${t('race.pause')}` : `▶ ${t('race.play')}`}
              </button>
              <button type="button" onClick={step} disabled={finished} data-testid="race-step">
                {t('race.step')}
              </button>
              <button type="button" onClick={reset} data-testid="race-reset">
                {t('race.reset')}
              </button>
            </div>
            <label className="control">
              <span className="control-label">{t('race.speed')}</span>
              <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="race-speed">
                {(SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? SPEEDS : [...SPEEDS, speed]).map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <SliceControl {...landscape} />
          <p className="race-status" data-testid="race-status">
            <span>{t('race.steps', { n: view.step })}</span>
            {finished ? <span> · {t('race.finished')}</span> : null}
            <span className="race-start"> · {t('race.start', { x: formatValue(start[0], 3), y: formatValue(start[1], 3) })}</span>
          </p>
          <RaceLegend entries={entries} onToggle={onToggle} onLr={(opt, lr) => onHyper(opt, { lr })} />
          <button type="button" className="race-defaults" onClick={() => setHyper(hyperFor(surface))} data-testid="race-defaults">
            {t('race.defaults')}
          </button>
          <figure className="race-chart" ref={chartBox} data-tour="race-chart">
            <figcaption className="hint">{t('race.chart')}</figcaption>
            <canvas ref={chartCanvas} role="img" aria-label={t('race.chart.label')} data-testid="race-chart" />
          </figure>
        </div>
      </div>
      <RaceExplain hyper={hyper} onHyper={onHyper} slice={networkSurface !== null} />
    </div>
  );
}

export default RaceLab;
