import type * as tfjs from '@tensorflow/tfjs';
import { ImageInspector, TestSweep } from './imageInspector';
import type { LabProbes, ProbeRequest } from './labProbes';
import { padImages } from './prepare';
import type { FromEngine, ImageProbes, ImagesSnapshotPart, ProbeSource, TestReport } from './protocol';
import type { ModelRuntime } from './runtime';
import { FULL_PASS_CHUNK, TEST_CHUNK } from './scheduler';

type TF = typeof tfjs;

/** Test images sent for picking the probe image. */
export const SAMPLE_IMAGES = 24;

/**
 * The image lab's views: feature maps and kernels for the probe image (a test image or a
 * drawing), and passes over the whole test split (confusion matrix, worst mistakes), advanced in
 * chunks between training slices while running and finished at once while paused.
 */
export class ImageLabProbes implements LabProbes {
  readonly lab = 'images';
  readonly followsProbeSource = true;
  readonly hasBackgroundWork = true;
  private readonly inspector: ImageInspector;
  private readonly sweep: TestSweep;
  /** The true class of each test image. */
  readonly testLabels: Int32Array;
  /** A pass finished between snapshots, waiting to travel with the next one. */
  private pendingReport: TestReport | null = null;

  constructor(
    private readonly tf: TF,
    private readonly rt: ModelRuntime,
  ) {
    const { data } = rt;
    this.inspector = new ImageInspector(tf, rt.built);
    this.testLabels = data.testLabels ?? labelsOf(data.testY, data.nTest, data.numClasses);
    this.sweep = new TestSweep(data.numClasses, this.testLabels);
  }

  /** Some test images to pick the probe from, and the split sizes. */
  info(runId: number): FromEngine {
    const { data } = this.rt;
    const count = Math.min(SAMPLE_IMAGES, data.nTest);
    const side = data.inputShape[0];
    const samples = new Float32Array(count * side * side);
    for (let i = 0; i < count; i++) samples.set(this.testPicture(i), i * side * side);
    const labels = Array.from(this.testLabels.subarray(0, count));
    return { type: 'dataInfo', runId, side, samples, labels, nTrain: data.nTrain, nTest: data.nTest };
  }

  async build(req: ProbeRequest): Promise<ImagesSnapshotPart | null> {
    const images = req.probes ? await this.probeImages(req.source) : null;
    if (!req.alive()) return null;
    let testReport = this.pendingReport;
    this.pendingReport = null;
    if (req.probes && req.fullTestPass && this.classifies) {
      testReport = null;
      for (let first = true; !testReport; first = false) {
        testReport = await this.advanceTestPass(FULL_PASS_CHUNK, first);
        if (!req.alive()) return null;
      }
    }
    return { lab: 'images', images, testReport };
  }

  /** One chunk of the running test pass; a finished pass travels with the next snapshot. */
  async advance(): Promise<void> {
    const report = await this.advanceTestPass(TEST_CHUNK);
    if (report) this.pendingReport = report;
  }

  /** False for an autoencoder (its output is an image, not classes). */
  private get classifies(): boolean {
    return this.rt.outputSpec.task === 'multiclass';
  }

  restart(): void {
    this.sweep.restart(0);
  }

  /** Feature maps, kernels and output for a test image or a drawing. */
  async probeImages(source: ProbeSource): Promise<ImageProbes> {
    const { data } = this.rt;
    const shape = data.inputShape;
    if (source.kind === 'drawing') {
      const side = shape[0];
      const from = Math.round(Math.sqrt(source.pixels.length));
      const image = from === side ? source.pixels : from < side ? padImages(source.pixels, from, side) : null;
      if (image && image.length === data.numFeatures) return this.inspector.inspect(image, shape, -1, -1);
    }
    const n = data.nTest;
    const index = source.kind === 'test' ? Math.min(Math.max(0, Math.floor(source.index)), n - 1) : 0;
    return this.inspector.inspect(this.rt.testExample(index), shape, index, this.testLabels[index]);
  }

  /** Test image `index` as a picture: its first channel, side × side. */
  testPicture(index: number): Float32Array {
    const [h, w, c] = this.rt.data.inputShape;
    return firstChannel(this.rt.testExample(index), h * w, c ?? 1);
  }

  /**
   * Classify up to `count` more test images; returns a report when a whole pass is complete.
   * With `fromStart`, drop a pass in progress first (so the report sees the current weights only).
   */
  async advanceTestPass(count: number, fromStart = false): Promise<TestReport | null> {
    const { sweep, rt, tf } = this;
    // An autoencoder has no classes to confuse: no confusion matrix, no mistakes.
    if (!this.classifies) return null;
    if (fromStart || !sweep.started) sweep.restart(rt.step);
    const classify = async (start: number, size: number) => {
      const [arg, max] = tf.tidy(() => {
        const out = rt.predict(rt.testInputs(start, size));
        return [tf.argMax(out, 1), tf.max(out, 1)];
      });
      const [p, c] = await Promise.all([arg.data(), max.data()]);
      arg.dispose();
      max.dispose();
      return { predicted: Int32Array.from(p), confidence: Float32Array.from(c) };
    };
    return sweep.advance(count, classify, (i) => this.testPicture(i), rt.data.inputShape[0]);
  }

  dispose(): void {
    // The inspector's model shares the runtime's layers and owns no weights: nothing to free.
  }
}

/** The class of each one-hot row. */
function labelsOf(oneHot: Float32Array, n: number, classes: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = oneHot.subarray(i * classes, (i + 1) * classes).indexOf(1);
  return out;
}

/** The first channel of a channel-last image of `pixels` pixels. */
function firstChannel(image: Float32Array, pixels: number, channels: number): Float32Array {
  if (channels === 1) return image;
  return Float32Array.from({ length: pixels }, (_, i) => image[i * channels]);
}
