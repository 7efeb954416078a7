import { epochLimitReached } from '../models/stopRule';
import type * as tfjs from '@tensorflow/tfjs';
import type { MnistData } from '../data/mnist';
import { diffExperiment } from '../models/edits';
import { modalityOf, type Experiment } from '../models/spec';
import { makeYield } from './backendPolicy';
import { BackendManager, type BackendReady } from './backendManager';
import { buildRun, heavyKey, problemOf, type BuiltRun, type RunProblem } from './buildRun';
import { DataProblem, DataSourceLoader, usesOwnMedia } from './dataSources';
import type { Table } from '../data/table';
import type { OwnImages } from '../data/ownImages';
import type { OwnText } from '../data/ownText';
import type { OwnSentences } from '../data/ownSentences';
import type { DataSources } from './prepare';
import type { BackendPreference, EngineHostKind, FromEngine, Metrics, ProbeSource, RunStatus, ToEngine } from './protocol';
import { emptySnapshotPart, transferablesOf } from './protocol';
import { transition, type RunEvent } from './runStatus';
import type { ModelRuntime } from './runtime';
import type { SavedWeights } from '../models/weightsFile';
import { Scheduler, type Task } from './scheduler';
import { emptyGenerated } from './sequenceLabProbes';
import { answerLossSlice, sliceRefusal } from './lossSlice';
import { answerTool, wroteWeights } from './tools';
import { ToolChanged } from './tools/context';
import { TeacherSlot } from './distill/teacherSlot';
import type { TeacherPayload } from './distill/teacherTypes';

/** Where the engine lives: the TF.js namespace, how to post, and which host this is. */
export interface EngineEnv {
  tf: typeof tfjs;
  post(msg: FromEngine, transfer: Transferable[]): void;
  host: EngineHostKind;
  /** Overrides WebGL detection (tests in Node say false). */
  webgl?: boolean;
  /** Fetches MNIST (tests read it from disk); by default from the app's own public/data. */
  loadMnist?: (onProgress: (loaded: number, total: number) => void) => Promise<MnistData>;
}

/**
 * One training run as the engine drives it: its runtime and lab probes, its status, the training
 * loop, snapshots, and the recovery from a lost WebGL context. The backend (backendManager.ts),
 * the timing (scheduler.ts), the loaded data (dataSources.ts) and the lab views (labProbes.ts)
 * live in their own modules; the engine (engine.ts) only routes messages here.
 */
export class RunSession {
  private runId = -1;
  private runtime: ModelRuntime | null = null;
  private views: BuiltRun['views'] | null = null;
  private experiment: Experiment | null = null;
  private status: RunStatus = 'idle';
  private looping = false;
  /** Bumped when a lost context abandons whatever was awaiting the dead backend. */
  private generation = 0;
  /** Bumped whenever the weights start over (see `SnapshotCommon.origin`). */
  private origin = 0;
  /** The metrics of the last snapshot, for snapshots that only re-probe (the weights did not move). */
  private lastMetrics: { runtime: ModelRuntime; step: number; metrics: Metrics } | null = null;
  private probeSource: ProbeSource = { kind: 'test', index: 0 };
  /** Steps per second in slow motion; 0 = full speed. */
  private pace = 0;
  /** Whether probed steps measure training dynamics (the learner's switch; on by default). */
  private dynamicsOn = true;
  /** The heavy network the learner chose to train anyway (heavyKey of its Experiment). */
  private confirmed: string | null = null;
  private readonly yieldTo = makeYield();
  /** A loss slice or a tool is running beside the queue: the training loop waits. */
  private slicing = false;
  private readonly clock = new Scheduler();
  private readonly backends: BackendManager;
  private readonly data: DataSourceLoader;
  /** The teacher for knowledge distillation, kept across rebuilds of the student (training/distill). */
  private readonly teacher = new TeacherSlot();

