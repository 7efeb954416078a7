import { registerFastCpuKernels } from './cpuKernels';
import type { ToEngine } from './protocol';
import { RunSession, type EngineEnv } from './runSession';

export { AUTO_WEBGL_MIN_MACS, macsPerStep } from './backendPolicy';
export type { EngineEnv } from './runSession';

/**
 * The training engine: a message router. It keeps messages in order, drops those a newer one
 * supersedes and those of stale runs, and hands the rest to the run session (runSession.ts). The
 * same class runs inside the Web Worker and, where a worker cannot get WebGL, on the main thread.
 */
export class Engine {
  private queue: Promise<void> = Promise.resolve();
  private latestUpdate: ToEngine | null = null;
  private latestProbeSource: ToEngine | null = null;
  private readonly session: RunSession;
  /** Messages taken and not yet handled; `idle` is posted when the last one is done. */
  private pending = 0;

  constructor(private readonly env: EngineEnv) {
    // Our convolution, pooling, element-wise and matMul kernels replace TF.js's on its CPU backend (see cpuKernels/index.ts).
    registerFastCpuKernels(env.tf);
    this.session = new RunSession(env, () => {
      this.queue = Promise.resolve();
      this.pending = 0;
    });
  }

  /** Handle messages strictly in order; each may await the backend. */
  handle(msg: ToEngine): Promise<void> {
    // An update carries the whole Experiment, so one that a newer update overtakes in the queue
    // can be skipped: a burst of edits (a slider, a script) rebuilds once, not once per edit.
    if (msg.type === 'update') this.latestUpdate = msg;
    // Likewise a drawing sends a new probe image ~10 times a second: only the latest matters.
    if (msg.type === 'probeSource') this.latestProbeSource = msg;
    const superseded = () => (msg.type === 'update' && msg !== this.latestUpdate) || (msg.type === 'probeSource' && msg !== this.latestProbeSource);
    this.pending++;
    this.queue = this.queue
      .then(() => (superseded() ? undefined : this.route(msg)))
      .catch((err) => this.session.fail(err))
      .finally(() => {
        this.pending = Math.max(0, this.pending - 1);
        if (this.pending === 0 && msg.type !== 'dispose') this.env.post({ type: 'idle', runId: this.session.id }, []);
      });
    return this.queue;
  }

  private async route(msg: ToEngine): Promise<void> {
    const run = this.session;
    if (msg.type === 'dispose') return run.dispose();
    if (msg.type === 'init') return run.init(msg.runId, msg.experiment, msg.backend);
    if (msg.type === 'table') return run.setTable(msg.table);
    if (msg.type === 'ownData') return run.setOwnData(msg.images, msg.text, msg.sentences ?? null);
    if (msg.type === 'teacher') return run.setTeacher(msg.teacher);
    if (msg.runId !== run.id) return; // a stale run
    switch (msg.type) {
      case 'update':
        return run.update(msg.experiment);
      case 'play':
        return run.play();
      case 'pause':
        return run.pause();
      case 'step':
        return run.step(msg.steps);
      case 'reset':
        return run.reset();
      case 'generate':
        return run.generate(msg);
      case 'probeSource':
        return run.setProbeSource(msg.source);
      case 'setWeight':
      case 'setBias':
        return run.editDense(msg);
      case 'saveWeights':
        return run.saveWeights(msg.requestId);
      case 'loadWeights':
        return run.loadWeights(msg.weights);
      case 'lossSlice':
        return run.lossSlice(msg);
      case 'tool':
        return run.tool(msg);
      case 'pace':
        return run.setPace(msg.stepsPerSec);
      case 'confirm':
        return run.confirm();
      case 'dynamics':
        return run.setDynamics(msg.enabled);
      case 'debugLoseContext':
        return run.loseContext();
      case 'debugHang': {
        const until = performance.now() + Math.min(msg.ms, 120_000);
        while (performance.now() < until) {
          // Busy, as a runaway step is: nothing else runs on this thread meanwhile.
        }
        return;
      }
    }
  }
}
