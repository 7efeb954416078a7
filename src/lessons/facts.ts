/**
 * The facts a lesson's conditions read, computed from what is on screen: the store's state.
 * Pure: a fresh record per call, no caching (the panel throttles how often it asks).
 */

import { summarizeDynamics } from '../charts/dynamicsStats';
import { transferFacts } from './transferFacts';
import { antiDiagonalScore, diagonalScore, isValidAttentionMap } from '../charts/attentionScores';
import { FEATURE_IDS, modalityOf, type Experiment } from '../models/spec';
import { analyze, withDefaults } from '../models/analysis';
import { readPlayground } from '../models/playground';
import { finalOf } from '../models/pinnedRuns';
import { TYPED_CATALOG, type LayerType } from '../models/catalog';
import type { AppState } from '../store/types';
import { raceLeader } from '../store/labStatus';
import { RACE_OPTIMIZERS } from '../models/optimizers';
import type { AttentionMap } from '../training/protocol';
import { explainFacts } from './explainFacts';
import { latentFacts } from './latentFacts';
import type { FactName } from './format';
import { compressFacts } from './compressFacts';
import { recommenderFacts } from './recommenderFacts';
import { adversarialFactsOf } from './adversarialFacts';
import { distillFacts } from './distillFacts';
import type { Facts, FactValue } from './conditions';

type NamedFacts = { [K in FactName]: FactValue };

const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The head-averaged score of the encoder's self-attention layer that shows the pattern most, or
 * null. The strongest layer, not the last: in a two-block reverse model either block may be the one
 * that learns to reverse (measured: block 1 at 0.58 anti-diagonal while block 2 attends to itself).
 */
export function encoderAttentionScore(maps: readonly AttentionMap[], score: (map: AttentionMap, h: number) => number): number | null {
  const self = maps.filter((m) => m.kind === 'self' && !m.causal && isValidAttentionMap(m));
  if (!self.length) return null;
  return Math.max(
    ...self.map((map) => {
      let sum = 0;
      for (let h = 0; h < map.heads; h++) sum += score(map, h);
      return sum / map.heads;
    }),
  );
}

function networkFacts(exp: Experiment) {
  const { nodes } = exp.network;
  const analysis = analyze(exp.network);
  const playground = readPlayground(exp.network);
  const outputs = new Set(analysis.outputs);
  const hidden = playground
    ? playground.hidden.map((l) => ({ units: l.units, activation: l.activation as string }))
    : nodes.filter((n) => n.type === 'Dense' && !outputs.has(n.id)).map((n) => {
        const p = withDefaults(n);
        return { units: Number(p.units) || 0, activation: String(p.activation) };
      });
  const activations = new Set(hidden.map((h) => h.activation));
  let dropout = 0;
  let heads: number | null = null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const id of analysis.order.length ? analysis.order : nodes.map((n) => n.id)) {
    const node = byId.get(id);
    if (!node) continue;
    const p = withDefaults(node);
    if (node.type === 'Dropout' || typeof p.dropout === 'number') dropout = Math.max(dropout, Number(node.type === 'Dropout' ? p.rate : p.dropout) || 0);
    if (heads === null && typeof p.numHeads === 'number') heads = p.numHeads;
  }
  return {
    hiddenLayers: hidden.length,
    neurons: hidden.reduce((s, h) => s + h.units, 0),
    activation: activations.size === 1 ? [...activations][0] : activations.size === 0 ? null : 'mixed',
    dropout,
    params: analysis.errors.length ? null : analysis.totalParams,
    layers: nodes.length,
    heads,
  };
}

/** The lowest final test loss among the pinned runs, or null when none has one. */
function bestPinnedTestLoss(state: AppState): number | null {
  const losses = state.pinned.map((r) => num(finalOf(r)?.testLoss)).filter((v): v is number => v !== null);
  return losses.length ? Math.min(...losses) : null;
}

