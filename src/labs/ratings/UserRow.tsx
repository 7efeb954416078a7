import { useState } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { topRecommendations } from '../../models/recommender';
import type { RatingsProbes } from '../../training/tools/recommendTypes';
import { ratingColor, ratingTextColor } from '../../charts/ratingColors';

const TOP = 5;

/**
 * One user's row of the matrix: the dishes they rated in training, their held-out ratings beside
 * the network's predictions, and the best-predicted dishes they have not rated.
 */
export function UserRow({ probe }: { probe: RatingsProbes }) {
  const t = useT();
  const [user, setUser] = useState(0);
  const u = Math.min(user, probe.users - 1);
  const name = (i: number) => t(`rec.item.${i}` as MessageKey);
  const given: { item: number; rating: number; held: boolean }[] = [];
  for (let k = 0; k < probe.heldOut.length; k++) {
    if (probe.cells[3 * k] === u) given.push({ item: probe.cells[3 * k + 1], rating: probe.cells[3 * k + 2], held: probe.heldOut[k] === 1 });
  }
  const train = given.filter((g) => !g.held);
  const held = given.filter((g) => g.held);
  const trainIdx = Int32Array.from({ length: probe.heldOut.length }, (_, k) => k).filter((k) => probe.heldOut[k] === 0);
  const top = topRecommendations({ items: probe.items, cells: probe.cells, train: trainIdx }, probe.predicted, u, TOP);
  const pred = (i: number) => probe.predicted[u * probe.items + i];
  const chip = (i: number, r: number) => (
    <li key={i} className="rec-chip" style={{ background: ratingColor(r), color: ratingTextColor(r) }}>
      {name(i)} <b>{r}</b>
    </li>
  );
  return (
    <div className="rec-user" data-testid="rec-user">
      <label className="rec-user-pick">
        {t('rec.user.pick')}{' '}
        <select value={u} onChange={(e) => setUser(Number(e.target.value))} data-testid="rec-user-select">
          {Array.from({ length: probe.users }, (_, i) => (
            <option key={i} value={i}>
              {t('rec.user.name', { n: i + 1 })}
            </option>
          ))}
        </select>
      </label>
      <h4>{t('rec.user.rated', { n: train.length })}</h4>
      <ul className="rec-chips">{train.map((g) => chip(g.item, g.rating))}</ul>
      <h4>{t('rec.user.heldOut', { n: held.length })}</h4>
      {held.length ? (
        <table className="tool-table rec-held">
          <thead>
            <tr>
              <th>{t('rec.user.dish')}</th>
              <th>{t('rec.user.actual')}</th>
              <th>{t('rec.user.predicted')}</th>
            </tr>
          </thead>
          <tbody>
            {held.map((g) => (
              <tr key={g.item}>
                <td>{name(g.item)}</td>
                <td>{g.rating}</td>
                <td>{pred(g.item).toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">{t('rec.user.noneHeld')}</p>
      )}
      <h4>{t('rec.user.top', { n: TOP })}</h4>
      <ol className="rec-top" data-testid="rec-top">
        {top.map((i) => (
          <li key={i}>
            {name(i)} <span className="dim">{pred(i).toFixed(2)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
