// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import { renderApp } from './renderApp';
import { defaultExperiment } from '../../src/models/defaults';
import { openTemplate } from '../../src/models/openTemplate';
import { matrixFactorization } from '../../src/models/templates/recommender';
import { generateRatings } from '../../src/data/ratings';
import { ratingsOptionsOf } from '../../src/data/ratings';
import { genreAgreement, heldOutRmse, topRecommendations } from '../../src/models/recommender';
import { recommender } from '../../src/i18n/messages/recommender.messages';
import type { Experiment } from '../../src/models/spec';
import type { RatingsProbes } from '../../src/training/tools/recommendTypes';
import type { Snapshot } from '../../src/training/protocol';

/** A probe as the engine would send it: the real matrix, predictions = truth + a fixed error, items on their hidden tastes. */
function probeFor(exp: Experiment): RatingsProbes {
  const m = generateRatings(ratingsOptionsOf(exp.dataset), exp.seed, exp.dataset.trainRatio);
  const predicted = new Float32Array(m.users * m.items).fill(3);
  for (let k = 0; k < m.cells.length / 3; k++) predicted[m.cells[3 * k] * m.items + m.cells[3 * k + 1]] = m.cells[3 * k + 2] + 0.5;
  const heldOut = new Uint8Array(m.cells.length / 3);
  m.test.forEach((c) => (heldOut[c] = 1));
  const { rmse, baselineRmse } = heldOutRmse(m, predicted);
  return {
    users: m.users,
    items: m.items,
    genreOf: m.genreOf,
    predicted,
    cells: m.cells,
    heldOut,
    rmse,
    baselineRmse,
    itemLayer: 'itemVec',
    embeddingDim: 2,
    itemEmbeddings: m.itemTaste,
    itemMap: m.itemTaste,
    explained: 1,
    genreAgreement: genreAgreement(m.itemTaste, m.genreOf),
    step: 10,
  };
}

function snapshot(store: ReturnType<typeof renderApp>['store'], ratings: RatingsProbes): Snapshot {
  const s = store.getState();
  return {
    type: 'snapshot',
    runId: s.activeRunId,
    status: 'paused',
    step: 10,
    epoch: 1,
    progress: 1,
    metrics: { trainLoss: 0.25, testLoss: ratings.rmse ** 2, trainAcc: null, testAcc: null },
    lab: 'ratings',
    ratings,
    stepsPerSec: 0,
    learningRate: 0.1,
    bestEpoch: null,
    origin: 1,
  };
}

const settle = () => act(() => new Promise((r) => setTimeout(r, 200)));

describe('the ratings lab', () => {
  it('draws the held-out scatter with its diagonal, the item map by cuisine and a user’s row, in Chinese', async () => {
    const experiment = openTemplate(defaultExperiment(), matrixFactorization);
    const app = renderApp({ experiment, locale: 'zh-CN' });
    const lab = await screen.findByTestId('ratings-lab', undefined, { timeout: 5000 });
    // Before any probe: a hint, no map.
    expect(within(lab).queryByTestId('rec-item-map')).toBeNull();
    const probe = probeFor(experiment);
    app.receive(snapshot(app.store, probe));
    await settle();
    const held = probe.heldOut.reduce((a, b) => a + b, 0);
    expect(within(lab).getByTestId('rec-scatter').querySelectorAll('circle')).toHaveLength(held);
    expect(within(lab).getByTestId('rec-diagonal')).toBeTruthy();
    expect(within(lab).getAllByTestId('rec-item-dot')).toHaveLength(40);
    // Dish names and cuisines in Chinese: the first dish's dot names it; most dots are labelled, in Chinese.
    expect(within(lab).getAllByTestId('rec-item-dot')[0].querySelector('title')?.textContent).toBe('麻婆豆腐 · 川菜');
    const labels = within(lab).getAllByTestId('rec-item-label').map((l) => l.textContent ?? '');
    expect(labels.length).toBeGreaterThan(20);
    expect(labels.every((l) => /^[\u4e00-\u9fff]+$/.test(l))).toBe(true);
    expect(within(lab).getByText('川菜')).toBeTruthy();
    expect(within(lab).getByText('验证集均方根误差（RMSE）')).toBeTruthy();
    // Every prediction is 0.5 too high: RMSE 0.5, shown below the baseline, in green.
    const rmse = within(lab).getByTestId('rec-rmse');
    expect(rmse.textContent).toBe('0.5');
    expect(rmse.className).toBe('rec-good');
    expect(Number(within(lab).getByTestId('rec-baseline').textContent)).toBeCloseTo(probe.baselineRmse, 2);
    expect(within(lab).getByTestId('rec-agreement').textContent).toContain(`${Math.round(probe.genreAgreement * 100)}%`);
    // A user's row: the top five skip the dishes they rated in training.
    const top = () => within(lab).getAllByRole('listitem').filter((li) => li.parentElement?.getAttribute('data-testid') === 'rec-top');
    expect(top()).toHaveLength(5);
    await app.user.selectOptions(within(lab).getByTestId('rec-user-select'), '3');
    const rated = new Set<number>();
    for (let k = 0; k < probe.heldOut.length; k++) if (probe.cells[3 * k] === 3 && !probe.heldOut[k]) rated.add(probe.cells[3 * k + 1]);
    const names = top().map((li) => li.firstChild?.textContent?.trim());
    const trainIdx = Int32Array.from({ length: probe.heldOut.length }, (_, k) => k).filter((k) => !probe.heldOut[k]);
    const want = topRecommendations({ items: probe.items, cells: probe.cells, train: trainIdx }, probe.predicted, 3, 5);
    expect(want.some((i) => rated.has(i))).toBe(false);
    expect(names).toEqual(want.map((i) => recommender[`rec.item.${i}` as keyof typeof recommender]['zh-CN']));
    expect(within(lab).getByText(`训练集中的评分（${rated.size} 条）`)).toBeTruthy();
  });

  it('lists the ratings dataset under its own group, with a thumbnail', async () => {
    const app = renderApp({ locale: 'en' });
    const card = await screen.findByTestId('dataset-ratings');
    expect(card.getAttribute('aria-label')).toBe('Ratings: users × dishes (recommender)');
    await app.user.click(card);
    expect(app.dataset().kind).toBe('ratings');
    expect(app.experiment().network.nodes.some((n) => n.type === 'Dot')).toBe(true);
    await screen.findByTestId('ratings-lab', undefined, { timeout: 5000 });
  });
});
