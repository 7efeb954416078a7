// Writes the example tables the data panel offers (public/examples/*.csv), seeded, so the files are
// reproducible: `node scripts/makeExampleTables.mjs`.
import { writeFileSync } from 'node:fs';

/** mulberry32: a small seeded generator (the app's own lives in src/data/rng.ts). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = rng(17);
const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
const fixed = (v, d = 2) => v.toFixed(d);

// Three kinds of flower, four measurements in cm (after the iris data's shape, numbers our own).
const kinds = [
  { name: 'setosa', mean: [5.0, 3.4, 1.5, 0.25], sd: [0.35, 0.38, 0.17, 0.1] },
  { name: 'versicolor', mean: [5.9, 2.8, 4.3, 1.3], sd: [0.5, 0.31, 0.47, 0.2] },
  { name: 'virginica', mean: [6.6, 3.0, 5.55, 2.0], sd: [0.6, 0.32, 0.55, 0.27] },
];
const flowers = ['sepal_length,sepal_width,petal_length,petal_width,species'];
for (let i = 0; i < 150; i++) {
  const k = kinds[i % 3];
  flowers.push([...k.mean.map((m, j) => fixed(Math.max(0.1, m + k.sd[j] * gauss()))), k.name].join(','));
}
writeFileSync('public/examples/flowers.csv', flowers.join('\n') + '\n');

// A tea shop: water temperature, steeping time, the tea's kind (a category), whether guests liked
// it. Each tea has its best temperature; too hot or too long turns it bitter.
const teas = [
  { name: '绿茶', best: 80 },
  { name: '红茶', best: 95 },
  { name: '乌龙茶', best: 90 },
];
const tea = ['水温（°C）,浸泡时间（分钟）,茶类,喜欢'];
for (let i = 0; i < 240; i++) {
  const t = teas[Math.floor(next() * 3)];
  const temp = 70 + next() * 30;
  const minutes = 1 + next() * 5;
  const score = -Math.abs(temp - t.best) / 6 - Math.abs(minutes - 3) + 2.8 + 0.5 * gauss();
  tea.push([fixed(temp, 0), fixed(minutes, 1), t.name, score > 0 ? '是' : '否'].join(','));
}
writeFileSync('public/examples/tea.csv', '\uFEFF' + tea.join('\n') + '\n');