  constructor(
    private readonly env: EngineEnv,
    /** Drop every queued message: they may await a backend that is gone (a lost WebGL context). */
    private readonly abandonQueue: () => void,
  ) {
    this.backends = new BackendManager(env.tf, env.webgl, () => void this.onContextLost());
    this.data = new DataSourceLoader(env.loadMnist);
  }

  private post(msg: FromEngine) {
    this.env.post(msg, transferablesOf(msg));
  }

  private postReady(ready: BackendReady) {
    this.post({ type: 'ready', runId: this.runId, host: this.env.host, ...ready });
  }

  private on(event: RunEvent) {
    this.status = transition(this.status, event);
  }

  /** The run this session answers for; messages of other runs are stale. */
  get id(): number {
    return this.runId;
  }

  /** Start run `runId`: choose the backend, build, and report step 0. */
  async init(runId: number, exp: Experiment, pref: BackendPreference): Promise<void> {
    this.runId = runId;
    this.on('pause');
    this.dropRuntime();
    this.backends.start(pref);
    await this.applyBackend(exp);
    this.on('init');
    await this.rebuild(exp);
    await this.snapshot(true);
  }

  /** Stop and free everything. */
  dispose(): void {
    this.on('pause');
    this.dropRuntime();
    this.teacher.set(this.env.tf, null, null);
  }

  play(): Promise<void> | void {
    if (!this.runtime || this.status === 'error') return;
    this.on('play');
    this.startLoop();
    return this.snapshot(false);
  }

  pause(): Promise<void> {
    this.on('pause');
    return this.snapshot(true);
  }

  /** Train exactly `steps` mini-batches (1 … 10,000), then report. */
  step(steps: number): Promise<void> | void {
    const rt = this.runtime;
    if (!rt) return;
    this.on('step');
    this.clock.train(Math.max(1, Math.min(10_000, steps)), (n) => rt.train(n));
    return this.snapshot(true);
  }

  /** Back to the initial weights; with nothing built (say the data failed to load), try building again. */
  async reset(): Promise<void> {
    const rt = this.runtime;
    if (!rt) {
      if (this.experiment && this.status === 'error') {
        await this.rebuild(this.experiment);
        return this.snapshot(true);
      }
      return;
    }
    rt.initWeights();
    this.origin++;
    this.views?.restart();
    this.on('reset');
    return this.snapshot(true);
  }

  /** Answer `saveWeights`: every weight of the model and the counters, or null with nothing built. */
  async saveWeights(requestId: number): Promise<void> {
    const rt = this.runtime;
    this.post({ type: 'weights', runId: this.runId, requestId, weights: rt ? await rt.exportWeights() : null });
  }

  /** Write saved weights (only when every shape fits), then show them. */
  async loadWeights(weights: SavedWeights): Promise<void> {
    const rt = this.runtime;
    const ok = !!rt && rt.importWeights(weights);
    this.post({ type: 'weightsLoaded', runId: this.runId, ok, step: rt?.step ?? 0 });
    if (!ok) return;
    this.origin++;
    this.views?.restart();
    return this.snapshot(true);
  }

  /** Slow motion (steps per second) or, with 0, full speed; a running loop takes it at its next step. */
  setPace(stepsPerSec: number): void {
    this.pace = Number.isFinite(stepsPerSec) && stepsPerSec > 0 ? Math.min(stepsPerSec, 1000) : 0;
  }

  /** Training dynamics on or off; the next probed step follows. */
  setDynamics(enabled: boolean): void {
    this.dynamicsOn = enabled;
    if (this.runtime) this.runtime.dynamics.enabled = enabled;
  }

  /** The learner confirmed the heavy network the engine asked about: build it. */
  async confirm(): Promise<void> {
    const exp = this.experiment;
    if (!exp || this.runtime) return;
    this.confirmed = heavyKey(exp);
    await this.rebuild(exp);
    return this.snapshot(true);
  }

