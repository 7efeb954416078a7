import type { ReactNode } from 'react';
import { activationSlope, type BackpropResult, type BackpropStep } from '../../models/backprop';
import type { Activation, OptimizerName, Regularizer, Task } from '../../models/spec';
import { formatValue as f } from '../../charts/format';
import type { TFunction } from '../../i18n';
import type { LinkRef } from './BackpropDiagram';
import { deltaKnown, forwardKnown } from './BackpropDiagram';
import {
  ACTIVATION_FORMULA,
  BIAS_GRAD,
  HIDDEN_DELTA,
  LOSS_FORMULA,
  LOSS_SLOPE,
  MSE_MANY,
  MSE_MANY_SLOPE,
  OUTPUT_DELTA,
  SLOPE_FORMULA,
  SOFTMAX_CE_DELTA,
  SOFTMAX_DELTA,
  UPDATE,
  UPDATE_L1,
  UPDATE_L2,
  UPDATE_BIAS,
  WEIGHTED_SUM,
  WEIGHT_GRAD,
} from './backpropFormulas';

/** What the panel says about the chosen example. */
export interface ExampleInfo {
  index: number;
  x1: number;
  x2: number;
  label: number;
  task: Task;
}

/** Training settings the update talks about. */
export interface UpdateInfo {
  learningRate: number;
  regularization: Regularizer;
  regularizationRate: number;
  batchSize: number;
  optimizer: OptimizerName;
  hasDropout: boolean;
  /** The loss on this example after the update (the forward pass redone with the new weights). */
  lossAfter: number | null;
}

export interface BackpropPanelProps {
  result: BackpropResult;
  step: BackpropStep;
  example: ExampleInfo;
  update: UpdateInfo;
  /** Short names per column and unit: x₁, h1.2, out1 … */
  shortName: (column: number, unit: number) => string;
  /** Long names of Dense neurons by layer (0 = first hidden). */
  neuronTitle: (layer: number, unit: number) => string;
  /** The link under the pointer, else the selected one. */
  link: LinkRef | null;
  t: TFunction;
}

/** At most this many rows in a table of terms; the rest are summed up in one line. */
const MAX_ROWS = 8;

function Formula({ children }: { children: ReactNode }) {
  return <div className="bp-formula">{children}</div>;
}

