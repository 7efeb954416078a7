import type * as tfjs from '@tensorflow/tfjs';
import type { Experiment } from '../models/spec';
import { AUTO_WEBGL_MIN_MACS, isSoftwareRenderer, macsPerStep } from './backendPolicy';
import type { BackendName, BackendNote, BackendPreference } from './protocol';

type TF = typeof tfjs;

/** What the page is told when the backend changes (the `ready` message, less its run and host). */
export interface BackendReady {
  backend: BackendName;
  note: BackendNote;
  webglAvailable: boolean;
}

/**
 * Which TF.js backend the engine runs on, and why: the learner's preference (auto, webgl, cpu),
 * whether WebGL works here (and in hardware), the fallback when it does not, and the move to the
 * CPU when the WebGL context is lost. It holds the last weights read from WebGL for that move.
 */
export class BackendManager {
  private pref: BackendPreference = 'auto';
  private current: BackendName = 'cpu';
  /** Why the current backend was chosen; undefined until the first choice. */
  private note: BackendNote | undefined = undefined;
  private webglOk: boolean | null = null;
  private softwareGl = false;
  /** The weights last read from WebGL (see CHECKPOINT_MS), to carry over on a lost context. */
  checkpoint: Float32Array[] | null = null;

  constructor(
    private readonly tf: TF,
    /** Overrides WebGL detection (tests in Node say false). */
    private readonly webglOverride: boolean | undefined,
    /** Called once when the WebGL context in use is lost. */
    private readonly onContextLost: () => void,
  ) {}

  get backend(): BackendName {
    return this.current;
  }

  get preference(): BackendPreference {
    return this.pref;
  }

  /** A new run: take the learner's preference and forget the previous choice and checkpoint. */
  start(pref: BackendPreference): void {
    this.pref = pref;
    this.note = undefined;
    this.checkpoint = null;
    this.current = this.tf.getBackend() as BackendName;
  }

  async webglAvailable(): Promise<boolean> {
    if (this.webglOverride !== undefined) return this.webglOverride;
    if (this.webglOk === null) {
      try {
        this.webglOk = await this.tf.setBackend('webgl');
        if (this.webglOk) this.softwareGl = isSoftwareRenderer(this.tf);
      } catch {
        this.webglOk = false;
      }
    }
    return this.webglOk;
  }

  /** The backend for `exp` under the preference, and the note that explains it. */
  async choose(exp: Experiment): Promise<{ backend: BackendName; note: BackendNote }> {
    const webgl = await this.webglAvailable();
    const pref = this.pref;
    if (pref === 'cpu') return { backend: 'cpu', note: null };
    if (pref === 'webgl') return webgl ? { backend: 'webgl', note: null } : { backend: 'cpu', note: 'webglUnavailable' };
    if (macsPerStep(exp) < AUTO_WEBGL_MIN_MACS) return { backend: 'cpu', note: 'autoCpu' };
    if (!webgl) return { backend: 'cpu', note: 'webglUnavailable' };
    // A software renderer (SwiftShader, llvmpipe) runs WebGL on the CPU, slower than TF.js's own
    // CPU kernels: the default CNN on the shapes images trained ~60 images/s on the CPU backend and
    // had not finished its first WebGL step after 12 s here.
    return this.softwareGl ? { backend: 'cpu', note: 'autoCpuSoftware' } : { backend: 'webgl', note: 'autoWebgl' };
  }

  /**
   * Switch backends when the choice for `exp` differs from the one in use; `beforeSwitch` runs
   * first (tensors of the old backend must be freed on it). Returns what to tell the page, or
   * null when nothing changed.
   */
  async apply(exp: Experiment, beforeSwitch: () => void): Promise<BackendReady | null> {
    const { backend, note } = await this.choose(exp);
    if (backend === this.current && note === this.note) return null;
    beforeSwitch();
    await this.tf.setBackend(backend);
    await this.tf.ready();
    this.current = this.tf.getBackend() as BackendName;
    this.note = note;
    if (this.current === 'webgl') this.watchContext();
    return { backend: this.current, note, webglAvailable: await this.webglAvailable() };
  }

  /** The WebGL context is gone: run on the CPU from now on, and never offer WebGL again. */
  async fallBackToCpu(): Promise<BackendReady> {
    await this.tf.setBackend('cpu');
    this.current = 'cpu';
    this.note = 'contextLost';
    this.webglOk = false;
    return { backend: 'cpu', note: 'contextLost', webglAvailable: false };
  }

  /** Test hook: lose the WebGL context on purpose. */
  loseContext(): void {
    this.gl()?.getExtension('WEBGL_lose_context')?.loseContext();
  }

  /** TF.js's WebGL calls fail quietly once the context is lost, so listen for the loss itself. */
  private watchContext(): void {
    this.gl()?.canvas.addEventListener('webglcontextlost', () => this.onContextLost(), { once: true });
  }

  private gl(): WebGLRenderingContext | undefined {
    return (this.tf.backend() as unknown as { gpgpu?: { gl: WebGLRenderingContext } }).gpgpu?.gl;
  }
}
