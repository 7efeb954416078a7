import type { Lesson, LessonAction, LessonLoad } from '../../format';

/**
 * Embeddings for recommendation (issue 16; data/ratings.ts, the ratings lab, models/recommender.ts).
 * 60 users × 40 dishes of four cuisines, 35 % of the cells rated (877 ratings; 702 to train, 175
 * held out), seed 1. Measured in Node (tests/unit/recommender.test.ts, ModelRuntime on the CPU,
 * training/recommendMeasure.ts):
 * - matrix factorisation (2-D embeddings + biases, Adam 0.1, batch 32), 8 epochs (176 steps):
 *   held-out RMSE 0.828 against the item-mean baseline's 1.172; nearest-neighbour cuisine agreement
 *   of the item map 1.00 (chance 0.23). Seeds 2 and 3: 0.833 vs 1.079 (1.00), 0.736 vs 1.225 (0.93).
 *   After 3 epochs: 1.219 (worse than the baseline), 5 epochs: 1.084.
 * - neural collaborative filtering (8-D embeddings concatenated, Dense 16 ReLU, Dense 1), Adam 0.1,
 *   10 epochs: 0.949 vs 1.172 (agreement on the map of its first two principal components 0.82);
 *   5 epochs: 1.228.
 * In headless Chromium (CPU backend) the 8 epochs of matrix factorisation took 1.5 s and gave 0.828.
 */
const load: LessonLoad = { from: { template: 'matrixFactorization' }, seed: 1 };

const trainTo = (epochs: number): LessonAction[] => [{ change: { type: 'stopRule', patch: { epochs } } }, { run: 'play' }];

