/// <reference lib="webworker" />
/**
 * The worker is a router: it loads TF.js with both backends and hands every message to the Engine.
 */
import '../models/noEval';
import * as tf from '@tensorflow/tfjs';
import { Engine } from './engine';
import type { ToEngine } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const engine = new Engine({
  tf,
  host: 'worker',
  post: (msg, transfer) => scope.postMessage(msg, transfer),
});
scope.onmessage = (e: MessageEvent<ToEngine>) => void engine.handle(e.data);