function Rows({ head, rows, more, data, t }: { head: string[]; rows: (string | number)[][]; more?: number; data?: number[]; t: TFunction }) {
  return (
    <table className="bp-table" data-values={data ? JSON.stringify(data) : undefined}>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{typeof c === 'number' ? f(c) : c}</td>
            ))}
          </tr>
        ))}
        {more && more > 0 ? (
          <tr>
            <td colSpan={head.length} className="bp-more">
              {t('bp.fwd.more', { n: more })}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/** `( a ) op ( b )` with negative numbers parenthesised, as written by hand. */
const p = (v: number) => (v < 0 ? `(${f(v)})` : f(v));

function ExampleStep({ result, example, shortName, t }: BackpropPanelProps) {
  const classLine =
    example.task === 'regression'
      ? t('bp.example.value', { value: f(example.label) })
      : example.task === 'binary'
        ? t(example.label > 0 ? 'bp.example.classBlue' : 'bp.example.classOrange')
        : t('bp.example.class', { label: example.label + 1 });
  return (
    <>
      <h4>{t('bp.example.title')}</h4>
      <p data-testid="bp-example-point">{t('bp.example.point', { index: example.index + 1, x1: f(example.x1), x2: f(example.x2) })}</p>
      <p>{classLine}</p>
      <p>{t('bp.example.features')}</p>
      <Rows head={[t('bp.col.input'), 'a']} rows={result.input.map((v, i) => [shortName(0, i), v])} t={t} />
      <p className="hint">{t('bp.example.pick')}</p>
      <p className="hint">{t('bp.example.plan')}</p>
    </>
  );
}

function ForwardStep({ result, step, shortName, t }: BackpropPanelProps & { step: { layer: number; unit: number } }) {
  const L = result.layers[step.layer];
  const prev = step.layer === 0 ? result.input : result.layers[step.layer - 1].a;
  const j = step.unit;
  const terms = prev.map((a, i) => {
    const w = L.kernel[i * L.units + j];
    return [shortName(step.layer, i), w, a, w * a] as (string | number)[];
  });
  const z = L.z[j];
  const softmaxWait = L.activation === 'softmax' && j < L.units - 1;
  const sumLine = `z = ${prev.map((a, i) => `${p(L.kernel[i * L.units + j])}·${p(a)}`).slice(0, 4).join(' + ')}${prev.length > 4 ? ' + …' : ''} + ${p(L.bias[j])} = ${f(z)}`;
  return (
    <>
      <h4>{t('bp.fwd.sum')}</h4>
      <Formula>{WEIGHTED_SUM}</Formula>
      <Rows head={[t('bp.col.input'), t('bp.col.weight'), t('bp.col.act'), t('bp.col.product')]} rows={terms.slice(0, MAX_ROWS)} more={terms.length - MAX_ROWS} t={t} />
      <p className="bp-worked">
        {t('bp.term.bias')} = {f(L.bias[j])}
      </p>
      <Formula>
        <span data-testid="bp-z">{sumLine}</span>
      </Formula>
      <h4>{t('bp.fwd.activation')}</h4>
      <Formula>{ACTIVATION_FORMULA[L.activation]}</Formula>
      {softmaxWait ? (
        <p className="hint">{t('bp.fwd.softmaxWait')}</p>
      ) : L.activation === 'softmax' ? (
        <Formula>
          <span data-testid="bp-a">{L.a.map((a, k) => `a${sub(k + 1)} = ${f(a)}`).join(',  ')}</span>
        </Formula>
      ) : (
        <Formula>
          <span data-testid="bp-a">{`a = ${activationCall(L.activation, z)} = ${f(L.a[j])}`}</span>
        </Formula>
      )}
    </>
  );
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
function sub(n: number): string {
  return String(n)
    .split('')
    .map((d) => SUBSCRIPTS[Number(d)] ?? d)
    .join('');
}

function activationCall(a: Activation, z: number): string {
  const name: Record<Activation, string> = {
    linear: '',
    sigmoid: 'σ',
    tanh: 'tanh',
    relu: 'ReLU',
    leakyRelu: 'LeakyReLU',
    elu: 'ELU',
    gelu: 'GELU',
    swish: 'swish',
    softmax: 'softmax',
  };
  return a === 'linear' ? f(z) : `${name[a]}(${f(z)})`;
}

function LossStep({ result, example, update, t }: BackpropPanelProps) {
  const out = result.layers[result.layers.length - 1];
  const kind = result.lossKind;
  const many = kind === 'mse' && out.units > 1;
  const title = kind === 'mse' ? t('bp.loss.mse') : kind === 'cce' ? t('bp.loss.cce') : t('bp.loss.bce');
  let targetLine: string;
  if (example.task === 'multiclass') targetLine = t('bp.loss.targetClass', { k: example.label + 1 });
  else if (example.task === 'binary' && kind === 'mse') {
    const sig = out.activation === 'sigmoid';
    targetLine = t('bp.loss.target', { y: f(result.target[0]), activation: out.activation, one: 1, zero: sig ? 0 : '−1' });
  } else targetLine = t('bp.loss.targetValue', { y: f(example.task === 'binary' ? (example.label > 0 ? 1 : 0) : result.target[0]) });
  const a = out.a[0];
  const y = result.target[0];
  let worked: string;
  if (kind === 'mse' && !many) worked = `L = (${f(a)} − ${p(y)})² = ${f(result.loss)}`;
  else if (many) worked = `L = (1/${out.units})·(${out.a.map((v, k) => `(${f(v)} − ${f(result.target[k])})²`).join(' + ')}) = ${f(result.loss)}`;
  else if (kind === 'cce') worked = `L = −ln a${sub(example.label + 1)} = −ln ${f(out.a[example.label])} = ${f(result.loss)}`;
  else {
    const prob = result.probability?.[0] ?? NaN;
    const yy = example.label > 0 ? 1 : 0;
    worked = `p = ${f(prob)},  L = −ln ${yy ? f(prob) : `(1 − ${f(prob)})`} = ${f(result.loss)}`;
  }
  return (
    <>
      <h4>{title}</h4>
      {(many ? [MSE_MANY] : LOSS_FORMULA[kind]).map((line) => (
        <Formula key={line}>{line}</Formula>
      ))}
      <p>{targetLine}</p>
      <p>{t('bp.loss.value')}</p>
      <Formula>
        <span data-testid="bp-loss">{worked}</span>
      </Formula>
      {update.regularization !== 'none' && update.regularizationRate > 0 ? (
        <p className="hint">{t('bp.loss.regNote', { reg: update.regularization.toUpperCase(), rate: f(update.regularizationRate) })}</p>
      ) : null}
    </>
  );
}

function BackwardStep(props: BackpropPanelProps & { step: { layer: number; unit: number } }) {
  const { result, step, shortName, t } = props;
  const L = result.layers[step.layer];
  const j = step.unit;
  const isOutput = step.layer === result.layers.length - 1;
  const prev = step.layer === 0 ? result.input : result.layers[step.layer - 1].a;
  const delta = L.delta[j];
  let deltaBlock: ReactNode;
  if (isOutput) {
    const many = result.lossKind === 'mse' && L.units > 1;
    const slopeText = many ? MSE_MANY_SLOPE : LOSS_SLOPE[result.lossKind];
    if (L.activation === 'softmax') {
      const ce = result.lossKind === 'cce';
      deltaBlock = (
        <>
          <Formula>{ce ? SOFTMAX_CE_DELTA : SOFTMAX_DELTA}</Formula>
          {ce ? null : <Formula>{slopeText}</Formula>}
          <Formula>
            <span data-testid="bp-delta">
              {ce ? `δ = ${f(L.a[j])} − ${f(result.target[j])} = ${f(delta)}` : `∂L/∂a = ${f(L.dA[j])},  δ = ${f(delta)}`}
            </span>
          </Formula>
        </>
      );
    } else {
      const slope = activationSlope(L.z[j], L.activation);
      deltaBlock = (
        <>
          <Formula>{OUTPUT_DELTA}</Formula>
          <Formula>{`${slopeText} = ${f(L.dA[j])}`}</Formula>
          <Formula>{`${SLOPE_FORMULA[L.activation]} = ${f(slope)}`}</Formula>
          <Formula>
            <span data-testid="bp-delta">{`δ = ${f(L.dA[j])} × ${p(slope)} = ${f(delta)}`}</span>
          </Formula>
        </>
      );
    }
  } else {
    const next = result.layers[step.layer + 1];
    const terms = Array.from({ length: next.units }, (_, k) => {
      const w = next.kernel[j * next.units + k];
      return [shortName(step.layer + 2, k), w, next.delta[k], w * next.delta[k]] as (string | number)[];
    });
    const slope = activationSlope(L.z[j], L.activation as Exclude<Activation, 'softmax'>);
    deltaBlock = (
      <>
        <Formula>{HIDDEN_DELTA}</Formula>
        <Rows head={[t('bp.col.next'), t('bp.col.weight'), 'δ', 'w·δ']} rows={terms.slice(0, MAX_ROWS)} more={terms.length - MAX_ROWS} t={t} />
        <Formula>{`${SLOPE_FORMULA[L.activation as Exclude<Activation, 'softmax'>] ?? ''} = ${f(slope)}`}</Formula>
        <Formula>
          <span data-testid="bp-delta">{`δ = ${p(slope)} × ${p(L.dA[j])} = ${f(delta)}`}</span>
        </Formula>
      </>
    );
  }
  const grads = prev.map((a, i) => [shortName(step.layer, i), a, L.gradW[i * L.units + j]] as (string | number)[]);
  return (
    <>
      <h4>{isOutput ? t('bp.bwd.output') : t('bp.bwd.hidden')}</h4>
      {deltaBlock}
      <p>{t('bp.bwd.grads')}</p>
      <Formula>{WEIGHT_GRAD}</Formula>
      <div data-testid="bp-grads">
        <Rows head={[t('bp.col.input'), 'aᵢ', '∂L/∂w = δ·aᵢ']} data={grads.map((g) => g[2] as number)} rows={grads.slice(0, MAX_ROWS)} more={grads.length - MAX_ROWS} t={t} />
      </div>
      <p className="bp-worked" title={BIAS_GRAD}>
        {t('bp.bwd.bias', { delta: f(delta) })}
      </p>
      <p className="hint">{t('bp.bwd.legend')}</p>
    </>
  );
}

function UpdateStep({ result, update, link, shortName, t }: BackpropPanelProps) {
  const rule = update.regularization === 'l1' && update.regularizationRate > 0 ? UPDATE_L1 : update.regularization === 'l2' && update.regularizationRate > 0 ? UPDATE_L2 : UPDATE;
  let worked: ReactNode = null;
  if (link) {
    const L = result.layers[link.layer];
    const idx = link.from * L.units + link.to;
    const w = L.kernel[idx];
    const g = L.gradW[idx] + L.regGradW[idx];
    worked = (
      <>
        <p>{t('bp.upd.selected', { from: shortName(link.layer, link.from), to: shortName(link.layer + 1, link.to) })}</p>
        <Formula>
          <span data-testid="bp-update" data-w={w} data-grad={g} data-lr={update.learningRate} data-new={L.newKernel[idx]} data-link={`${link.layer}-${link.from}-${link.to}`}>{`w′ = ${f(w)} − ${f(update.learningRate)} × ${p(g)} = ${f(L.newKernel[idx])}`}</span>
        </Formula>
      </>
    );
  }
  return (
    <>
      <h4>{t('bp.upd.rule')}</h4>
      <Formula>{rule}</Formula>
      <Formula>{UPDATE_BIAS}</Formula>
      <p>{t('bp.upd.lr', { lr: f(update.learningRate) })}</p>
      {worked}
      {update.lossAfter !== null ? <p data-testid="bp-loss-after">{t('bp.upd.lossAfter', { before: f(result.loss), after: f(update.lossAfter) })}</p> : null}
      <p className="hint">{t('bp.upd.legend')}</p>
      <p className="bp-note">{t('bp.upd.sgdNote', { batch: update.batchSize, optimizer: t(`opt.${update.optimizer}`) })}</p>
      {update.hasDropout ? <p className="bp-note">{t('bp.upd.dropoutNote')}</p> : null}
    </>
  );
}

/** Numbers of the link under the pointer (or selected), as far as the current step knows them. */
function LinkBox({ result, step, link, shortName, update, t }: BackpropPanelProps) {
  if (!link || step.phase === 'update') return null;
  const L = result.layers[link.layer];
  if (!L || link.from >= L.fanIn || link.to >= L.units) return null;
  const idx = link.from * L.units + link.to;
  const prev = link.layer === 0 ? result.input : result.layers[link.layer - 1].a;
  const rows: [string, number][] = [['w', L.kernel[idx]]];
  if (step.phase !== 'example') rows.push([`a (${shortName(link.layer, link.from)})`, prev[link.from]]);
  if (deltaKnown(step, link.layer, link.to)) {
    rows.push([`δ (${shortName(link.layer + 1, link.to)})`, L.delta[link.to]]);
    rows.push(['∂L/∂w = δ·a', L.gradW[idx]]);
    rows.push([`w − η·∂L/∂w`, L.newKernel[idx]]);
  } else if (forwardKnown(step, link.layer, link.to)) rows.push(['w·a', L.kernel[idx] * prev[link.from]]);
  void update;
  return (
    <div className="bp-linkbox" data-testid="bp-linkbox">
      <strong>{t('bp.link.title', { from: shortName(link.layer, link.from), to: shortName(link.layer + 1, link.to) })}</strong>
      <table className="bp-table">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <td>{k}</td>
              <td>{f(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The side panel: the formula of the current phase and its numbers. */
export function BackpropPanel(props: BackpropPanelProps) {
  const { step, t, neuronTitle } = props;
  let body: ReactNode;
  let title: string;
  switch (step.phase) {
    case 'example':
      title = t('bp.phase.example');
      body = <ExampleStep {...props} />;
      break;
    case 'forward':
      title = `${t('bp.phase.forward')} · ${neuronTitle(step.layer, step.unit)}`;
      body = <ForwardStep {...props} step={step} />;
      break;
    case 'loss':
      title = t('bp.phase.loss');
      body = <LossStep {...props} />;
      break;
    case 'backward':
      title = `${t('bp.phase.backward')} · ${neuronTitle(step.layer, step.unit)}`;
      body = <BackwardStep {...props} step={step} />;
      break;
    case 'update':
      title = t('bp.phase.update');
      body = <UpdateStep {...props} />;
      break;
  }
  return (
    <div className="bp-panel" data-testid="bp-panel" data-phase={step.phase} aria-live="polite">
      <h3 data-testid="bp-step-title">{title}</h3>
      {body}
      <LinkBox {...props} />
    </div>
  );
}