  /** Language models: answer a `generate` request (empty text for any other network). */
  async generate(msg: Extract<ToEngine, { type: 'generate' }>): Promise<void> {
    const views = this.views;
    if (views?.lab !== 'sequences') return this.post(emptyGenerated(this.runId, msg.prompt));
    const reply = await views.reply(msg);
    // An edit rebuilt the network meanwhile: that text came from a model no longer on screen.
    this.post(views === this.views ? reply : emptyGenerated(this.runId, reply.prompt));
  }

  /**
   * Take a loss slice beside the queue (lossSlice.ts): it yields between grid rows, so play, pause
   * and the rest are handled meanwhile; the training loop waits until it is done.
   */
  lossSlice(msg: Extract<ToEngine, { type: 'lossSlice' }>): void {
    const rt = this.runtime;
    if (!rt || this.slicing) return this.post(sliceRefusal(this.runId, msg.requestId, rt ? 'busy' : 'notBuilt'));
    this.slicing = true;
    const runId = this.runId;
    const env = { post: (m: FromEngine) => this.post(m), pause: () => new Promise<void>((r) => this.yieldTo(r)), alive: () => rt === this.runtime && runId === this.runId };
    void answerLossSlice(this.env.tf, rt, runId, msg, env).finally(() => {
      this.slicing = false;
    });
  }

  /**
   * Run a tool on the network beside the queue (training/tools): like a loss slice it yields
   * between its blocks and the training loop waits meanwhile. One tool at a time.
   */
  tool(msg: Extract<ToEngine, { type: 'tool' }>): void {
    const rt = this.runtime;
    const refuse = (error: 'notBuilt' | 'busy') =>
      this.post({ type: 'tool', runId: this.runId, requestId: msg.requestId, tool: msg.request.tool, result: null, error });
    if (!rt) return refuse('notBuilt');
    if (this.slicing) return refuse('busy');
    this.slicing = true;
    const runId = this.runId;
    const ctx = {
      tf: this.env.tf,
      rt,
      progress: (done: number, total: number) => this.post({ type: 'toolProgress', runId, requestId: msg.requestId, done, total }),
      pause: () => new Promise<void>((r) => this.yieldTo(r)),
      alive: () => rt === this.runtime && runId === this.runId,
      changed: () => new ToolChanged(),
      probeSource: () => this.probeSource,
    };
    void answerTool(ctx, runId, msg.requestId, msg.request)
      .then(async (answer) => {
        if (!ctx.alive()) return this.post({ ...answer, result: null, error: 'changed' });
        this.post(answer);
        if (wroteWeights(answer)) await this.snapshot(true);
      })
      .finally(() => {
        this.slicing = false;
      });
  }

  /** Which example the views look inside. */
  setProbeSource(source: ProbeSource): Promise<void> | void {
    this.probeSource = source;
    if (!this.views?.followsProbeSource) return;
    // Running, the next probe picks it up within a frame or two; paused, show it now.
    if (this.status === 'running') this.clock.probeSoon();
    else return this.snapshot(true, false, true);
  }

  /** Edit one Dense weight or bias, then report (nothing happens for one that does not exist). */
  async editDense(msg: Extract<ToEngine, { type: 'setWeight' | 'setBias' }>): Promise<void> {
    const rt = this.runtime;
    if (!rt) return;
    const ok = msg.type === 'setWeight' ? await rt.setDenseWeight(msg.layerId, msg.from, msg.to, msg.value) : await rt.setDenseBias(msg.layerId, msg.unit, msg.value);
    if (ok) return this.snapshot(true);
  }

  /** Test hook: lose the WebGL context on purpose. */
  loseContext(): void {
    this.backends.loseContext();
  }

  private dropRuntime() {
    this.views?.dispose();
    this.runtime?.dispose();
    this.views = null;
    this.runtime = null;
  }

  /** Switch backends when the choice for this Experiment differs from the one in use. */
  private async applyBackend(exp: Experiment): Promise<void> {
    const ready = await this.backends.apply(exp, () => this.dropRuntime());
    if (ready) this.postReady(ready);
  }

  /** Report a problem the learner must fix; the run cannot train until then. */
  private failWith(problem: RunProblem) {
    this.on('failed');
    this.post({ type: 'error', runId: this.runId, ...problem });
  }

