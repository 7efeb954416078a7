import type * as tfjs from '@tensorflow/tfjs';
import { loadMnist, MNIST_URL, type MnistData } from '../data/mnist';
import { needsMnist, prepareData, type DataSources } from './prepare';
import { analyze } from '../models/analysis';
import { diffExperiment } from '../models/edits';
import { datasetMismatch } from '../models/fit';
import type { Experiment } from '../models/spec';
import { registerFastCpuKernels } from './cpuKernels';
import { BuildError } from './model';
import type { BackendName, BackendNote, BackendPreference, EngineHostKind, FromEngine, Metrics, ProbeSource, RunStatus, TestReport, ToEngine } from './protocol';
import { transferablesOf } from './protocol';
import { ModelRuntime } from './runtime';
import { createRng } from '../data/rng';
import { AUTO_WEBGL_MIN_MACS, isSoftwareRenderer, macsPerStep, makeYield } from './backendPolicy';

export { AUTO_WEBGL_MIN_MACS, macsPerStep };

type TF = typeof tfjs;

/** Where the engine lives: the TF.js namespace, how to post, and which host this is. */
export interface EngineEnv {
  tf: TF;
  post(msg: FromEngine, transfer: Transferable[]): void;
  host: EngineHostKind;
  /** Overrides WebGL detection (tests in Node say false). */
  webgl?: boolean;
  /** Fetches MNIST (tests read it from disk); by default from the app's own public/data. */
  loadMnist?: (onProgress: (loaded: number, total: number) => void) => Promise<MnistData>;
}

/** Test images sent for picking the probe image. */
const SAMPLE_IMAGES = 24;
/** Test images classified per slice of a pass over the test split while training runs. */
const TEST_CHUNK = 128;
/** A pass over the test split gets at most about this share of the time while training runs. */
const TEST_SHARE = 1 / 10;

/** Fastest interval between snapshots while running (~30 Hz: counters and the loss curve). */
const SNAPSHOT_MS = 33;
/**
 * Fastest interval between probes (boundary and neuron grids, weights) while running, ~20 Hz.
 * A probe costs far more than the metrics (a forward pass over 4,096 grid points: ~12 ms in Node for
 * the largest 2-D network on the CPU backend, against ~2 ms for the metrics), so it gets its own,
 * slower clock, and never more than a sixth of the time.
 */
const PROBE_MS = 50;
/** Longest stretch of training before yielding to messages. */
const SLICE_MS = 12;
/**
 * The training engine: routes protocol messages into a ModelRuntime and runs the loop. The same
 * class runs inside the Web Worker and, where a worker cannot get WebGL, on the main thread.
 */
export class Engine {
  private runId = -1;
  private runtime: ModelRuntime | null = null;
  private experiment: Experiment | null = null;
  private status: RunStatus = 'idle';
  private backend: BackendName = 'cpu';
  private queue: Promise<void> = Promise.resolve();
  private looping = false;
  private lastSnapshot = 0;
  private snapshotEvery = SNAPSHOT_MS;
  private lastProbe = 0;
  private probeEvery = PROBE_MS;
  private stepsSinceSnapshot = 0;
  private trainMsSinceSnapshot = 0;
  private savedWeights: Float32Array[] | null = null;
  private savedAt = 0;
  private webglOk: boolean | null = null;
  /** Bumped when a lost context abandons whatever was awaiting the dead backend. */
  private generation = 0;
  private latestUpdate: ToEngine | null = null;
  private latestProbeSource: ToEngine | null = null;
  /** The metrics of the last snapshot, for snapshots that only re-probe (the weights did not move). */
  private lastMetrics: { runtime: ModelRuntime; step: number; metrics: Metrics } | null = null;
  private pref: BackendPreference = 'auto';
  /** Why the current backend was chosen; undefined until the first choice. */
  private note: BackendNote | undefined = undefined;
  private softwareGl = false;
  private readonly yieldTo = makeYield();
  private mnist: Promise<MnistData> | null = null;
  private probeSource: ProbeSource = { kind: 'test', index: 0 };
  /** When the next chunk of the test pass is due (performance.now() ms). */
  private nextTestChunk = 0;
  private pendingReport: TestReport | null = null;