/** Every fact of FACTS, plus `layer.<Type>` counts and `feature.<id>` flags, from the store. */
export function factsOf(state: AppState): Facts {
  const exp = state.experiment;
  const run = state.runs[state.activeRunId];
  const m = run?.latest ?? null;
  const part = run?.part;
  const seq = part?.lab === 'sequences' ? part : null;
  const attention = seq?.sequences?.attention ?? [];
  const net = networkFacts(exp);
  const dyn = summarizeDynamics(run?.dynamics[run.dynamics.length - 1]);
  const aug = exp.training.augmentation;
  const trainLoss = num(m?.trainLoss);
  const testLoss = num(m?.testLoss);
  const trainAcc = num(m?.trainAcc);
  const testAcc = num(m?.testAcc);
  const named: NamedFacts = {
    status: run?.status ?? null,
    epoch: run ? run.epoch : null,
    step: run ? run.step : null,
    trainLoss,
    testLoss,
    trainAcc,
    testAcc,
    trainSeqAcc: num(m?.trainSeqAcc),
    testSeqAcc: num(m?.testSeqAcc),
    lossGap: trainLoss !== null && testLoss !== null ? testLoss - trainLoss : null,
    accGap: trainAcc !== null && testAcc !== null ? trainAcc - testAcc : null,
    stepsPerSec: run && run.stepsPerSec > 0 ? run.stepsPerSec : null,
    backend: run?.backend ?? null,
    lab: modalityOf(exp.dataset.kind),
    tab: state.editorTab,
    dataset: exp.dataset.kind,
    noise: exp.dataset.noise,
    trainRatio: exp.dataset.trainRatio,
    numPoints: exp.dataset.numPoints,
    batchSize: exp.training.batchSize,
    learningRate: exp.training.learningRate,
    liveLearningRate: num(run?.learningRate),
    schedule: exp.training.schedule.kind,
    earlyStopping: exp.training.earlyStopping.enabled,
    restoreBest: exp.training.earlyStopping.restoreBest,
    earlyStopped: run ? run.earlyStopped !== null : false,
    bestEpoch: exp.training.earlyStopping.enabled ? num(run?.bestEpoch) : null,
    optimizer: exp.training.optimizer,
    loss: exp.training.loss,
    regularization: exp.training.regularization,
    regularizationRate: exp.training.regularizationRate,
    features: exp.dataset.features.length,
    hiddenLayers: net.hiddenLayers,
    neurons: net.neurons,
    activation: net.activation,
    dropout: net.dropout,
    params: net.params,
    layers: net.layers,
    augmented: aug.shift > 0 || aug.rotate > 0 || aug.zoom > 0 || aug.flip || aug.noise > 0,
    seqLength: exp.dataset.sequence.length,
    language: exp.dataset.sequence.language,
    drawn: state.drawing !== null,
    generated: seq ? seq.generated !== null : false,
    antiDiagonal: encoderAttentionScore(attention, antiDiagonalScore),
    diagonal: encoderAttentionScore(attention, diagonalScore),
    heads: net.heads,
    pinnedRuns: state.pinned.length,
    pinnedBestTestLoss: bestPinnedTestLoss(state),
    backpropOpen: state.labStatus.backprop.open,
    backpropPhase: state.labStatus.backprop.open ? state.labStatus.backprop.phase : null,
    raceSurface: state.labStatus.race?.surface ?? null,
    raceStep: state.labStatus.race?.step ?? null,
    raceLeader: raceLeader(state.labStatus.race),
    gradNormRatio: dyn.gradNormRatio,
    minGradNorm: dyn.minGradNorm,
    deadReluShare: dyn.deadReluShare,
    maxUpdateRatio: dyn.maxUpdateRatio,
    ...compressFacts(state),
    ...adversarialFactsOf(state),
    ...explainFacts(state),
    ...distillFacts(state),
    ...transferFacts(state),
    ...latentFacts(state),
    ...recommenderFacts(state),
  };
  // No prototype: a family member is looked up by a name that came from lesson data.
  const facts: Record<string, FactValue> = Object.assign(Object.create(null) as Record<string, FactValue>, named);
  for (const type of Object.keys(TYPED_CATALOG) as LayerType[]) facts[`layer.${type}`] = 0;
  for (const node of exp.network.nodes) if (`layer.${node.type}` in facts) facts[`layer.${node.type}`] = (facts[`layer.${node.type}`] as number) + 1;
  for (const id of FEATURE_IDS) facts[`feature.${id}`] = exp.dataset.features.includes(id);
  for (const opt of RACE_OPTIMIZERS) facts[`race.${opt}`] = num(state.labStatus.race?.losses[opt]);
  return facts;
}