  /** Build data and model for an Experiment; on a problem, report it and keep no runtime. */
  private async rebuild(exp: Experiment): Promise<void> {
    this.dropRuntime();
    this.experiment = exp;
    const problem = problemOf(exp, this.confirmed === heavyKey(exp));
    if (problem) return this.failWith(problem);
    let sources: DataSources;
    try {
      const runId = this.runId;
      sources = await this.data.sourcesFor(exp, (loaded, total) => this.post({ type: 'dataProgress', runId, loaded, total }));
    } catch (err) {
      if (err instanceof DataProblem) return this.failWith(err.problem);
      return this.failWith({ key: 'engine.dataLoad', detail: err instanceof Error ? err.message : String(err) });
    }
    // A newer Experiment arrived while the data loaded: that one builds instead.
    if (exp !== this.experiment) return;
    let built: ReturnType<typeof buildRun>;
    try {
      built = buildRun(this.env.tf, exp, sources);
    } catch (err) {
      this.on('failed');
      throw err;
    }
    if ('problem' in built) return this.failWith(built.problem);
    ({ runtime: this.runtime, views: this.views } = built);
    this.origin++;
    built.runtime.dynamics.enabled = this.dynamicsOn;
    this.teacher.attach(this.env.tf, built.runtime);
    this.on('built');
    const info = built.views.info(this.runId);
    if (info) this.post(info);
  }

  /** The page's table; an Experiment that was waiting for it builds now. */
  async setTable(table: Table | null): Promise<void> {
    this.data.table = table;
    const exp = this.experiment;
    if (!this.runtime && exp?.dataset.kind === 'table' && table && exp.dataset.table?.hash === table.hash) {
      await this.rebuild(exp);
      await this.snapshot(true);
    }
  }

  /** The page's teacher for knowledge distillation (or none): built here, kept across rebuilds. */
  setTeacher(payload: TeacherPayload | null): void {
    this.teacher.set(this.env.tf, payload, this.runtime);
  }

  /** The page's own images and text; an Experiment that was waiting for them builds now. */
  async setOwnData(images: OwnImages | null, text: OwnText | null, sentences: OwnSentences | null = null): Promise<void> {
    this.data.ownImages = images;
    this.data.ownText = text;
    this.data.ownSentences = sentences;
    const exp = this.experiment;
    if (!this.runtime && exp && usesOwnMedia(exp)) {
      await this.rebuild(exp);
      await this.snapshot(true);
    }
  }

  /** An edited Experiment: rebuild when the model changed, else take the new training settings live. */
  async update(next: Experiment): Promise<void> {
    const prev = this.experiment;
    if (!prev) return;
    const diff = diffExperiment(prev, next);
    if (diff.model || !this.runtime) {
      const wasRunning = this.status === 'running';
      // A different network may want the other backend (auto): a 2-D MLP the CPU, a big CNN WebGL.
      if (this.backends.preference === 'auto') await this.applyBackend(next);
      await this.rebuild(next);
      await this.snapshot(true);
      if (wasRunning && this.runtime) {
        // The loop ended while there was no runtime (say MNIST was downloading): start it again.
        this.on('play');
        this.startLoop();
      }
      return;
    }
    if (diff.frozen) {
      this.experiment = next;
      this.runtime.setFrozen(next.network);
      if (!diff.training && this.status !== 'running') await this.snapshot(true);
    }
    if (diff.training) {
      this.experiment = next;
      this.runtime.reconfigure(next.training);
      if (this.status !== 'running') await this.snapshot(true);
    }
  }

  private startLoop() {
    if (this.looping) return;
    this.looping = true;
    this.yieldTo(() => void this.tick());
  }

