import { withDefaults } from './params';
import { distillationDiff } from './distillation';
import type { Experiment, LayerNode, ParamValue } from './spec';

/**
 * What differs between two Experiments, in words a learner reads in the pinned runs' legend:
 * "optimizer: SGD → Adam", "batch normalization: off → on", "dropout: 0 → 0.3", "h3 (Dense) added".
 * Each item is an i18n key with plain values (`vars`) and values that are themselves message keys
 * (`keyVars`: an optimizer's or a layer type's name), translated when shown. Pure, no i18n here.
 */
export interface DiffItem {
  key: string;
  vars?: Record<string, string | number>;
  keyVars?: Record<string, string>;
  /** Values that are themselves items, put in words first (a run's start: "pre-trained (mnist-cnn)"). */
  nested?: Record<string, DiffItem>;
}

/** A number as a learner wrote it: 0.1 + 0.2 shows as 0.3, not 0.30000000000000004. */
const num = (v: number) => Number(v.toPrecision(6));

const show = (v: ParamValue | undefined): string => (v === undefined ? '—' : Array.isArray(v) ? v.join('×') : typeof v === 'number' ? String(num(v)) : String(v));

const onOff = (on: boolean) => (on ? 'pin.on' : 'pin.off');

/** The largest dropout rate anywhere (a Dropout layer's rate, or a block's own dropout). */
function maxDropout(nodes: readonly LayerNode[]): number {
  let max = 0;
  for (const n of nodes) {
    const p = withDefaults(n) as Record<string, ParamValue>;
    const rate = n.type === 'Dropout' ? p.rate : p.dropout;
    if (typeof rate === 'number' && rate > max) max = rate;
  }
  return max;
}

const count = (nodes: readonly LayerNode[], type: string) => nodes.filter((n) => n.type === type).length;

/** Layers whose adding and removing the summary items above already say (batch norm, dropout). */
const SUMMARIZED = new Set(['BatchNormalization', 'Dropout']);

function networkDiff(a: Experiment, b: Experiment): DiffItem[] {
  const out: DiffItem[] = [];
  const an = a.network.nodes;
  const bn = b.network.nodes;
  const bnA = count(an, 'BatchNormalization');
  const bnB = count(bn, 'BatchNormalization');
  if ((bnA > 0) !== (bnB > 0)) out.push({ key: 'pin.diff.batchNorm', keyVars: { from: onOff(bnA > 0), to: onOff(bnB > 0) } });
  else if (bnA !== bnB) out.push({ key: 'pin.diff.batchNormCount', vars: { from: bnA, to: bnB } });
  const dropA = maxDropout(an);
  const dropB = maxDropout(bn);
  const dropoutSaid = dropA !== dropB;
  if (dropoutSaid) out.push({ key: 'pin.diff.dropout', vars: { from: num(dropA), to: num(dropB) } });

  const byIdA = new Map(an.map((n) => [n.id, n]));
  const byIdB = new Map(bn.map((n) => [n.id, n]));
  for (const n of an) {
    if (!byIdB.has(n.id) && !SUMMARIZED.has(n.type)) out.push({ key: 'pin.diff.layerRemoved', vars: { id: n.id }, keyVars: { type: `layer.${n.type}.name` } });
  }
  for (const n of bn) {
    const before = byIdA.get(n.id);
    if (!before) {
      if (!SUMMARIZED.has(n.type)) out.push({ key: 'pin.diff.layerAdded', vars: { id: n.id }, keyVars: { type: `layer.${n.type}.name` } });
      continue;
    }
    if (before.type !== n.type) {
      out.push({ key: 'pin.diff.layerType', vars: { id: n.id }, keyVars: { from: `layer.${before.type}.name`, to: `layer.${n.type}.name` } });
      continue;
    }
    const pa = withDefaults(before) as Record<string, ParamValue>;
    const pb = withDefaults(n) as Record<string, ParamValue>;
    for (const name of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
      // A dropout rate that changed the largest rate was said above.
      if (dropoutSaid && (name === 'dropout' || (n.type === 'Dropout' && name === 'rate'))) continue;
      if (show(pa[name]) !== show(pb[name])) out.push({ key: 'pin.diff.param', vars: { id: n.id, param: name, from: show(pa[name]), to: show(pb[name]) } });
    }
    if (before.inputs.join('\u0000') !== n.inputs.join('\u0000') && !before.inputs.some((i) => SUMMARIZED.has(byIdA.get(i)?.type ?? '')) && !n.inputs.some((i) => SUMMARIZED.has(byIdB.get(i)?.type ?? ''))) {
      out.push({ key: 'pin.diff.wiring', vars: { id: n.id } });
    }
  }
  const frozenA = an.filter((n) => n.trainable === false).map((n) => n.id);
  const frozenB = bn.filter((n) => n.trainable === false).map((n) => n.id);
  if (frozenA.join() !== frozenB.join()) {
    // "frozen: conv1, conv2 → none"; an empty list is a word, translated.
    const side = (ids: string[]) => (ids.length ? { vars: ids.join(', ') } : { keyVars: 'transfer.none' });
    const [from, to] = [side(frozenA), side(frozenB)];
    out.push({
      key: 'pin.diff.frozen',
      vars: { ...('vars' in from ? { from: from.vars } : {}), ...('vars' in to ? { to: to.vars } : {}) },
      keyVars: { ...('keyVars' in from ? { from: from.keyVars } : {}), ...('keyVars' in to ? { to: to.keyVars } : {}) },
    });
  }
  return out;
}

