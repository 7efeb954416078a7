import { useMemo, useRef, useState, type ReactNode } from 'react';
import { entropyBits, temperatureTopK, topEntries } from '../../models/sampling';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { selectGenerated, selectGenerating } from '../../store/selectors';
import type { SeqProbes } from '../../training/protocol';
import { displayToken } from '../../charts/attentionScores';
import { joinTokens, tail } from './sequenceExamples';

/** Sampling settings the learner moves; they live here, not in the Experiment (nothing to retrain). */
export interface SamplingSettings {
  temperature: number;
  /** 0 = every character. */
  topK: number;
  /** Characters to write. */
  length: number;
}

export const DEFAULT_SAMPLING: SamplingSettings = { temperature: 0.8, topK: 0, length: 200 };
/** How many of the likeliest next characters the bars show. */
const NEXT_SHOWN = 10;
/** Generated characters the model gave less than this are underlined as "chosen by chance". */
const UNLIKELY = 0.1;

/**
 * A range input that reports every move at once (unlike Slider, which commits on release): sampling
 * settings reshape cached probabilities, so following the thumb live costs nothing.
 */
function LiveRange({ label, value, min, max, step, onChange, testId }: { label: ReactNode; value: number; min: number; max: number; step: number; onChange(v: number): void; testId: string }) {
  return (
    <label className="control slider">
      <span className="control-label">{label}</span>
      <input type="range" min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId} />
    </label>
  );
}

/**
 * The character after the probe's window, as the model sees it (faint bars) and after the sliders'
 * temperature and top-k (solid bars). Computed here from the probe's last output row, so moving a
 * slider never asks the engine: it is the same reshaping the engine applies when it samples.
 */
export function NextCharBars({ probe, vocab, temperature, topK }: { probe: SeqProbes; vocab: readonly string[]; temperature: number; topK: number }) {
  const t = useT();
  const width = probe.steps > 0 ? Math.floor(probe.output.length / probe.steps) : 0;
  const raw = useMemo(() => (width > 0 ? probe.output.subarray((probe.steps - 1) * width, probe.steps * width) : new Float32Array(0)), [probe, width]);
  const dist = useMemo(() => temperatureTopK(raw, temperature, topK), [raw, temperature, topK]);
  if (width === 0) return null;
  // Rows ranked by the model's own probability, so they stay put while the sliders move (temperature
  // keeps the order; top-k only empties the rows it cuts).
  const top = topEntries(raw, NEXT_SHOWN).filter((e) => e.p > 0);
  const bits = entropyBits(dist);
  const context = tail(joinTokens(probe.tokens.source, 'charLm'), 16);
  return (
    <div className="next-char">
      <h4>{t('sequence.lab.next.title', { context: displayToken(context) })}</h4>
      <div className="prob-bars" role="list" aria-label={t('sequence.lab.next.label')} data-testid="next-char-bars">
        {top.map(({ index }, i) => {
          const char = vocab[index] ?? '?';
          const p = dist[index];
          return (
            <div key={index} role="listitem" className={`prob-row${i === 0 ? ' best' : ''}${p > 0 ? '' : ' cut'}`} data-testid={`next-${i}`} title={t('sequence.lab.next.raw', { p: `${(raw[index] * 100).toFixed(1)}%` })}>
              <span className="prob-name next-char-token">{displayToken(char)}</span>
              <span className="prob-track next-track">
                <span className="next-raw" style={{ width: `${Math.min(1, raw[index]) * 100}%` }} />
                <span className="prob-fill" style={{ width: `${Math.min(1, p) * 100}%` }} />
              </span>
              <span className="prob-value" data-testid={`next-p-${i}`}>
                {(p * 100).toFixed(1)}%
              </span>
              <span className="prob-mark" />
            </div>
          );
        })}
      </div>
      <p className="hint" data-testid="next-entropy">
        {t('sequence.lab.next.entropy', { n: Math.max(1, Math.round(2 ** bits)), bits: bits.toFixed(2) })}
      </p>
      <p className="hint">{t('sequence.lab.next.hint')}</p>
    </div>
  );
}

