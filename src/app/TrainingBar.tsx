import { useEffect, useMemo, useState } from 'react';
import { estimateBudget } from '../models/budget';
import { SPEEDS } from '../models/codec';
import { MoreControls } from './MoreControls';
import { useShallow } from 'zustand/react/shallow';
import { readPlayground } from '../models/playground';
import { HIDDEN_ACTIVATIONS, LOSSES, OPTIMIZERS, numClassesOf, REGULARIZERS, taskOf, type Activation } from '../models/spec';
import { useLocale, useT } from '../i18n';
import { useAppStore } from '../store/context';
import { selectActiveRun } from '../store/selectors';
import { PauseIcon, PlayIcon, ResetIcon, StepIcon } from '../ui/icons';
import { noticeText } from './NoticeBanner';
import { Select } from '../ui/Select';
import { useHidden } from '../panels/useHidden';

export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
export const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;

/** Epochs as TensorFlow Playground shows them: 000,042 (and 1,234,567 past a million). */
export function formatEpoch(epoch: number): string {
  return String(epoch).padStart(6, '0').replace(/\B(?=(\d{3})+$)/g, ',');
}

function RunButtons() {
  const t = useT();
  const { status, epoch, step, stepsPerSec } = useAppStore(
    useShallow((s) => {
      const r = selectActiveRun(s);
      return { status: r.status, epoch: r.epoch, step: r.step, stepsPerSec: r.stepsPerSec };
    }),
  );
  const { play, pause, stepOnce, reset } = useAppStore(useShallow((s) => ({ play: s.play, pause: s.pause, stepOnce: s.step, reset: s.reset })));
  const hideReset = useHidden('reset');
  const hideStep = useHidden('step');
  const running = status === 'running';
  const canTrain = status !== 'error';
  return (
    <div className="run-buttons">
      {hideReset ? null : (
        <button type="button" className="round small" onClick={reset} title={t('ctl.resetHint')} aria-label={t('ctl.reset')} data-testid="reset" data-tour="reset">
          <ResetIcon />
        </button>
      )}
      <button
        type="button"
        className={`round play ${running ? 'is-running' : ''}`}
        onClick={running ? pause : play}
        disabled={!canTrain}
        aria-label={running ? t('ctl.pause') : t('ctl.play')}
        aria-pressed={running}
        data-testid="play"
        data-tour="play"
      >
        {running ? <PauseIcon /> : <PlayIcon />}
      </button>
      {hideStep ? null : (
        <button type="button" className="round small" onClick={stepOnce} disabled={!canTrain} title={t('ctl.stepHint')} aria-label={t('ctl.step')} data-testid="step" data-tour="step">
          <StepIcon />
        </button>
      )}
      <SpeedControl />
      <div className="counter" data-tour="epoch">
        <span className="counter-label">{t('ctl.epoch')}</span>
        <span className="counter-value" data-testid="epoch">
          {formatEpoch(epoch)}
        </span>
      </div>
      <div className="counter">
        <span className="counter-label">{t('ctl.steps')}</span>
        <span className="counter-value small" data-testid="steps">
          {step}
        </span>
        <span className="counter-sub" data-testid="status" data-status={status} data-tour="speed">
          {t(`status.${status}`)}
          {running && stepsPerSec > 0 ? ` · ${t('ctl.speed', { n: stepsPerSec < 10 ? stepsPerSec.toFixed(1) : Math.round(stepsPerSec) })}` : ''}
        </span>
      </div>
    </div>
  );
}

/** Full speed or slow motion (a few steps a second, each shown), for every lab. */
function SpeedControl() {
  const t = useT();
  const speed = useAppStore((s) => s.view.speed);
  const setView = useAppStore((s) => s.setView);
  if (useHidden('speed')) return null;
  const label = (n: number) => (n === 0 ? t('ctl.paceFull') : n === 1 ? t('ctl.paceOne') : t('ctl.paceSteps', { n }));
  return (
    <span className="speed-control" title={t('ctl.paceHint')}>
      <Select label={t('ctl.pace')} value={speed} options={SPEEDS.map((n) => ({ value: n, label: label(n) }))} onChange={(v) => setView({ speed: v })} testId="speed-control" />
    </span>
  );
}

