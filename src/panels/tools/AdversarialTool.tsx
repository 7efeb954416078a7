import { useMemo, useState } from 'react';
import { classColors } from '../../charts/colors';
import { RobustnessChart, type RobustnessCurve } from '../../charts/RobustnessChart';
import { useT, type TFunction } from '../../i18n';
import { useImageClassNames } from '../imageClassNames';
import { DEFAULT_ADVERSARIAL_TRAINING, type AttackMethod } from '../../models/adversarialTraining';
import { useAppStore } from '../../store/context';
import { toolStateOf } from '../../store/toolsSlice';
import { ROBUSTNESS_EPS, type RobustnessResult } from '../../training/tools/adversarialTypes';
import { Figure } from '../../ui/Figure';
import { Select } from '../../ui/Select';
import { Slider } from '../../ui/Slider';
import { AttackImages } from './AttackImages';
import { ToolStatus } from './ToolStatus';
import './AdversarialTool.css';

/** Test images the ε curve attacks (the first of the test split). */
const CURVE_EXAMPLES = 300;
/** Curves kept on the chart for comparison. */
const KEEP = 3;
/** The ε the table reports robust accuracy at (the bench's key is at 0.1 too). */
const TABLE_EPS = 0.1;

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

const argmax = (p: Float32Array) => p.reduce((best, v, i) => (v > p[best] ? i : best), 0);

function curveLabel(t: TFunction, r: RobustnessResult): string {
  const method = t(`adv.method.${r.method}`);
  if (!r.trainedWith) return t('adv.curve.plain', { step: r.step, method });
  const w = r.trainedWith;
  return t('adv.curve.trained', { how: w.method.toUpperCase(), eps: w.eps, share: Math.round(w.share * 100), step: r.step, method });
}

/**
 * Adversarial examples on the learner's image classifier: FGSM or PGD on the probe image or the
 * drawing (original, perturbation, adversarial image, both predictions), accuracy against ε over
 * the test split, and adversarial training's setting, with curves kept to compare before and after.
 */