  constructor(private readonly env: EngineEnv) {
    // Our convolution, pooling, element-wise and matMul kernels replace TF.js's on its CPU backend (see cpuKernels/index.ts).
    registerFastCpuKernels(env.tf);
  }

  /** Handle messages strictly in order; each may await the backend. */
  handle(msg: ToEngine): Promise<void> {
    // An update carries the whole Experiment, so one that a newer update overtakes in the queue
    // can be skipped: a burst of edits (a slider, a script) rebuilds once, not once per edit.
    if (msg.type === 'update') this.latestUpdate = msg;
    // Likewise a drawing sends a new probe image ~10 times a second: only the latest matters.
    if (msg.type === 'probeSource') this.latestProbeSource = msg;
    const superseded = () => (msg.type === 'update' && msg !== this.latestUpdate) || (msg.type === 'probeSource' && msg !== this.latestProbeSource);
    this.queue = this.queue.then(() => (superseded() ? undefined : this.process(msg))).catch((err) => this.fail(err));
    return this.queue;
  }

  private post(msg: FromEngine) {
    this.env.post(msg, transferablesOf(msg));
  }

  private async process(msg: ToEngine): Promise<void> {
    if (msg.type === 'dispose') {
      this.stop();
      this.runtime?.dispose();
      this.runtime = null;
      return;
    }
    if (msg.type === 'init') {
      this.runId = msg.runId;
      await this.init(msg.experiment, msg.backend);
      return;
    }
    if (msg.runId !== this.runId) return; // a stale run
    switch (msg.type) {
      case 'update':
        return this.update(msg.experiment);
      case 'play':
        if (!this.runtime || this.status === 'error') return;
        this.status = 'running';
        this.startLoop();
        return this.snapshot(false);
      case 'pause':
        if (this.status === 'running') this.status = 'paused';
        return this.snapshot(true);
      case 'step':
        if (!this.runtime) return;
        if (this.status === 'running' || this.status === 'diverged') this.status = 'paused';
        this.trainTimed(Math.max(1, Math.min(10_000, msg.steps)));
        return this.snapshot(true);
      case 'reset':
        if (!this.runtime) {
          // Nothing built (say the data failed to load): try again.
          if (this.experiment && this.status === 'error') {
            await this.rebuild(this.experiment);
            return this.snapshot(true);
          }
          return;
        }
        this.runtime.initWeights();
        if (this.status === 'diverged') this.status = 'paused';
        return this.snapshot(true);
      case 'generate':
        return this.generate(msg);
      case 'probeSource':
        this.probeSource = msg.source;
        if (!this.runtime?.hasImageViews && !this.runtime?.hasSequenceViews) return;
        // Running, the next probe picks it up within a frame or two; paused, show it now.
        if (this.status === 'running') this.lastProbe = 0;
        else return this.snapshot(true, false, true);
        return;
      case 'setWeight':
      case 'setBias': {
        if (!this.runtime) return;
        const d = this.runtime.built.dense.find((x) => x.layerId === msg.layerId);
        if (!d) return;
        const units = d.kernel.shape[1] as number;
        const ok =
          msg.type === 'setWeight'
            ? await this.runtime.setWeight(msg.layerId, 'kernel', msg.from * units + msg.to, msg.value)
            : await this.runtime.setWeight(msg.layerId, 'bias', msg.unit, msg.value);
        if (ok) return this.snapshot(true);
        return;
      }
      case 'debugLoseContext': {
        const gl = (this.env.tf.backend() as unknown as { gpgpu?: { gl: WebGLRenderingContext } }).gpgpu?.gl;
        gl?.getExtension('WEBGL_lose_context')?.loseContext();
        return;
      }
    }
  }