/** Why the run cannot train or why it stopped, with what to try; a heavy network's "train anyway". */
function RunProblem() {
  const locale = useLocale();
  const t = useT();
  const problem = useAppStore((s) => selectActiveRun(s).problem);
  const confirmHeavy = useAppStore((s) => s.confirmHeavy);
  if (!problem) return null;
  return (
    <div className={`run-problem notice-${problem.kind}`} role="alert" data-testid="run-problem">
      {noticeText(locale, problem)}
      {problem.confirm ? (
        <button type="button" className="run-problem-action" onClick={confirmHeavy} data-testid="train-anyway">
          {t('run.trainAnyway')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * Past this long without an answer from a busy engine, or four times the estimated step if that
 * is longer, the learner is offered a way out.
 */
export const STALL_MS = 8000;

/** Seconds the engine has owed an answer past its allowance (0 when it is not behind), checked once a second. */
function useStalledSeconds(): number {
  const heartbeat = useAppStore((s) => s.heartbeat);
  const experiment = useAppStore((s) => s.experiment);
  const allowance = useMemo(() => Math.max(STALL_MS, 4000 * estimateBudget(experiment).stepSeconds), [experiment]);
  const running = useAppStore((s) => selectActiveRun(s).status === 'running');
  const canRestart = useAppStore((s) => s.restartEngine !== null);
  const [stalled, setStalled] = useState(0);
  useEffect(() => {
    if (!canRestart) return;
    const check = () => {
      const now = performance.now();
      // Owed: a message sent and not answered, or, while running, the snapshots that stopped coming.
      const since = heartbeat.sent > heartbeat.heard ? heartbeat.sent : running ? heartbeat.heard : now;
      const owed = now - since;
      setStalled(owed > allowance ? Math.round(owed / 1000) : 0);
    };
    check();
    const timer = setInterval(check, 1000);
    return () => clearInterval(timer);
  }, [heartbeat, running, canRestart, allowance]);
  return stalled;
}

/** A step far past its estimate holds the worker: say so, and offer to stop it (the Experiment stays). */
function StalledEngine() {
  const t = useT();
  const seconds = useStalledSeconds();
  const restart = useAppStore((s) => s.restartEngine);
  if (!seconds || !restart) return null;
  return (
    <div className="run-problem notice-warning" role="alert" data-testid="engine-stalled">
      {t('run.stalled', { seconds })}
      <button type="button" className="run-problem-action" onClick={restart} data-testid="stop-engine">
        {t('run.stop')}
      </button>
    </div>
  );
}

function Hyperparameters() {
  const t = useT();
  const training = useAppStore((s) => s.experiment.training);
  const network = useAppStore((s) => s.experiment.network);
  const task = useAppStore((s) => taskOf(s.experiment.dataset));
  const classes = useAppStore((s) => numClassesOf(s.experiment.dataset));
  const apply = useAppStore((s) => s.apply);
  const hidden = {
    lr: useHidden('learningRate'),
    act: useHidden('activation'),
    reg: useHidden('regularization'),
    regRate: useHidden('regularizationRate'),
    opt: useHidden('optimizer'),
    loss: useHidden('loss'),
  };
  const chain = readPlayground(network);
  const acts = new Set(chain?.hidden.map((l) => l.activation));
  const activation: Activation | 'mixed' = acts.size === 1 ? [...acts][0] : 'mixed';
  const setTraining = (patch: Partial<typeof training>) => apply({ type: 'training', patch });
  const lossOptions = task === 'regression' ? (['mse'] as const) : LOSSES;
  return (
    <div className="hyperparameters">
      {hidden.lr ? null : (
        <Select label={t('ctl.learningRate')} value={training.learningRate} options={LEARNING_RATES.map((v) => ({ value: v, label: String(v) }))} onChange={(v) => setTraining({ learningRate: v })} testId="learning-rate" tour="learning-rate" />
      )}
      {hidden.opt ? null : (
        <Select label={t('ctl.optimizer')} value={training.optimizer} options={OPTIMIZERS.map((o) => ({ value: o, label: t(`opt.${o}`) }))} onChange={(v) => setTraining({ optimizer: v })} testId="optimizer" tour="optimizer" />
      )}
      {hidden.act || !chain || chain.hidden.length === 0 ? null : (
        <Select<Activation | 'mixed'>
          label={t('ctl.activation')}
          value={activation}
          options={[...(activation === 'mixed' ? [{ value: 'mixed' as const, label: t('ctl.activationMixed') }] : []), ...HIDDEN_ACTIVATIONS.map((a) => ({ value: a, label: t(`act.${a}`) }))]}
          onChange={(v) => v !== 'mixed' && apply({ type: 'setActivation', index: 'all', activation: v })}
          testId="activation" tour="activation"
        />
      )}
      {hidden.reg ? null : (
        <Select label={t('ctl.regularization')} value={training.regularization} options={REGULARIZERS.map((r) => ({ value: r, label: t(`reg.${r}`) }))} onChange={(v) => setTraining({ regularization: v })} testId="regularization" tour="regularization" />
      )}
      {hidden.regRate ? null : (
        <Select
          label={t('ctl.regularizationRate')}
          value={training.regularizationRate}
          options={REG_RATES.map((v) => ({ value: v, label: String(v) }))}
          onChange={(v) => setTraining({ regularizationRate: v })}
          disabled={training.regularization === 'none'}
          testId="regularization-rate" tour="regularization-rate"
        />
      )}
      <MoreControls>
        {hidden.loss ? null : (
          <Select label={t('ctl.loss')} value={task === 'regression' ? 'mse' : training.loss} options={lossOptions.map((l) => ({ value: l, label: t(`loss.${l}`) }))} onChange={(v) => setTraining({ loss: v })} testId="loss" />
        )}
        <div className="control">
          <span className="control-label">{t('ctl.problem')}</span>
          <span className="control-value" data-testid="task">
            {t(`task.${task}`, { n: classes })}
          </span>
        </div>
      </MoreControls>
    </div>
  );
}

/**
 * The strip of run controls and hyperparameters above the three columns: one row at 1280 px (the
 * less-used settings fold into "More…"); a problem takes a row of its own under it.
 */
export function TrainingBar() {
  return (
    <section className="training-bar">
      <RunButtons />
      <Hyperparameters />
      <div className="run-problems">
        <RunProblem />
        <StalledEngine />
      </div>
    </section>
  );
}
