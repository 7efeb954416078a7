import type * as tfjs from '@tensorflow/tfjs';
import type { BuiltModel } from './model';
import type { FeatureMap, ImageProbes, TestReport } from './protocol';

type TF = typeof tfjs;

/** Most misclassified test images a report carries (the gallery shows them). */
export const MAX_MISTAKES = 32;

/**
 * Looks inside an image network for one probe image: the output of every layer with a spatial
 * (height × width × channels) output, the Conv2D kernels and the network's output. It runs a second
 * functional model over the same layers (so the same weights, never a copy) in inference mode:
 * batch normalization uses its moving statistics and dropout is off, as for test metrics.
 */
export class ImageInspector {
  private readonly model: tfjs.LayersModel;
  private readonly mapIds: string[];
  private readonly convs: { layerId: string; kernel: tfjs.LayerVariable; bias: tfjs.LayerVariable | null }[] = [];

  constructor(
    private readonly tf: TF,
    built: BuiltModel,
  ) {
    this.mapIds = built.order.filter((id) => built.layers.has(id) && built.symbolic.get(id)!.shape.length === 4);
    const outputs = [...this.mapIds.map((id) => built.symbolic.get(id)!), built.model.outputs[0]];
    // Not disposed on its own: it owns no weights, and disposing it would release the shared layers.
    this.model = tf.model({ inputs: built.model.inputs, outputs });
    for (const id of built.order) {
      const layer = built.layers.get(id);
      if (layer?.getClassName() !== 'Conv2D') continue;
      const conv = layer as tfjs.layers.Layer & { kernel: tfjs.LayerVariable; bias: tfjs.LayerVariable | null };
      this.convs.push({ layerId: id, kernel: conv.kernel, bias: conv.bias ?? null });
    }
  }

  /** Feature maps, kernels and output for one image of `inputShape` (h, w, c). */
  async inspect(image: Float32Array, inputShape: number[], testIndex: number, label: number): Promise<ImageProbes> {
    const tf = this.tf;
    const t0 = performance.now();
    const outs = tf.tidy(() => {
      const x = tf.tensor(image, [1, ...inputShape]);
      const y = this.model.predict(x);
      return Array.isArray(y) ? y : [y];
    });
    const kernels = this.convs.map((c) => ({ layerId: c.layerId, kernel: c.kernel.read(), bias: c.bias?.read() ?? null }));
    const [values, kernelValues] = await Promise.all([
      Promise.all(outs.map((o) => o.data() as Promise<Float32Array>)),
      Promise.all(kernels.map((k) => Promise.all([k.kernel.data() as Promise<Float32Array>, k.bias?.data() as Promise<Float32Array> | undefined]))),
    ]);
    const shapes = outs.map((o) => o.shape);
    outs.forEach((o) => o.dispose());
    const [h, w, c] = inputShape;
    return {
      input: { layerId: 'input', shape: [h, w, c], values: Float32Array.from(image) },
      testIndex,
      label,
      maps: this.mapIds.map((layerId, i): FeatureMap => {
        const [, mh, mw, mc] = shapes[i];
        return { layerId, shape: [mh, mw, mc], values: Float32Array.from(values[i]) };
      }),
      kernels: kernels.map((k, i) => ({
        layerId: k.layerId,
        shape: k.kernel.shape as [number, number, number, number],
        kernel: Float32Array.from(kernelValues[i][0]),
        bias: kernelValues[i][1] ? Float32Array.from(kernelValues[i][1]!) : null,
      })),
      output: Float32Array.from(values[values.length - 1]),
      ms: performance.now() - t0,
    };
  }
}

/**
 * A pass over the whole test split in chunks, so a long pass never blocks the loop: the engine
 * advances it between training slices and gets a report when the last chunk is in. The weights
 * may move between chunks while training runs; a pass started while paused sees one set.
 */
export class TestSweep {
  private cursor = 0;
  private step = 0;
  private confusion: Int32Array;
  private correct = 0;
  private mistakes: TestReport['mistakes'] = [];

  constructor(
    private readonly classes: number,
    /** True class of each test example. */
    private readonly labels: Int32Array,
  ) {
    this.confusion = new Int32Array(classes * classes);
  }

  get started(): boolean {
    return this.cursor > 0;
  }

  /** Begin a fresh pass, stamped with the training step it belongs to. */
  restart(step: number): void {
    this.cursor = 0;
    this.step = step;
    this.confusion = new Int32Array(this.classes * this.classes);
    this.correct = 0;
    this.mistakes = [];
  }

  /**
   * Classify the next `count` test examples with `classify` (predicted class and its probability
   * per row); returns the report when the pass is complete, else null.
   */
  async advance(
    count: number,
    classify: (start: number, size: number) => Promise<{ predicted: Int32Array; confidence: Float32Array }>,
    pixelsOf: (index: number) => Float32Array,
    side: number,
  ): Promise<TestReport | null> {
    const n = this.labels.length;
    if (this.cursor === 0 && n === 0) return null;
    const size = Math.min(count, n - this.cursor);
    const { predicted, confidence } = await classify(this.cursor, size);
    for (let i = 0; i < size; i++) {
      const index = this.cursor + i;
      const label = this.labels[index];
      const p = predicted[i];
      this.confusion[label * this.classes + p]++;
      if (p === label) this.correct++;
      else this.mistakes.push({ index, label, predicted: p, confidence: confidence[i] });
    }
    this.cursor += size;
    // Keep only the most confident mistakes: the ones most worth a look.
    if (this.mistakes.length > 4 * MAX_MISTAKES) this.trimMistakes();
    if (this.cursor < n) return null;
    this.trimMistakes();
    const mistakeImages = new Float32Array(this.mistakes.length * side * side);
    this.mistakes.forEach((m, k) => mistakeImages.set(pixelsOf(m.index), k * side * side));
    const report: TestReport = {
      step: this.step,
      classes: this.classes,
      confusion: this.confusion,
      correct: this.correct,
      total: n,
      mistakes: this.mistakes,
      mistakeImages,
      side,
    };
    this.restart(this.step);
    return report;
  }

  private trimMistakes() {
    this.mistakes.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
    this.mistakes.length = Math.min(this.mistakes.length, MAX_MISTAKES);
  }
}
