import type * as tfjs from '@tensorflow/tfjs';
import { createRng, type Rng } from '../data/rng';
import type { LabProbes, ProbeRequest } from './labProbes';
import type { FromEngine, SeqProbes, SequencesSnapshotPart, ToEngine } from './protocol';
import type { ModelRuntime } from './runtime';
import { decodeGreedy, generateTokens } from './sequenceDecode';
import { SequenceInspector } from './sequenceInspector';

type TF = typeof tfjs;

/** Test examples sent for picking the probe example. */
export const SAMPLE_EXAMPLES = 24;

/** The reply to a `generate` request. */
type Generated = Extract<FromEngine, { type: 'generated' }>;

/**
 * The sequence lab's views: attention maps, positional encodings, recurrent states and the
 * output for the probe example (a test example), and text generation for language models.
 */
export class SequenceLabProbes implements LabProbes {
  readonly lab = 'sequences';
  readonly followsProbeSource = true;
  readonly hasBackgroundWork = false;
  private readonly inspector: SequenceInspector;

  constructor(
    private readonly tf: TF,
    private readonly rt: ModelRuntime,
  ) {
    this.inspector = new SequenceInspector(tf, rt.built, rt.experiment.network, rt.data);
  }

  /** The vocabulary, the lengths and some test examples to pick the probe from. */
  info(runId: number): FromEngine {
    const { data } = this.rt;
    const seq = data.seq!;
    const count = Math.min(SAMPLE_EXAMPLES, data.nTest);
    return {
      type: 'seqInfo',
      runId,
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
    };
  }

  async build(req: ProbeRequest): Promise<SequencesSnapshotPart> {
    const sequences = req.probes ? await this.probeSequence(req.source.kind === 'test' ? req.source.index : 0) : null;
    return { lab: 'sequences', sequences };
  }

  async advance(): Promise<void> {}

  restart(): void {}

  /** Attention, encodings, recurrent states and output for test example `index`; null without test examples. */
  async probeSequence(index: number): Promise<SeqProbes | null> {
    const { rt } = this;
    if (rt.data.nTest === 0) return null;
    const i = Math.min(Math.max(0, Math.floor(index)), rt.data.nTest - 1);
    // First the decoder on its own (its inference calls overwrite the recorded attention), then the
    // teacher-forced pass whose attention the views show.
    const free = rt.data.seq?.decoderInput ? await this.decodeGreedy(i) : null;
    const probes = await this.inspector.inspect(i, (rows, from) => {
      const inputs = rt.testInputs(from, rows);
      return Array.isArray(inputs) ? inputs : [inputs];
    });
    return { ...probes, free };
  }

  /** The encoder–decoder answering test example `index` on its own (see sequenceDecode.ts). */
  private decodeGreedy(index: number): Promise<Float32Array> {
    const { rt } = this;
    const forward = (dec: tfjs.Tensor) => rt.predict(rt.testInputs(index, 1, dec));
    return decodeGreedy(this.tf, forward, rt.data.targetWidth, rt.data.numClasses);
  }

  /** Language models: continue `prompt` (token ids) by `length` sampled tokens (see sequenceDecode.ts). */
  generate(prompt: number[], length: number, temperature: number, topK: number, rng: Rng): Promise<{ ids: number[]; probs: number[] }> {
    const { rt } = this;
    const forward = (x: tfjs.Tensor) => rt.predict(x);
    return generateTokens(this.tf, forward, { context: rt.data.numFeatures, vocab: rt.data.numClasses }, prompt, { length, temperature, topK, rng });
  }

  /**
   * Answer a `generate` request: continue its prompt (characters the corpus lacks are dropped from
   * it). Networks that are not language models (a decoder, a classifier) answer with empty text.
   */
  async reply(msg: Extract<ToEngine, { type: 'generate' }>): Promise<Generated> {
    const { rt } = this;
    const seq = rt.data.seq;
    if (!seq || seq.shape.layout !== 'tokens' || seq.decoderInput) return emptyGenerated(msg.runId, msg.prompt);
    const vocab = seq.shape.vocab;
    const index = new Map(vocab.map((t, i) => [t, i]));
    let ids = Array.from(msg.prompt, (c) => index.get(c) ?? -1).filter((i) => i > 3);
    // Nothing to start from: begin with the probe example's first token.
    if (!ids.length) ids = [rt.data.testX[0] > 3 ? rt.data.testX[0] : 4];
    const length = Math.max(1, Math.min(1000, Math.floor(msg.length)));
    const { ids: out, probs } = await this.generate(ids, length, msg.temperature, msg.topK, createRng(msg.seed >>> 0));
    const prompt = ids.map((i) => vocab[i]).join('');
    return { type: 'generated', runId: msg.runId, prompt, text: out.map((i) => vocab[i] ?? '').join(''), probs };
  }

  dispose(): void {
    // The inspector's model shares the runtime's layers and owns no weights: nothing to free.
  }
}

/** The answer when there is no language model to ask. */
export function emptyGenerated(runId: number, prompt: string): Generated {
  return { type: 'generated', runId, prompt, text: '', probs: [] };
}
