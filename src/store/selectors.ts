import type { AppState, ImagesRunPart, PointsRunPart, RatingsRunPart, RunState, SequencesRunPart } from './types';

/** Named selectors, so components subscribe to exactly what they show. */
export const selectActiveRun = (s: AppState): RunState => s.runs[s.activeRunId];
export const selectStatus = (s: AppState) => s.runs[s.activeRunId]?.status ?? 'idle';
export const selectHistory = (s: AppState) => s.runs[s.activeRunId]?.history ?? [];
export const selectLatest = (s: AppState) => s.runs[s.activeRunId]?.latest ?? null;
export const selectLoading = (s: AppState) => s.runs[s.activeRunId]?.loading ?? null;

/*
 * Each lab reads only its own part of the run: null (or the empty value) while the run belongs to
 * another lab, say just after the dataset changed and before the engine answered.
 */
const partOf = <L extends RunState['part']['lab']>(s: AppState, lab: L) => {
  const part = s.runs[s.activeRunId]?.part;
  return part?.lab === lab ? (part as Extract<RunState['part'], { lab: L }>) : null;
};

export const selectPointsPart = (s: AppState): PointsRunPart | null => partOf(s, 'points');
export const selectProbes = (s: AppState) => selectPointsPart(s)?.probes ?? null;

export const selectImagesPart = (s: AppState): ImagesRunPart | null => partOf(s, 'images');
export const selectImages = (s: AppState) => selectImagesPart(s)?.images ?? null;
export const selectTestReport = (s: AppState) => selectImagesPart(s)?.testReport ?? null;
export const selectDataInfo = (s: AppState) => selectImagesPart(s)?.dataInfo ?? null;

export const selectSequencesPart = (s: AppState): SequencesRunPart | null => partOf(s, 'sequences');
export const selectRatingsPart = (s: AppState): RatingsRunPart | null => partOf(s, 'ratings');
export const selectSequences = (s: AppState) => selectSequencesPart(s)?.sequences ?? null;
export const selectSeqInfo = (s: AppState) => selectSequencesPart(s)?.seqInfo ?? null;
export const selectGenerated = (s: AppState) => selectSequencesPart(s)?.generated ?? null;
export const selectGenerating = (s: AppState) => selectSequencesPart(s)?.generating ?? false;
