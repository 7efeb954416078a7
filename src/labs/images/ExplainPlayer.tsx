// The explainer's player: which output cell is shown, play/pause stepping through them in scan
// order, and the scrubber. Kept apart from the shell so the layer arithmetic there reads alone.
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';

/** One play step every 250 ms: four output cells a second, slow enough to follow the window. */
export const PLAY_STEP_MS = 250;

/** The player's state: `idx` is the shown cell's scan index, always within `[0, count)` once count > 0. */
export interface ScanPlayer {
  idx: number;
  playing: boolean;
  /** Show cell `i` (scan order) and stop playing: a click, an arrow key or the scrubber. */
  seek(i: number): void;
  /** Play from here, pause, or replay from the first cell when at the last. */
  toggle(): void;
}

/** Scan position and playback over `count` output cells, starting on `initial()`. */
export function useScanPlayer(count: number, initial: () => number): ScanPlayer {
  const [index, setIndex] = useState(initial);
  const [playing, setPlaying] = useState(false);
  // Clamp rather than reset: the layer's shape may change under us while the view stays open.
  const idx = Math.max(0, Math.min(index, count - 1));

  useEffect(() => {
    if (!playing) return;
    const id = setTimeout(() => {
      if (idx + 1 >= count) setPlaying(false);
      else setIndex(idx + 1);
    }, PLAY_STEP_MS);
    return () => clearTimeout(id);
  }, [playing, idx, count]);

  const seek = (i: number) => {
    setPlaying(false);
    setIndex(i);
  };
  const toggle = () => {
    if (playing) return setPlaying(false);
    if (idx >= count - 1) setIndex(0);
    setPlaying(true);
  };
  return { idx, playing, seek, toggle };
}

/** Play/pause, the scrubber over all output cells, and where the window is (`where`, in words). */
export function ExplainPlayer({ player, count, where }: { player: ScanPlayer; count: number; where: string }) {
  const t = useT();
  const { idx, playing } = player;
  return (
    <div className="cx-controls">
      <button type="button" className="cx-play" data-testid="cx-play" onClick={player.toggle} disabled={count < 2}>
        {playing ? `❚❚ ${t('explain.pause')}` : idx >= count - 1 && count > 1 ? `↺ ${t('explain.replay')}` : `▶ ${t('explain.play')}`}
      </button>
      <input
        className="cx-scrub"
        type="range"
        min={0}
        max={Math.max(0, count - 1)}
        step={1}
        value={idx}
        aria-label={t('explain.position')}
        aria-valuetext={where}
        data-testid="cx-slider"
        onChange={(e) => player.seek(Number(e.target.value))}
      />
      <span className="cx-where" data-testid="cx-cell">
        {where}
      </span>
    </div>
  );
}
