import { scaleLinear } from 'd3';
import { useT, type MessageKey } from '../../i18n';
import { GENRE_COLORS } from '../../charts/ratingColors';
import { RATING_GENRES } from '../../data/ratings';
import { placeLabels } from './placeLabels';

const W = 460;
const H = 340;
const PAD = 18;

/**
 * The item embeddings on a plane: one labelled dot per dish, coloured by its hidden cuisine (which
 * the network never saw). Equal scales on both axes, so distances read true.
 */
export function ItemMap({ map, genreOf, items }: { map: Float32Array; genreOf: ArrayLike<number>; items: number }) {
  const t = useT();
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < items * 2; i++) {
    lo = Math.min(lo, map[i]);
    hi = Math.max(hi, map[i]);
  }
  if (!(hi > lo)) [lo, hi] = [-1, 1];
  const cx = (() => {
    let a = Infinity;
    let b = -Infinity;
    for (let i = 0; i < items; i++) [a, b] = [Math.min(a, map[2 * i]), Math.max(b, map[2 * i])];
    return (a + b) / 2;
  })();
  const cy = (() => {
    let a = Infinity;
    let b = -Infinity;
    for (let i = 0; i < items; i++) [a, b] = [Math.min(a, map[2 * i + 1]), Math.max(b, map[2 * i + 1])];
    return (a + b) / 2;
  })();
  const half = Math.max(1e-6, (hi - lo) / 2) * 1.08;
  const x = scaleLinear().domain([cx - half * (W / H), cx + half * (W / H)]).range([PAD, W - PAD]);
  const y = scaleLinear().domain([cy - half, cy + half]).range([H - PAD, PAD]);
  const names = Array.from({ length: items }, (_, i) => t(`rec.item.${i}` as MessageKey));
  const spots = placeLabels(names.map((text, i) => ({ x: x(map[2 * i]), y: y(map[2 * i + 1]), text })), W, H);
  return (
    <div className="rec-map">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('rec.map.aria', { n: items })} data-testid="rec-item-map">
        <line x1={x(0)} x2={x(0)} y1={PAD} y2={H - PAD} className="rec-axis" />
        <line x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} className="rec-axis" />
        {Array.from({ length: items }, (_, i) => (
          <circle key={i} cx={x(map[2 * i])} cy={y(map[2 * i + 1])} r={4.5} fill={GENRE_COLORS[genreOf[i] % GENRE_COLORS.length]} data-testid="rec-item-dot">
            <title>{`${names[i]} · ${t(`rec.genre.${genreOf[i]}` as MessageKey)}`}</title>
          </circle>
        ))}
        {spots.map((s, i) =>
          s ? (
            <text key={i} x={s.x} y={s.y} textAnchor={s.anchor} className="rec-item-label" data-testid="rec-item-label">
              {names[i]}
            </text>
          ) : null,
        )}
      </svg>
      <ul className="rec-legend" aria-label={t('rec.map.legend')}>
        {Array.from({ length: RATING_GENRES }, (_, g) => (
          <li key={g}>
            <span className="rec-swatch" style={{ background: GENRE_COLORS[g] }} />
            {t(`rec.genre.${g}` as MessageKey)}
          </li>
        ))}
      </ul>
    </div>
  );
}