function trainingDiff(a: Experiment, b: Experiment): DiffItem[] {
  const ta = a.training;
  const tb = b.training;
  const out: DiffItem[] = [];
  if (ta.optimizer !== tb.optimizer) out.push({ key: 'pin.diff.optimizer', keyVars: { from: `opt.${ta.optimizer}`, to: `opt.${tb.optimizer}` } });
  if (ta.learningRate !== tb.learningRate) out.push({ key: 'pin.diff.learningRate', vars: { from: num(ta.learningRate), to: num(tb.learningRate) } });
  const usesMomentum = (o: string) => o === 'momentum' || o === 'nesterov';
  if (ta.momentum !== tb.momentum && (usesMomentum(ta.optimizer) || usesMomentum(tb.optimizer))) out.push({ key: 'pin.diff.momentum', vars: { from: num(ta.momentum), to: num(tb.momentum) } });
  if (ta.batchSize !== tb.batchSize) out.push({ key: 'pin.diff.batchSize', vars: { from: ta.batchSize, to: tb.batchSize } });
  if (ta.loss !== tb.loss) out.push({ key: 'pin.diff.loss', keyVars: { from: `loss.${ta.loss}`, to: `loss.${tb.loss}` } });
  if (ta.regularization !== tb.regularization) out.push({ key: 'pin.diff.regularization', keyVars: { from: `reg.${ta.regularization}`, to: `reg.${tb.regularization}` } });
  if (ta.regularizationRate !== tb.regularizationRate && (ta.regularization !== 'none' || tb.regularization !== 'none')) {
    out.push({ key: 'pin.diff.regularizationRate', vars: { from: num(ta.regularizationRate), to: num(tb.regularizationRate) } });
  }
  if (ta.schedule.kind !== tb.schedule.kind) out.push({ key: 'pin.diff.schedule', keyVars: { from: `sched.${ta.schedule.kind}`, to: `sched.${tb.schedule.kind}` } });
  else if (JSON.stringify(ta.schedule) !== JSON.stringify(tb.schedule)) out.push({ key: 'pin.diff.scheduleSettings' });
  if (ta.earlyStopping.enabled !== tb.earlyStopping.enabled) out.push({ key: 'pin.diff.earlyStopping', keyVars: { from: onOff(ta.earlyStopping.enabled), to: onOff(tb.earlyStopping.enabled) } });
  else if (ta.earlyStopping.enabled && JSON.stringify(ta.earlyStopping) !== JSON.stringify(tb.earlyStopping)) out.push({ key: 'pin.diff.earlyStoppingSettings' });
  if (JSON.stringify(ta.augmentation) !== JSON.stringify(tb.augmentation)) out.push({ key: 'pin.diff.augmentation' });
  out.push(...distillationDiff(ta, tb));
  return out;
}

function datasetDiff(a: Experiment, b: Experiment): DiffItem[] {
  const da = a.dataset;
  const db = b.dataset;
  const out: DiffItem[] = [];
  if (da.kind !== db.kind) out.push({ key: 'pin.diff.dataset', keyVars: { from: `ds.${da.kind}`, to: `ds.${db.kind}` } });
  if (da.noise !== db.noise) out.push({ key: 'pin.diff.noise', vars: { from: da.noise, to: db.noise } });
  if (da.numPoints !== db.numPoints) out.push({ key: 'pin.diff.numPoints', vars: { from: da.numPoints, to: db.numPoints } });
  if (da.trainRatio !== db.trainRatio) out.push({ key: 'pin.diff.trainRatio', vars: { from: `${Math.round(da.trainRatio * 100)}%`, to: `${Math.round(db.trainRatio * 100)}%` } });
  if (da.features.join() !== db.features.join()) out.push({ key: 'pin.diff.features', vars: { from: da.features.length, to: db.features.length } });
  if ((da.perClass ?? 0) !== (db.perClass ?? 0)) {
    const side = (k: number | undefined) => (k ? String(k) : null);
    const [from, to] = [side(da.perClass), side(db.perClass)];
    out.push({ key: 'pin.diff.perClass', vars: { ...(from ? { from } : {}), ...(to ? { to } : {}) }, keyVars: { ...(from ? {} : { from: 'pin.diff.all' }), ...(to ? {} : { to: 'pin.diff.all' }) } });
  }
  if (da.classes !== db.classes) out.push({ key: 'pin.diff.classes', vars: { from: da.classes, to: db.classes } });
  if (JSON.stringify(da.sequence) !== JSON.stringify(db.sequence)) out.push({ key: 'pin.diff.sequence' });
  return out;
}

/**
 * How `to` differs from `from`, the most telling first: the training settings, then the network,
 * then the data and the seed. An empty list means the same settings.
 */
export function diffExperiments(from: Experiment, to: Experiment): DiffItem[] {
  const out = [...trainingDiff(from, to), ...networkDiff(from, to), ...datasetDiff(from, to)];
  if (from.seed !== to.seed) out.push({ key: 'pin.diff.seed', vars: { from: from.seed, to: to.seed } });
  return out;
}

/**
 * A short default name for a run from its own settings ("Adam · lr 0.001 · batch norm"), as an i18n
 * key with values; used while the learner has not named the run.
 */
export function describeRun(exp: Experiment): DiffItem {
  const nodes = exp.network.nodes;
  const drop = maxDropout(nodes);
  const bn = count(nodes, 'BatchNormalization') > 0;
  const key = bn ? (drop > 0 ? 'pin.name.bnDropout' : 'pin.name.bn') : drop > 0 ? 'pin.name.dropout' : 'pin.name.plain';
  return { key, vars: { lr: num(exp.training.learningRate), dropout: num(drop) }, keyVars: { optimizer: `opt.${exp.training.optimizer}` } };
}