  /** One slice of training, then whatever the scheduler says is due, then yield so messages get through. */
  private async tick(): Promise<void> {
    const generation = this.generation;
    const rt = this.runtime;
    if (this.status !== 'running' || !rt) {
      this.looping = false;
      return;
    }
    if (this.slicing) {
      setTimeout(() => void this.tick(), 5);
      return;
    }
    const started = this.clock.now();
    const pace = this.pace;
    try {
      if (pace > 0) {
        // Slow motion: one step, then everything it changed on screen.
        this.clock.train(1, (n) => rt.train(n, true));
        if (rt.epochEnded && (await this.endOfEpoch(rt))) return this.stopLoop();
        await this.snapshot(true, false);
        if (this.views?.hasBackgroundWork) await this.views.advance();
      } else {
        this.clock.slice(
          (n) => rt.train(n, true),
          () => rt.epochEnded,
        );
        if (rt.epochEnded && (await this.endOfEpoch(rt))) return this.stopLoop();
        const testPass = () => !!this.views?.hasBackgroundWork;
        for (let task = this.clock.next('slice', testPass()); task; task = this.clock.next(task, testPass())) {
          await this.clock.perform(task, this.views?.lab ?? 'points', () => this.perform(task));
        }
      }
    } catch (err) {
      if (generation !== this.generation) return;
      if (this.backends.backend !== 'webgl') {
        // The loop ends here; clear the flag so a later play can start it again.
        this.looping = false;
        return this.fail(err);
      }
      await this.moveToCpu();
    }
    if (generation !== this.generation) return; // a lost context started a new loop
    if (pace > 0) setTimeout(() => void this.tick(), Math.max(0, 1000 / pace - (this.clock.now() - started)));
    else this.yieldTo(() => void this.tick());
  }

  /**
   * Early stopping at an epoch's end: measure (with the validation split) and apply the rule. True
   * when it stopped the run (paused, the best weights back if asked, the reason posted).
   */
  private async endOfEpoch(rt: ModelRuntime): Promise<boolean> {
    const stopped = await this.earlyStop(rt);
    rt.epochEnded = false;
    if (stopped) return true;
    if (rt !== this.runtime || !epochLimitReached(rt.trainingConfig.stop, rt.epoch)) return false;
    // The stop rule's epoch limit: exactly at that epoch's end.
    this.on('pause');
    this.post({ type: 'stopRule', runId: this.runId, epoch: rt.epoch });
    await this.snapshot(true);
    return true;
  }

  /** Early stopping's rule at an epoch's end (when it is on); true when it stopped the run. */
  private async earlyStop(rt: ModelRuntime): Promise<boolean> {
    if (!rt.trainingConfig.earlyStopping.enabled) return false;
    const metrics = await rt.evaluate();
    if (rt !== this.runtime) return false;
    const result = rt.observeValidation(metrics);
    if (result?.verdict !== 'stop') return false;
    this.on('pause');
    const { bestEpoch, bestValLoss, restored } = result;
    this.post({ type: 'earlyStopped', runId: this.runId, epoch: rt.epoch, bestEpoch, bestValLoss, restored });
    await this.snapshot(true);
    return true;
  }

  /** The loop ends here (a later play starts it again). */
  private stopLoop(): void {
    this.looping = false;
  }

  private async perform(task: Task): Promise<void> {
    if (task === 'testChunk') await this.views?.advance();
    else await this.snapshot(task === 'probe');
  }

  private async onContextLost(): Promise<void> {
    if (this.backends.backend !== 'webgl') return;
    const wasRunning = this.status === 'running';
    // Whatever was awaiting the dead context may never settle: abandon it, loop and queue alike.
    this.generation++;
    this.looping = false;
    this.abandonQueue();
    await this.moveToCpu();
    await this.snapshot(true);
    if (wasRunning && this.runtime) {
      this.on('play');
      this.startLoop();
    }
  }

