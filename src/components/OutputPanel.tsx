import { useMemo, useState } from 'react';
import { prepareData } from '../data/prepare';
import { numClassesOf, taskOf } from '../models/spec';
import { useT } from '../i18n';
import { useAppStore } from '../store/context';
import { selectActiveRun, selectHistory, selectProbes } from '../store/selectors';
import { DecisionBoundary } from '../visualizations/DecisionBoundary';
import { ImageGrid } from '../visualizations/ImageGrid';
import { LossChart } from '../visualizations/LossChart';
import { SHAPE_NAMES } from '../data/shapes';

/** Index of the largest value in row `row` of a row-major matrix. */
function argmax(values: Float32Array, row: number, width: number): number {
  let best = 0;
  for (let j = 1; j < width; j++) if (values[row * width + j] > values[row * width + best]) best = j;
  return best;
}
import { useHidden } from './useHidden';

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

export function Numbers() {
  const t = useT();
  const latest = useAppStore((s) => selectActiveRun(s).latest);
  const classify = useAppStore((s) => taskOf(s.experiment.dataset) !== 'regression');
  return (
    <dl className="numbers">
      <div>
        <dt>{t('out.testLoss')}</dt>
        <dd data-testid="test-loss">{fmt(latest?.testLoss)}</dd>
      </div>
      <div>
        <dt>{t('out.trainLoss')}</dt>
        <dd data-testid="train-loss">{fmt(latest?.trainLoss)}</dd>
      </div>
      {classify ? (
        <>
          <div>
            <dt>{t('out.testAcc')}</dt>
            <dd data-testid="test-acc">{pct(latest?.testAcc)}</dd>
          </div>
          <div>
            <dt>{t('out.trainAcc')}</dt>
            <dd data-testid="train-acc">{pct(latest?.trainAcc)}</dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}

export function Chart({ width = 340 }: { width?: number } = {}) {
  const t = useT();
  const history = useAppStore(selectHistory);
  const markers = useAppStore((s) => selectActiveRun(s).markers);
  const classify = useAppStore((s) => taskOf(s.experiment.dataset) !== 'regression');
  const [metric, setMetric] = useState<'loss' | 'accuracy'>('loss');
  const shown = classify ? metric : 'loss';
  return (
    <div className="chart">
      {classify ? (
        <div className="segmented" role="radiogroup" aria-label={t('out.metric')}>
          {(['loss', 'accuracy'] as const).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={shown === m} className={shown === m ? 'on' : ''} onClick={() => setMetric(m)}>
              {t(m === 'loss' ? 'out.metricLoss' : 'out.metricAccuracy')}
            </button>
          ))}
        </div>
      ) : null}
      <LossChart history={history} metric={shown} markers={markers} width={width} height={140} />
    </div>
  );
}

function Boundary() {
  const t = useT();
  const dataset = useAppStore((s) => s.experiment.dataset);
  const seed = useAppStore((s) => s.experiment.seed);
  const experiment = useAppStore((s) => s.experiment);
  const probes = useAppStore(selectProbes);
  const hovered = useAppStore((s) => s.hoveredNeuron);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const hideTest = useHidden('showTestData');
  const columns = useAppStore((s) => s.experiment.network.nodes.filter((n) => n.type === 'Dense').length + 1);
  const layerName = (column: number) => (column === 0 ? t('net.input') : column === columns - 1 ? t('net.output') : t('net.hiddenName', { n: column }));
  const hideDiscretize = useHidden('discretize');
  // The points are cheap to make and seeded: compute them here rather than ship them from the worker.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const data = useMemo(() => prepareData(experiment), [dataset, seed]);
  const points = data.points;
  const task = taskOf(dataset);
  let grid = probes?.boundary ?? null;
  let gridSize = probes?.gridSize ?? 64;
  let gridTask = task;
  if (hovered && probes) {
    const column = probes.neurons[hovered.layer];
    const g2 = probes.neuronGridSize ** 2;
    if (column && column.length >= (hovered.unit + 1) * g2) {
      grid = column.subarray(hovered.unit * g2, (hovered.unit + 1) * g2);
      gridSize = probes.neuronGridSize;
      gridTask = 'binary';
    }
  }
  if (!points) {
    // Images have no input plane to colour; show what the network learns from instead.
    return (
      <div className="boundary-wrap">
        <p className="hint">{t('out.samples')}</p>
        <ImageGrid
          pixels={data.trainX}
          size={data.inputShape[0]}
          count={16}
          columns={4}
          captions={Array.from({ length: 16 }, (_, i) => t(`shape.${SHAPE_NAMES[argmax(data.trainY, i, data.targetWidth)]}`))}
          label={t('out.samples')}
        />
      </div>
    );
  }
  return (
    <div className="boundary-wrap">
      <DecisionBoundary
        grid={grid}
        gridSize={gridSize}
        task={gridTask}
        numClasses={numClassesOf(dataset)}
        points={points}
        showTestData={view.showTestData}
        discretize={view.discretize}
        size={300}
      />
      {hovered ? <p className="hint">{t('out.hovered', { layer: layerName(hovered.layer), unit: hovered.unit + 1 })}</p> : null}
      <div className="toggles">
        {hideTest ? null : (
          <label>
            <input type="checkbox" checked={view.showTestData} onChange={(e) => setView({ showTestData: e.target.checked })} data-testid="show-test" /> {t('out.showTest')}
          </label>
        )}
        {hideDiscretize ? null : (
          <label>
            <input type="checkbox" checked={view.discretize} onChange={(e) => setView({ discretize: e.target.checked })} data-testid="discretize" /> {t('out.discretize')}
          </label>
        )}
      </div>
    </div>
  );
}

export function OutputPanel() {
  const t = useT();
  return (
    <section className="panel output-panel" aria-labelledby="output-title">
      <h2 id="output-title">{t('out.title')}</h2>
      <Numbers />
      <Chart />
      <Boundary />
    </section>
  );
}
