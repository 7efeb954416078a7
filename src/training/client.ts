import type { EngineHostKind, FromEngine, ToEngine } from './protocol';

/**
 * The page's handle on the training engine. It never imports TF.js statically: the worker
 * loads it in its own bundle, and the main-thread fallback loads it on demand.
 */
export interface EngineClient {
  readonly host: EngineHostKind;
  post(msg: ToEngine): void;
  dispose(): void;
}

export type EngineListener = (msg: FromEngine) => void;

/** The engine in a Web Worker (the normal case). */
export function createWorkerClient(listener: EngineListener, onCrash: (message: string) => void): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'gradient-garden-engine' });
  worker.onmessage = (e: MessageEvent<FromEngine>) => listener(e.data);
  worker.onerror = (e) => onCrash(e.message || 'worker error');
  return {
    host: 'worker',
    post: (msg) => worker.postMessage(msg),
    dispose: () => {
      worker.postMessage({ type: 'dispose' } satisfies ToEngine);
      worker.terminate();
    },
  };
}

/**
 * The same engine on the main thread, for browsers whose workers cannot get WebGL. It trains in
 * short slices and yields between them, so the page stays usable, if less smooth.
 */
export async function createMainThreadClient(listener: EngineListener): Promise<EngineClient> {
  const [{ Engine }, tf] = await Promise.all([import('./engine'), import('@tensorflow/tfjs')]);
  let alive = true;
  const engine = new Engine({
    tf,
    host: 'main',
    // Deliver asynchronously, as a worker would, so the store never re-enters itself.
    post: (msg) => queueMicrotask(() => alive && listener(msg)),
  });
  return {
    host: 'main',
    post: (msg) => void engine.handle(msg),
    dispose: () => {
      void engine.handle({ type: 'dispose' });
      alive = false;
    },
  };
}