  private async webglAvailable(): Promise<boolean> {
    if (this.env.webgl !== undefined) return this.env.webgl;
    if (this.webglOk === null) {
      try {
        this.webglOk = await this.env.tf.setBackend('webgl');
        if (this.webglOk) this.softwareGl = isSoftwareRenderer(this.env.tf);
      } catch {
        this.webglOk = false;
      }
    }
    return this.webglOk;
  }

  private async selectBackend(pref: BackendPreference, exp: Experiment): Promise<{ backend: BackendName; note: BackendNote }> {
    const webgl = await this.webglAvailable();
    if (pref === 'cpu') return { backend: 'cpu', note: null };
    if (pref === 'webgl') return webgl ? { backend: 'webgl', note: null } : { backend: 'cpu', note: 'webglUnavailable' };
    if (macsPerStep(exp) < AUTO_WEBGL_MIN_MACS) return { backend: 'cpu', note: 'autoCpu' };
    if (!webgl) return { backend: 'cpu', note: 'webglUnavailable' };
    // A software renderer (SwiftShader, llvmpipe) runs WebGL on the CPU, slower than TF.js's own
    // CPU kernels: the default CNN on the shapes images trained ~60 images/s on the CPU backend and
    // had not finished its first WebGL step after 12 s here.
    return this.softwareGl ? { backend: 'cpu', note: 'autoCpuSoftware' } : { backend: 'webgl', note: 'autoWebgl' };
  }

  /** Switch backends when the choice for this Experiment differs from the one in use. */
  private async applyBackend(exp: Experiment): Promise<void> {
    const { backend, note } = await this.selectBackend(this.pref, exp);
    if (backend === this.backend && note === this.note) return;
    this.runtime?.dispose();
    this.runtime = null;
    await this.env.tf.setBackend(backend);
    await this.env.tf.ready();
    this.backend = this.env.tf.getBackend() as BackendName;
    this.note = note;
    if (this.backend === 'webgl') this.watchContext();
    this.post({ type: 'ready', runId: this.runId, backend: this.backend, host: this.env.host, note, webglAvailable: await this.webglAvailable() });
  }

  private async init(exp: Experiment, pref: BackendPreference): Promise<void> {
    this.stop();
    this.runtime?.dispose();
    this.runtime = null;
    this.savedWeights = null;
    this.pref = pref;
    this.note = undefined;
    this.backend = this.env.tf.getBackend() as BackendName;
    await this.applyBackend(exp);
    this.status = 'paused';
    await this.rebuild(exp);
    await this.snapshot(true);
  }

  /** Data the Experiment needs loaded (MNIST), fetched once per engine with progress reports. */
  private async sources(exp: Experiment): Promise<DataSources> {
    if (!needsMnist(exp)) return {};
    if (!this.mnist) {
      const runId = this.runId;
      const progress = (loaded: number, total: number) => this.post({ type: 'dataProgress', runId, loaded, total });
      const load = this.env.loadMnist ?? ((p) => loadMnist(new URL(MNIST_URL.slice(1), new URL(import.meta.env.BASE_URL, globalThis.location.href)).href, p));
      this.mnist = load(progress);
      // A failed download may succeed later (a flaky network): do not keep the failure.
      this.mnist.catch(() => (this.mnist = null));
    }
    return { mnist: await this.mnist };
  }

