import { useMemo } from 'react';
import { prepareData } from '../../training/prepare';
import { numClassesOf, taskOf, type Experiment } from '../../models/spec';
import type { Table } from '../../data/table';
import { layoutTable } from '../../data/tableEncode';
import { HandPointsLayer } from './HandPointsLayer';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { selectProbes } from '../../store/selectors';
import { MetricChart, MetricNumbers } from '../../panels/TrainingMetrics';
import { DecisionBoundary } from './DecisionBoundary';

import { useHidden } from '../../panels/useHidden';
import { useBackpropMode } from './BackpropContext';
import { exampleIndexOf, nearestTrainingPoint } from './backpropExample';
import { Figure } from '../../ui/Figure';

/** The points to draw; a table not on this device has none (its notice says which file to open). */
function pointsOf(exp: Experiment, table: Table | null) {
  try {
    return prepareData(exp, { table: table ?? undefined });
  } catch {
    return null;
  }
}

/** A table's two chosen inputs, as the axes' names. */
function tableAxes(exp: Experiment, table: Table | null): [string, string] | undefined {
  const ref = exp.dataset.kind === 'table' ? exp.dataset.table : null;
  if (!ref || !table || table.hash !== ref.hash) return undefined;
  const layout = layoutTable(table, ref.label, ref.task);
  if ('key' in layout) return undefined;
  return [layout.inputs[ref.axes[0]]?.name ?? '', layout.inputs[ref.axes[1]]?.name ?? ''];
}

function Boundary() {
  const t = useT();
  const dataset = useAppStore((s) => s.experiment.dataset);
  const seed = useAppStore((s) => s.experiment.seed);
  const experiment = useAppStore((s) => s.experiment);
  const table = useAppStore((s) => s.table);
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
  const data = useMemo(() => pointsOf(experiment, table), [dataset, seed, table]);
  const points = data?.points ?? null;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const axisLabels = useMemo(() => tableAxes(experiment, table), [dataset, table]);
  const task = taskOf(dataset);
  const backprop = useBackpropMode();
  const example = backprop.open && points ? exampleIndexOf(points.test, backprop.example) : null;
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
  if (!points) return dataset.kind === 'table' ? <p className="hint" data-testid="boundary-empty">{t('own.noTable')}</p> : null;
  return (
    <div className="boundary-wrap">
      <Figure name="decision-boundary">
      <DecisionBoundary
        grid={grid}
        gridSize={gridSize}
        task={gridTask}
        numClasses={numClassesOf(dataset)}
        points={points}
        showTestData={view.showTestData}
        discretize={view.discretize}
        palette={view.palette}
        size={300}
        marker={example !== null && points ? { x1: points.xs[2 * example], x2: points.xs[2 * example + 1], label: t('bp.marker', { n: example + 1 }) } : null}
        axisLabels={axisLabels}
        overlay={dataset.kind === 'hand' && !backprop.open ? <HandPointsLayer size={300} /> : null}
        onPick={backprop.open && points ? (x1, x2) => backprop.setExample(nearestTrainingPoint(points, x1, x2)) : undefined}
      />
      </Figure>
      {hovered ? <p className="hint">{t('out.hovered', { layer: layerName(hovered.layer), unit: hovered.unit + 1 })}</p> : null}
      <div className="toggles">
        {hideTest ? null : (
          <label data-tour="show-test-data">
            <input type="checkbox" checked={view.showTestData} onChange={(e) => setView({ showTestData: e.target.checked })} data-testid="show-test" /> {t('out.showTest')}
          </label>
        )}
        {hideDiscretize ? null : (
          <label>
            <input type="checkbox" checked={view.discretize} onChange={(e) => setView({ discretize: e.target.checked })} data-testid="discretize" /> {t('out.discretize')}
          </label>
        )}
        <label title={t('a11y.palette.hint')}>
          <input
            type="checkbox"
            checked={view.palette === 'okabeIto'}
            onChange={(e) => setView({ palette: e.target.checked ? 'okabeIto' : 'standard' })}
            data-testid="palette-safe"
          />{' '}
          {t('a11y.palette.safe')}
        </label>
      </div>
    </div>
  );
}

export function OutputPanel() {
  const t = useT();
  return (
    <section className="panel output-panel" aria-labelledby="output-title">
      <h2 id="output-title">{t('out.title')}</h2>
      <MetricNumbers />
      <MetricChart />
      <Boundary />
    </section>
  );
}