  /** Carry the run to the CPU backend with the weights last read from WebGL (at most ~1 s old). */
  private async moveToCpu(): Promise<void> {
    if (!this.experiment) return;
    const weights = this.backends.checkpoint;
    const step = this.runtime?.step ?? 0;
    const examples = this.runtime?.examples ?? 0;
    // Their tensors died with the context: forget them without freeing.
    this.runtime = null;
    this.views = null;
    this.postReady(await this.backends.fallBackToCpu());
    const wasRunning = this.status === 'running';
    await this.rebuild(this.experiment);
    const rt = this.runtime as ModelRuntime | null;
    if (rt && weights) {
      rt.writeVariables(weights);
      rt.step = step;
      rt.examples = examples;
    }
    if (rt && wasRunning) this.on('play');
  }

  /** Training or a message crashed: report it; the run waits for an edit or a reset. */
  fail(err: unknown): void {
    this.on('failed');
    this.post({ type: 'error', runId: this.runId, key: 'engine.crashed', detail: err instanceof Error ? err.message : String(err) });
  }

  /**
   * Evaluate, probe and post. With `probes` false only the counters travel (play acknowledgement).
   * Paused, the lab may finish slower work first (`fullPass`: the image test pass), so its views
   * show the weights on screen. `reuseMetrics`: only the probe image changed (the weights did not),
   * so the last metrics stand.
   */
  private async snapshot(probes: boolean, fullPass = true, reuseMetrics = false): Promise<void> {
    const rt = this.runtime;
    const views = this.views;
    this.clock.snapshotStarted(probes);
    if (!rt || !views) {
      const lab = this.experiment ? modalityOf(this.experiment.dataset.kind) : 'points';
      const learningRate = this.experiment?.training.learningRate ?? 0;
      this.post({ type: 'snapshot', runId: this.runId, status: this.status, step: 0, epoch: 0, progress: 0, metrics: emptyMetrics(), stepsPerSec: 0, learningRate, bestEpoch: null, origin: this.origin, ...emptySnapshotPart(lab) });
      return;
    }
    const cached = this.lastMetrics;
    const metrics = reuseMetrics && cached && cached.runtime === rt && cached.step === rt.step ? cached.metrics : await rt.evaluate();
    this.lastMetrics = { runtime: rt, step: rt.step, metrics };
    // Reduce-on-plateau watches the test loss at each epoch's end (the first measurement past it).
    rt.observeEpochLoss(metrics.testLoss);
    // Read-backs are asynchronous (on WebGL truly so): an edit may have rebuilt, and so disposed,
    // this runtime meanwhile. Probing it then would run ops on freed variables.
    const alive = () => rt === this.runtime;
    if (!alive()) return;
    const part = await views.build({ probes, source: this.probeSource, fullTestPass: fullPass && this.status !== 'running', alive });
    if (!part || !alive()) return; // rebuilt while we awaited
    const dynamics = probes ? await rt.dynamics.read() : null;
    if (!alive()) return;
    if (this.backends.backend === 'webgl' && this.clock.checkpointDue()) {
      this.backends.checkpoint = await rt.readVariables();
      this.clock.checkpointed();
    }
    const diverged = ![metrics.trainLoss, metrics.testLoss].every(Number.isFinite);
    if (diverged) this.on('diverged');
    // Slow motion shows its pace, not how fast the step itself ran.
    const measured = this.clock.takeStepsPerSec();
    const stepsPerSec = this.pace > 0 && this.status === 'running' ? Math.min(this.pace, measured) : measured;
    const progress = rt.examples / rt.data.nTrain;
    const bestEpoch = rt.bestEpoch !== null && rt.bestEpoch >= 0 ? rt.bestEpoch : null;
    this.post({ type: 'snapshot', runId: this.runId, status: this.status, step: rt.step, epoch: rt.epoch, progress, metrics, stepsPerSec, learningRate: rt.learningRate, bestEpoch, origin: this.origin, dynamics, ...part });
    if (diverged) {
      this.post({ type: 'diverged', runId: this.runId, step: rt.step, epoch: rt.epoch, which: Number.isFinite(metrics.trainLoss) ? 'test' : 'train' });
    }
  }
}

function emptyMetrics(): Metrics {
  return { trainLoss: NaN, testLoss: NaN, trainAcc: null, testAcc: null };
}