  /** Build data and model for an Experiment; on a problem, report it and keep no runtime. */
  private async rebuild(exp: Experiment): Promise<void> {
    this.runtime?.dispose();
    this.runtime = null;
    this.experiment = exp;
    this.pendingReport = null;
    const analysis = analyze(exp.network);
    if (analysis.errors.length) {
      const first = analysis.errors[0];
      this.status = 'error';
      this.post({ type: 'error', runId: this.runId, key: 'engine.invalidGraph', vars: { node: first.nodeId }, cause: first.error });
      return;
    }
    const mismatch = datasetMismatch(exp, analysis);
    if (mismatch) {
      this.status = 'error';
      this.post({ type: 'error', runId: this.runId, key: mismatch.key, vars: { ...mismatch.vars, node: mismatch.nodeId } });
      return;
    }
    let sources: DataSources;
    try {
      sources = await this.sources(exp);
    } catch (err) {
      this.status = 'error';
      this.post({ type: 'error', runId: this.runId, key: 'engine.dataLoad', detail: err instanceof Error ? err.message : String(err) });
      return;
    }
    // A newer Experiment arrived while the data loaded: that one builds instead.
    if (exp !== this.experiment) return;
    try {
      this.runtime = new ModelRuntime(this.env.tf, exp, prepareData(exp, sources));
      if (this.status === 'error' || this.status === 'diverged') this.status = 'paused';
      if (this.runtime.hasImageViews) this.postDataInfo(this.runtime);
      if (this.runtime.hasSequenceViews) this.postSeqInfo(this.runtime);
    } catch (err) {
      this.status = 'error';
      if (err instanceof BuildError) this.post({ type: 'error', runId: this.runId, key: err.key, vars: err.vars });
      else throw err;
    }
  }

  private postDataInfo(rt: ModelRuntime): void {
    const count = Math.min(SAMPLE_IMAGES, rt.data.nTest);
    const side = rt.data.inputShape[0];
    const samples = new Float32Array(count * side * side);
    for (let i = 0; i < count; i++) samples.set(rt.testPicture(i), i * side * side);
    const labels = Array.from(rt.testLabels.subarray(0, count));
    this.post({ type: 'dataInfo', runId: this.runId, side, samples, labels, nTrain: rt.data.nTrain, nTest: rt.data.nTest });
  }

  private postSeqInfo(rt: ModelRuntime): void {
    const { data } = rt;
    const seq = data.seq!;
    const count = Math.min(SAMPLE_IMAGES, data.nTest);
    this.post({
      type: 'seqInfo',
      runId: this.runId,
      layout: seq.shape.layout,
      vocab: seq.shape.vocab,
      inLen: data.numFeatures,
      steps: seq.shape.layout === 'tokens' ? data.targetWidth : 1,
      decoder: seq.decoderInput !== null,
      samples: data.testX.slice(0, count * data.numFeatures),
      targets: data.testY.slice(0, count * data.targetWidth),
      targetWidth: data.targetWidth,
      count,
      nTrain: data.nTrain,
      nTest: data.nTest,
    });
  }

  /** Continue a prompt with the language model (characters the corpus lacks are dropped from it). */
  private async generate(msg: Extract<ToEngine, { type: 'generate' }>): Promise<void> {
    const rt = this.runtime;
    const seq = rt?.data.seq;
    if (!rt || !seq || seq.shape.layout !== 'tokens' || seq.decoderInput) {
      this.post({ type: 'generated', runId: this.runId, prompt: msg.prompt, text: '', probs: [] });
      return;
    }
    const vocab = seq.shape.vocab;
    const index = new Map(vocab.map((t, i) => [t, i]));
    let ids = Array.from(msg.prompt, (c) => index.get(c) ?? -1).filter((i) => i > 3);
    // Nothing to start from: begin with the probe example's first token.
    if (!ids.length) ids = [rt.data.testX[0] > 3 ? rt.data.testX[0] : 4];
    const length = Math.max(1, Math.min(1000, Math.floor(msg.length)));
    const rng = createRng(msg.seed >>> 0);
    const { ids: out, probs } = await rt.generate(ids, length, msg.temperature, msg.topK, rng);
    const prompt = ids.map((i) => vocab[i]).join('');
    // An edit rebuilt the network meanwhile: that text came from a model no longer on screen.
    if (rt !== this.runtime) return this.post({ type: 'generated', runId: this.runId, prompt, text: '', probs: [] });
    this.post({ type: 'generated', runId: this.runId, prompt, text: out.map((i) => vocab[i] ?? '').join(''), probs });
  }