export const lesson: Lesson = {
  format: 1,
  id: 'recommender-embeddings',
  section: 'strategies',
  order: 38,
  title: { en: 'Embeddings for recommendation', 'zh-CN': '推荐系统中的嵌入' },
  summary: {
    en: 'Train matrix factorisation on a ratings matrix, beat the “each dish’s mean” baseline on held-out ratings, and see the dishes sort themselves by cuisine.',
    'zh-CN': '在评分矩阵上训练矩阵分解，在留出的评分上胜过“每道菜的平均分”基线，并看到菜品按菜系自动聚在一起。',
  },
  minutes: 12,
  steps: [
    {
      load,
      target: 'metrics',
      text: {
        en: `A **recommender** fills in a matrix: 60 users, 40 dishes, and each user has rated only about a third of the dishes (1 to 5 stars). Which of the empty cells would a user rate highly?

**Matrix factorisation** gives every user $u$ a vector $\\mathbf{p}_u$ and every dish $i$ a vector $\\mathbf{q}_i$ — their **embeddings**, rows of two Embedding layers — plus a bias each, and predicts

$$\\hat r_{ui} = w\\,(\\mathbf{p}_u^\\top \\mathbf{q}_i + b_u + b_i) + b.$$

The dot product is the **Dot** layer; the rest is an Add and a Dense of one unit (see it in the graph editor). Nothing tells the network what a dish is: it learns only from who rated what, which is why this is called **collaborative filtering**. The loss is the squared error on the training ratings; some ratings are **held out**, and the number to watch is the **RMSE** on them, $\\sqrt{\\tfrac1n\\sum (\\hat r - r)^2}$: the typical error in stars.

A recommender must beat a simple rule: predict each dish's mean training rating. Train for 8 epochs.`,
        'zh-CN': `**推荐系统**要补全一个矩阵：60 位用户、40 道菜，每位用户只给大约三分之一的菜打了分（1 到 5 星）。空着的格子里，用户会给哪些菜打高分？

**矩阵分解**给每位用户 $u$ 一个向量 $\\mathbf{p}_u$，给每道菜 $i$ 一个向量 $\\mathbf{q}_i$——它们的**嵌入向量**，也就是两个 Embedding 层的行——再各加一个偏置，然后预测

$$\\hat r_{ui} = w\\,(\\mathbf{p}_u^\\top \\mathbf{q}_i + b_u + b_i) + b.$$

点积由 **Dot（点积）**层完成，其余是一个 Add 和一个单元的 Dense（可以在图编辑器里看到）。没有任何信息告诉网络一道菜是什么：它只从“谁给什么打了几分”中学习，所以这种方法叫**协同过滤**。损失是训练评分上的平方误差；一部分评分被**留出**，要看的数字是它们上的**均方根误差**（RMSE）$\\sqrt{\\tfrac1n\\sum (\\hat r - r)^2}$：通常差几颗星。

推荐系统至少要胜过一条简单的规则：对每道菜都预测它在训练集中的平均分。训练 8 轮。`,
      },
      task: {
        en: 'Train 8 epochs: the held-out RMSE falls below the baseline’s.',
        'zh-CN': '训练 8 轮：留出评分上的 RMSE 低于基线。',
      },
      check: 'epoch >= 8 and ratingsRmse < ratingsBaselineRmse',
      hints: [
        {
          en: 'In the first epochs the RMSE is worse than the baseline: the embeddings start near zero and the biases must first learn the mean rating.',
          'zh-CN': '最初几轮的 RMSE 比基线还差：嵌入向量从接近零开始，偏置得先学会平均分。',
        },
      ],
      showMe: trainTo(8),
    },
    {
      text: {
        en: `Now look at the dish embeddings $\\mathbf{q}_i$: they are 2-D here, so the map shows them as they are. The colours are the dishes' cuisines — Sichuan, desserts, Western, Japanese — which the network **never saw**. Yet dishes of one cuisine end up together: users who like one Sichuan dish tend to like the others, so the same vector serves them all.

The number under the map counts the dishes whose nearest neighbour on the map is of the same cuisine (by chance about 23 %). Pick a user below the map: the dishes they rated, their held-out ratings beside the predictions, and the dishes the network would recommend — the ones it predicts highest among those they have not rated. A user's vector $\\mathbf{p}_u$ points towards the cuisines they like, and $\\mathbf{p}_u^\\top \\mathbf{q}_i$ is large for dishes in that direction.`,
        'zh-CN': `现在看菜品的嵌入向量 $\\mathbf{q}_i$：这里它们是二维的，所以地图直接画出它们本身。颜色是菜系——川菜、甜点、西餐、日料——网络**从来没有看到过**。可是同一菜系的菜却聚到了一起：喜欢一道川菜的用户往往也喜欢其他川菜，于是同一个方向的向量就能同时表示它们。

地图下方的数字统计了最近邻属于同一菜系的菜品比例（随机情况下约 23%）。在地图下方选一位用户：可以看到他打过分的菜、留出评分与预测的对比，以及网络推荐的菜——在他没评过分的菜里预测分最高的那些。用户向量 $\\mathbf{p}_u$ 指向他喜欢的菜系，与这个方向一致的菜，$\\mathbf{p}_u^\\top \\mathbf{q}_i$ 就大。`,
      },
      task: {
        en: 'At least 60 % of the dishes have a nearest neighbour of their own cuisine.',
        'zh-CN': '至少 60% 的菜品，其最近邻属于同一菜系。',
      },
      check: 'itemGenreAgreement >= 0.6 and ratingsRmse < ratingsBaselineRmse',
      showMe: trainTo(8),
    },
    {
      load: { from: { template: 'ncf' }, seed: 1 },
      target: 'templates',
      text: {
        en: `The dot product is one way to combine two embeddings. **Neural collaborative filtering** (He et al., 2017) lets an MLP learn the combination instead: the two vectors (8-D here) are concatenated and read by a hidden Dense layer with ReLU, then one output unit.

This is the network now in the graph editor. It has more parameters and no built-in notion of “similar directions”, so it needs more epochs; the map shows its item embeddings' first two principal components. Train it for 10 epochs and compare its held-out RMSE with matrix factorisation's (0.83 on these ratings). On small data like this, the simple dot product holds its own — a result that later studies (Rendle et al., 2020) found on real data too.`,
        'zh-CN': `点积只是组合两个嵌入向量的一种方式。**神经协同过滤**（He 等，2017）改让多层感知机去学这种组合：把两个向量（这里是 8 维）拼接起来，交给一个使用 ReLU 的隐藏 Dense 层，再接一个输出单元。

图编辑器里现在就是这个网络。它的参数更多，又没有“方向相近”这种内置的概念，所以需要更多轮训练；地图显示的是其物品嵌入向量的前两个主成分。训练 10 轮，把它在留出评分上的 RMSE 与矩阵分解（在这些评分上是 0.83）比较一下。在这样的小数据上，简单的点积毫不逊色——后来的研究（Rendle 等，2020）在真实数据上也得出了类似结论。`,
      },
      task: {
        en: 'Train the NCF network 10 epochs: it too beats the baseline.',
        'zh-CN': '训练神经协同过滤网络 10 轮：它同样胜过基线。',
      },
      check: "epoch >= 10 and layer.Concatenate >= 1 and ratingsRmse < ratingsBaselineRmse",
      showMe: trainTo(10),
    },
  ],
};
