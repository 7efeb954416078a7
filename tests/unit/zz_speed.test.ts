import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { prepareData } from '../../src/data/prepare';
import { defaultExperiment } from '../../src/models/defaults';
import { ModelRuntime } from '../../src/training/runtime';
it('speed', async () => {
  await tf.setBackend('cpu');
  const exp = defaultExperiment();
  const rt = new ModelRuntime(tf, exp, prepareData(exp));
  rt.train(500);
  for (let k = 0; k < 3; k++) {
    let t0 = performance.now();
    rt.train(2500);
    const tTrain = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < 20; i++) { await rt.evaluate(); }
    const tEval = (performance.now() - t0) / 20;
    t0 = performance.now();
    for (let i = 0; i < 20; i++) { await rt.probe(); }
    const tProbe = (performance.now() - t0) / 20;
    console.log(`steps/s ${(2500 / tTrain * 1000).toFixed(0)} epochs/s ${(100 / tTrain * 1000).toFixed(1)} eval ${tEval.toFixed(2)}ms probe ${tProbe.toFixed(2)}ms`);
  }
});