  private async update(next: Experiment): Promise<void> {
    const prev = this.experiment;
    if (!prev) return;
    const diff = diffExperiment(prev, next);
    if (diff.model || !this.runtime) {
      const wasRunning = this.status === 'running';
      // A different network may want the other backend (auto): a 2-D MLP the CPU, a big CNN WebGL.
      if (this.pref === 'auto') await this.applyBackend(next);
      await this.rebuild(next);
      await this.snapshot(true);
      if (wasRunning && this.runtime) this.status = 'running';
      return;
    }
    if (diff.training) {
      this.experiment = next;
      this.runtime.reconfigure(next.training);
      if (this.status !== 'running') await this.snapshot(true);
    }
  }

  private trainTimed(steps: number) {
    const t0 = performance.now();
    this.runtime!.train(steps);
    this.trainMsSinceSnapshot += performance.now() - t0;
    this.stepsSinceSnapshot += steps;
  }

  private stop() {
    if (this.status === 'running') this.status = 'paused';
  }

  private startLoop() {
    if (this.looping) return;
    this.looping = true;
    this.yieldTo(() => void this.tick());
  }

  /** One slice of training, then a snapshot when due, then yield so messages get through. */
  private async tick(): Promise<void> {
    const generation = this.generation;
    if (this.status !== 'running' || !this.runtime) {
      this.looping = false;
      return;
    }
    try {
      const t0 = performance.now();
      let batch = 1;
      while (performance.now() - t0 < SLICE_MS) {
        this.trainTimed(batch);
        batch = Math.min(batch * 2, 64);
      }
      const now = performance.now();
      if (now - this.lastSnapshot >= this.snapshotEvery) {
        const withProbes = now - this.lastProbe >= this.probeEvery;
        await this.snapshot(withProbes);
        const cost = performance.now() - now;
        // However slow this backend reads back, training keeps most of the time.
        if (withProbes) this.probeEvery = Math.max(PROBE_MS, cost * 6);
        // Image networks evaluate hundreds of images per snapshot: fewer of them, more training.
        else this.snapshotEvery = Math.max(SNAPSHOT_MS, cost * (this.runtime?.hasImageViews ? 8 : 4));
      }
      if (this.runtime?.hasImageViews && performance.now() >= this.nextTestChunk) {
        const t0 = performance.now();
        const rt = this.runtime;
        const report = await rt.advanceTestPass(TEST_CHUNK);
        if (rt === this.runtime && report) this.pendingReport = report;
        this.nextTestChunk = performance.now() + (performance.now() - t0) * (1 / TEST_SHARE - 1);
      }
    } catch (err) {
      if (generation !== this.generation) return;
      if (this.backend !== 'webgl') {
        // The loop ends here; clear the flag so a later play can start it again.
        this.looping = false;
        return this.fail(err);
      }
      await this.moveToCpu();
    }
    if (generation !== this.generation) return; // a lost context started a new loop
    this.yieldTo(() => void this.tick());
  }

  /** TF.js's WebGL calls fail quietly once the context is lost, so listen for the loss itself. */
  private watchContext() {
    const canvas = (this.env.tf.backend() as unknown as { gpgpu?: { gl: WebGLRenderingContext } }).gpgpu?.gl.canvas;
    canvas?.addEventListener('webglcontextlost', () => void this.onContextLost(), { once: true });
  }

  private async onContextLost(): Promise<void> {
    if (this.backend !== 'webgl') return;
    const wasRunning = this.status === 'running';
    // Whatever was awaiting the dead context may never settle: abandon it, loop and queue alike.
    this.generation++;
    this.looping = false;
    this.queue = Promise.resolve();
    await this.moveToCpu();
    await this.snapshot(true);
    if (wasRunning && this.runtime) {
      this.status = 'running';
      this.startLoop();
    }
  }

