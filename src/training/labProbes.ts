import type { FromEngine, LabKind, LabSnapshotPart, ProbeSource } from './protocol';

/** What the engine asks of a lab's probes for one snapshot. */
export interface ProbeRequest {
  /** False: only the counters travel (a play acknowledgement, a snapshot between probes). */
  probes: boolean;
  /** Which example the views look inside: a test example or a drawing. */
  source: ProbeSource;
  /** Paused: finish a whole pass over the test split first, so its report shows the weights on screen. */
  fullTestPass: boolean;
  /** False once the runtime was rebuilt or lost meanwhile: stop, its tensors are gone. */
  alive(): boolean;
}

/**
 * One lab's views of a runtime: builds the lab's part of each snapshot from the current weights.
 * The engine holds one per runtime and never asks which lab it is for, except to generate text.
 * Implementations: pointLabProbes.ts, imageLabProbes.ts, sequenceLabProbes.ts (built by buildRun.ts).
 */
export interface LabProbes {
  readonly lab: LabKind;
  /** True when the views follow the probe source (a test example or a drawing). */
  readonly followsProbeSource: boolean;
  /** True when there is work to do between training slices (`advance`): the image test pass. */
  readonly hasBackgroundWork: boolean;
  /** What the page needs once the data is ready (sample images, the vocabulary), or null. */
  info(runId: number): FromEngine | null;
  /** The lab's part of a snapshot; null when the runtime died meanwhile (see `alive`). */
  build(req: ProbeRequest): Promise<LabSnapshotPart | null>;
  /** One chunk of background work (see `hasBackgroundWork`); its result travels with the next snapshot. */
  advance(): Promise<void>;
  /** The weights went back to their initial values: drop work begun on the old ones. */
  restart(): void;
  /** Free the tensors the probes made (never the runtime's). */
  dispose(): void;
}