export default function AdversarialTool() {
  const t = useT();
  const attackState = useAppStore((s) => toolStateOf(s, 'adversarial'));
  const curveState = useAppStore((s) => toolStateOf(s, 'robustness'));
  const runTool = useAppStore((s) => s.runTool);
  const apply = useAppStore((s) => s.apply);
  const drawing = useAppStore((s) => s.drawing);
  const probeIndex = useAppStore((s) => s.view.probeIndex);
  const training = useAppStore((s) => s.experiment.training.adversarial) ?? DEFAULT_ADVERSARIAL_TRAINING;
  const classNames = useImageClassNames();
  const [method, setMethod] = useState<AttackMethod>('fgsm');
  const [eps, setEps] = useState(0.2);
  const [steps, setSteps] = useState(10);
  const [kept, setKept] = useState<RobustnessResult[]>([]);

  // Each new curve joins the chart (the last KEEP).
  // (Adjusting state to a changed store value during render, as React's docs advise, not in an effect.)
  const latest = curveState.result;
  const [seen, setSeen] = useState<RobustnessResult | null>(null);
  if (latest && latest !== seen) {
    setSeen(latest);
    setKept((k) => [...k, latest].slice(-KEEP));
  }

  const name = (i: number) => classNames[i] ?? String(i);
  const attack = () =>
    runTool({ tool: 'adversarial', method, eps, steps, source: drawing ? { kind: 'drawing', pixels: drawing } : { kind: 'test', index: probeIndex } });
  const measure = () => runTool({ tool: 'robustness', method, eps: [...ROBUSTNESS_EPS], examples: CURVE_EXAMPLES, steps });
  const setTraining = (patch: Partial<typeof training>) => apply({ type: 'training', patch: { adversarial: { ...training, ...patch } } });

  const a = attackState.result;
  const colors = classColors(KEEP);
  const curves: RobustnessCurve[] = useMemo(
    () => kept.map((r, i) => ({ id: `c${i}-${r.step}`, label: curveLabel(t, r), color: colors[i % colors.length], dashed: !r.trainedWith, points: r.points })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [kept, t],
  );
  const at = (r: RobustnessResult, e: number) => r.points.find((p) => Math.abs(p.eps - e) < 1e-9)?.accuracy;

  return (
    <div className="tool adversarial-tool" data-testid="tool-adversarial">
      <p className="hint">{t('adv.what')}</p>
      <div className="adv-controls">
        <Select<AttackMethod>
          label={t('adv.method')}
          value={method}
          options={(['fgsm', 'pgd'] as const).map((m) => ({ value: m, label: t(`adv.method.${m}`) }))}
          onChange={setMethod}
          testId="adv-method"
        />
        <Slider label={(v) => t('adv.eps', { eps: v.toFixed(2) })} value={eps} min={0} max={0.3} step={0.01} onChange={setEps} testId="adv-eps" />
        {method === 'pgd' ? <Slider label={(v) => t('adv.steps', { steps: v })} value={steps} min={1} max={40} step={1} onChange={setSteps} testId="adv-steps" /> : null}
      </div>
      <div className="adv-columns">
        <section aria-labelledby="adv-one-title">
          <h3 id="adv-one-title">{t('adv.one.title')}</h3>
          <p className="hint">{drawing ? t('adv.source.drawing') : t('adv.source.test', { index: probeIndex })}</p>
          <button type="button" data-testid="adv-run" disabled={attackState.status === 'computing'} onClick={attack}>
            {t('adv.run')}
          </button>
          <ToolStatus state={attackState} />
          {a ? (
            <>
              <Figure name="adversarial-example">
                <AttackImages
                  shape={a.shape}
                  original={a.original}
                  perturbation={a.perturbation}
                  adversarial={a.adversarial}
                  eps={a.eps}
                  captions={{
                    original: t('adv.original'),
                    perturbation: t('adv.perturbation', { gain: a.eps > 0 ? Math.round(1 / a.eps) : 1 }),
                    adversarial: t('adv.adversarial'),
                  }}
                  below={{
                    original: t('adv.predicted', { cls: name(argmax(a.before)), p: pct(a.before[argmax(a.before)]) }),
                    perturbation: t('adv.maxChange', { max: a.maxChange.toFixed(3), eps: a.eps }),
                    adversarial: t('adv.predicted', { cls: name(argmax(a.after)), p: pct(a.after[argmax(a.after)]) }),
                  }}
                />
              </Figure>
              <p className="hint" data-testid="adv-verdict">
                {a.label >= 0 ? `${t('adv.trueClass', { cls: name(a.label) })} · ` : `${t('adv.noLabel')} `}
                {argmax(a.before) === argmax(a.after) ? t('adv.held') : t('adv.flipped')}
              </p>
              <p className="hint">{t('adv.perturbation.note')}</p>
            </>
          ) : null}
        </section>
        <section aria-labelledby="adv-curve-title">
          <h3 id="adv-curve-title">{t('adv.curve.title')}</h3>
          <p className="hint">{t('adv.curve.what', { n: CURVE_EXAMPLES })}</p>
          <button type="button" data-testid="adv-curve-run" disabled={curveState.status === 'computing'} onClick={measure}>
            {t('adv.curve.run')}
          </button>{' '}
          {kept.length ? (
            <button type="button" onClick={() => setKept([])}>
              {t('adv.clear')}
            </button>
          ) : null}
          <ToolStatus state={curveState} />
          {kept.length ? (
            <>
              <Figure name="accuracy-against-epsilon">
                <RobustnessChart curves={curves} xLabel={t('adv.curve.x')} yLabel={t('adv.curve.y')} label={t('adv.curve.label')} />
              </Figure>
              <table className="tool-table" data-testid="adv-table">
                <thead>
                  <tr>
                    <th scope="col">{t('adv.table.network')}</th>
                    <th scope="col">{t('adv.table.clean')}</th>
                    <th scope="col">{t('adv.table.robust', { eps: TABLE_EPS })}</th>
                  </tr>
                </thead>
                <tbody>
                  {kept.map((r, i) => (
                    <tr key={curves[i]?.id ?? i}>
                      <td>
                        <span style={{ color: curves[i]?.color }}>{curves[i]?.dashed ? '┄ ' : '━ '}</span>
                        {curves[i]?.label}
                      </td>
                      <td>{at(r, 0) === undefined ? '—' : pct(at(r, 0)!)}</td>
                      <td>{at(r, TABLE_EPS) === undefined ? '—' : pct(at(r, TABLE_EPS)!)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
      </div>
      <fieldset>
        <legend>{t('adv.train.title')}</legend>
        <p className="hint">{t('adv.train.what')}</p>
        <div className="adv-controls">
          <label className="adv-check">
            <input type="checkbox" checked={training.enabled} onChange={(e) => setTraining({ enabled: e.target.checked })} data-testid="adv-train-on" /> {t('adv.train.on')}
          </label>
          <Select<AttackMethod>
            label={t('adv.method')}
            value={training.method}
            options={(['fgsm', 'pgd'] as const).map((m) => ({ value: m, label: t(`adv.method.${m}`) }))}
            onChange={(m) => setTraining({ method: m })}
            testId="adv-train-method"
          />
          <Slider label={(v) => t('adv.eps', { eps: v.toFixed(2) })} value={training.eps} min={0.01} max={0.3} step={0.01} onChange={(v) => setTraining({ eps: v })} testId="adv-train-eps" />
          <Slider label={(v) => t('adv.train.share', { share: Math.round(v * 100) })} value={training.share} min={0.1} max={1} step={0.1} onChange={(v) => setTraining({ share: v })} testId="adv-train-share" />
        </div>
      </fieldset>
    </div>
  );
}