  /** Carry the run to the CPU backend with the weights last read from WebGL (at most ~1 s old). */
  private async moveToCpu(): Promise<void> {
    if (!this.experiment) return;
    const weights = this.savedWeights;
    const step = this.runtime?.step ?? 0;
    const examples = this.runtime?.examples ?? 0;
    this.runtime = null; // its tensors died with the context
    await this.env.tf.setBackend('cpu');
    this.backend = 'cpu';
    this.note = 'contextLost';
    this.webglOk = false;
    this.post({ type: 'ready', runId: this.runId, backend: 'cpu', host: this.env.host, note: 'contextLost', webglAvailable: false });
    const status = this.status;
    await this.rebuild(this.experiment);
    const rt = this.runtime as ModelRuntime | null;
    if (rt && weights) {
      rt.writeVariables(weights);
      rt.step = step;
      rt.examples = examples;
    }
    if (rt && status === 'running') this.status = 'running';
  }

  private async fail(err: unknown): Promise<void> {
    this.status = 'error';
    this.post({ type: 'error', runId: this.runId, key: 'engine.crashed', detail: err instanceof Error ? err.message : String(err) });
  }

  /**
   * Evaluate, probe and post. With `probes` false only the status travels (play acknowledgement).
   * Paused with image views, a full pass over the test split follows (`testPass`), so the confusion
   * matrix and the gallery show the weights on screen. `reuseMetrics`: only the probe image changed
   * (the weights did not), so the last metrics stand.
   */
  private async snapshot(probes: boolean, testPass = true, reuseMetrics = false): Promise<void> {
    const rt = this.runtime;
    this.lastSnapshot = performance.now();
    if (probes) this.lastProbe = this.lastSnapshot;
    if (!rt) {
      this.post({ type: 'snapshot', runId: this.runId, status: this.status, step: 0, epoch: 0, progress: 0, metrics: emptyMetrics(), probes: null, stepsPerSec: 0 });
      return;
    }
    const cached = this.lastMetrics;
    const metrics = reuseMetrics && cached && cached.runtime === rt && cached.step === rt.step ? cached.metrics : await rt.evaluate();
    this.lastMetrics = { runtime: rt, step: rt.step, metrics };
    // Read-backs are asynchronous (on WebGL truly so): an edit may have rebuilt, and so disposed,
    // this runtime meanwhile. Probing it then would run ops on freed variables.
    if (rt !== this.runtime) return;
    const probe = probes ? await rt.probe() : null;
    const images = probes ? await rt.probeImages(this.probeSource) : null;
    const sequences = probes && rt.hasSequenceViews ? await rt.probeSequence(this.probeSource.kind === 'test' ? this.probeSource.index : 0) : null;
    if (rt !== this.runtime) return; // rebuilt while we awaited
    let testReport = this.pendingReport;
    this.pendingReport = null;
    if (probes && testPass && this.status !== 'running' && rt.hasImageViews) {
      testReport = null;
      for (let first = true; !testReport; first = false) {
        testReport = await rt.advanceTestPass(4 * TEST_CHUNK, first);
        if (rt !== this.runtime) return;
      }
    }
    if (this.backend === 'webgl' && performance.now() - this.savedAt > 1000) {
      this.savedWeights = await rt.readVariables();
      this.savedAt = performance.now();
    }
    const diverged = ![metrics.trainLoss, metrics.testLoss].every(Number.isFinite);
    if (diverged) this.status = 'diverged';
    const stepsPerSec = this.trainMsSinceSnapshot > 0 ? (this.stepsSinceSnapshot * 1000) / this.trainMsSinceSnapshot : 0;
    this.stepsSinceSnapshot = 0;
    this.trainMsSinceSnapshot = 0;
    this.post({ type: 'snapshot', runId: this.runId, status: this.status, step: rt.step, epoch: rt.epoch, progress: rt.examples / rt.data.nTrain, metrics, probes: probe, images, sequences, testReport, stepsPerSec });
    if (diverged) {
      this.post({ type: 'diverged', runId: this.runId, step: rt.step, epoch: rt.epoch, which: Number.isFinite(metrics.trainLoss) ? 'test' : 'train' });
    }
  }
}

function emptyMetrics(): Metrics {
  return { trainLoss: NaN, testLoss: NaN, trainAcc: null, testAcc: null };
}
