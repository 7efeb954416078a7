import { useT } from '../../i18n';
import { RACE_OPTIMIZERS, type Hyper, type RaceOptimizer } from '../../models/optimizers';
import { RACE_COLORS } from './paintRace';
import { SliceExplain } from './SliceExplain';

/**
 * Each optimizer's update as plain Unicode formulas (the PyTorch forms that models/optimizers.ts
 * implements), with one sentence on what it does. Momentum's β and AdamW's λ can be changed here.
 */
const FORMULAS: Record<RaceOptimizer, string[]> = {
  sgd: ['θ ← θ − η·g'],
  momentum: ['v ← β·v + g', 'θ ← θ − η·v'],
  nesterov: ['v ← β·v + g', 'θ ← θ − η·(g + β·v)'],
  rmsprop: ['s ← ρ·s + (1 − ρ)·g²', 'θ ← θ − η·g / (√s + ε)'],
  adam: ['m ← β₁·m + (1 − β₁)·g', 'v ← β₂·v + (1 − β₂)·g²', 'm̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)', 'θ ← θ − η·m̂ / (√v̂ + ε)'],
  adamw: ['m ← β₁·m + (1 − β₁)·g', 'v ← β₂·v + (1 − β₂)·g²', 'm̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)', 'θ ← θ − η·(m̂ / (√v̂ + ε) + λ·θ)'],
  adagrad: ['s ← s + g²', 'θ ← θ − η·g / (√s + ε)'],
};

/** The constants each formula uses, shown under it. */
const CONSTANTS: Record<RaceOptimizer, (h: Hyper) => string> = {
  sgd: () => '',
  momentum: () => '',
  nesterov: () => '',
  rmsprop: (h) => `ρ = ${h.rho}, ε = ${h.eps}`,
  adam: (h) => `β₁ = ${h.beta1}, β₂ = ${h.beta2}, ε = ${h.eps}`,
  adamw: (h) => `β₁ = ${h.beta1}, β₂ = ${h.beta2}, ε = ${h.eps}`,
  adagrad: (h) => `ε = ${h.eps}`,
};

export interface RaceExplainProps {
  hyper: Record<RaceOptimizer, Hyper>;
  onHyper(opt: RaceOptimizer, patch: Partial<Hyper>): void;
  /** A slice of the learner's network is in the race: say what it is. */
  slice?: boolean;
}

export function RaceExplain({ hyper, onHyper, slice = false }: RaceExplainProps) {
  const t = useT();
  return (
    <section className="race-explain" aria-labelledby="race-explain-title">
      <h3 id="race-explain-title">{t('race.explain')}</h3>
      <p className="hint">{t('race.explain.hint')}</p>
      {slice ? <SliceExplain /> : null}
      <div className="race-cards">
        {RACE_OPTIMIZERS.map((opt) => {
          const name = t(`race.opt.${opt}`);
          const h = hyper[opt];
          const editable = opt === 'momentum' || opt === 'nesterov' ? ('momentum' as const) : opt === 'adamw' ? ('weightDecay' as const) : null;
          return (
            <article key={opt} className="race-card" style={{ borderLeftColor: RACE_COLORS[opt] }} data-testid={`race-card-${opt}`}>
              <h4>{name}</h4>
              <pre className="race-formula">{FORMULAS[opt].join('\n')}</pre>
              {CONSTANTS[opt](h) ? <p className="race-constants">{CONSTANTS[opt](h)}</p> : null}
              {editable ? (
                <label className="race-hyper">
                  {t(`race.hyper.${editable}`)} ={' '}
                  <input
                    type="number"
                    min={0}
                    max={editable === 'momentum' ? 0.99 : 1}
                    step={editable === 'momentum' ? 0.05 : 0.01}
                    value={h[editable]}
                    aria-label={t('race.hyperOf', { hyper: t(`race.hyper.${editable}`), name })}
                    data-testid={`race-hyper-${opt}`}
                    onChange={(e) => {
                      const v = Number(e.target.value);
                      // bad input never reaches the maths: only a number in the allowed range does
                      if (e.target.value !== '' && Number.isFinite(v) && v >= 0 && v <= (editable === 'momentum' ? 0.99 : 1)) onHyper(opt, { [editable]: v });
                    }}
                  />
                </label>
              ) : null}
              <p className="race-why">{t(`race.why.${opt}`)}</p>
            </article>
          );
        })}
      </div>
    </section>
  );
}