/** The generated text after its prompt (muted); unlikely characters underlined, each with its probability. */
function GeneratedText({ prompt, text, probs }: { prompt: string; text: string; probs: number[] }) {
  const t = useT();
  const chars = Array.from(text);
  return (
    <>
      <p className="gen-text" aria-label={t('sequence.lab.gen.output')} data-testid="generated">
        <span className="gen-prompt">{prompt}</span>
        {chars.map((c, i) => {
          const p = probs[i];
          const known = typeof p === 'number' && Number.isFinite(p);
          return (
            <span key={i} className={known && p < UNLIKELY ? 'unlikely' : undefined} title={known ? t('sequence.lab.gen.char', { char: displayToken(c), p: `${(p * 100).toFixed(1)}%` }) : undefined}>
              {c}
            </span>
          );
        })}
      </p>
      <p className="hint">{t('sequence.lab.gen.unlikely')}</p>
    </>
  );
}

/**
 * The language model's panel: a prompt (by default the probe's text), temperature, top-k and length,
 * Generate (the engine samples, seeded), the text it wrote, and the next-character bars that follow
 * the sliders live.
 */
export function TextGeneration({ probe, vocab }: { probe: SeqProbes | null; vocab: readonly string[] }) {
  const t = useT();
  const generate = useAppStore((s) => s.generate);
  const generated = useAppStore(selectGenerated);
  const generating = useAppStore(selectGenerating);
  const seed = useAppStore((s) => s.experiment.seed);
  const [settings, setSettings] = useState<SamplingSettings>(DEFAULT_SAMPLING);
  // The learner's own prompt, or null to follow the probe's text.
  const [typed, setTyped] = useState<string | null>(null);
  // Each press draws anew from the Experiment's seed: reproducible, yet not the same text twice.
  const draws = useRef(0);
  const probePrompt = probe ? joinTokens(probe.tokens.source, 'charLm') : '';
  const prompt = typed ?? probePrompt;
  const set = (patch: Partial<SamplingSettings>) => setSettings((s) => ({ ...s, ...patch }));
  const onGenerate = () => {
    draws.current += 1;
    generate({ prompt, length: settings.length, temperature: settings.temperature, topK: settings.topK, seed: (seed + draws.current) >>> 0 });
  };
  return (
    <div className="text-gen" data-testid="text-generation" data-tour="generation">
      <h3>{t('sequence.lab.gen.title')}</h3>
      <label className="control">
        <span className="control-label">{t('sequence.lab.gen.prompt')}</span>
        <textarea className="gen-prompt-input" rows={2} value={prompt} onChange={(e) => setTyped(e.target.value)} data-testid="gen-prompt" />
      </label>
      {typed !== null && probe ? (
        <button type="button" className="link-button" onClick={() => setTyped(null)} data-testid="gen-use-probe">
          {t('sequence.lab.gen.useProbe')}
        </button>
      ) : null}
      <LiveRange
        label={t('sequence.lab.gen.temperature', { v: settings.temperature.toFixed(1) })}
        value={settings.temperature}
        min={0.1}
        max={2}
        step={0.1}
        onChange={(temperature) => set({ temperature })}
        testId="gen-temperature"
      />
      <LiveRange
        label={settings.topK === 0 ? t('sequence.lab.gen.topKAll') : t('sequence.lab.gen.topK', { k: settings.topK })}
        value={settings.topK}
        min={0}
        max={40}
        step={1}
        onChange={(topK) => set({ topK })}
        testId="gen-top-k"
      />
      <LiveRange label={t('sequence.lab.gen.length', { n: settings.length })} value={settings.length} min={20} max={400} step={10} onChange={(length) => set({ length })} testId="gen-length" />
      <p className="hint">{t('sequence.lab.gen.hint')}</p>
      <button type="button" className="primary" onClick={onGenerate} disabled={generating || prompt.length === 0} data-testid="gen-go">
        {generating ? t('sequence.lab.gen.busy') : t('sequence.lab.gen.go')}
      </button>
      {generated ? <GeneratedText prompt={generated.prompt} text={generated.text} probs={generated.probs} /> : null}
      {probe ? <NextCharBars probe={probe} vocab={vocab} temperature={settings.temperature} topK={settings.topK} /> : null}
    </div>
  );
}
