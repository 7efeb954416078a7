import { defineMessages } from '../define';

/** Strings of the optimizer race (the Training dynamics tab). */
export const race = defineMessages({
  'race.tab': { en: 'Optimizer race', 'zh-CN': '优化器竞赛' },
  'race.title': { en: 'Optimizer race', 'zh-CN': '优化器竞赛' },
  'race.intro': {
    en: 'Seven optimizers descend the same loss surface from the same start, each with its own learning rate. Click or drag on the map to move the start.',
    'zh-CN': '七种优化器从同一起点沿同一损失曲面下降，各自使用自己的学习率。在图上点击或拖动即可移动起点。',
  },
  'race.surface': { en: 'Surface', 'zh-CN': '曲面' },
  'race.surface.ravine': { en: 'Long ravine', 'zh-CN': '狭长峡谷' },
  'race.surface.rosenbrock': { en: 'Rosenbrock', 'zh-CN': 'Rosenbrock 函数' },
  'race.surface.saddle': { en: 'Saddle point', 'zh-CN': '鞍点' },
  'race.surface.minima': { en: 'Several minima', 'zh-CN': '多个极小值' },
  'race.surface.noisy': { en: 'Noisy bowl', 'zh-CN': '带噪声的碗' },
  'race.surfaceHint.ravine': {
    en: 'f = 0.01x² + 2y²: steep across, almost flat along. A step small enough not to bounce across the valley crawls along it.',
    'zh-CN': 'f = 0.01x² + 2y²：横向陡峭，纵向几乎平坦。步长小到不在谷壁间来回震荡时，沿谷底前进就非常缓慢。',
  },
  'race.surfaceHint.rosenbrock': {
    en: 'f = (1 − x)² + 100(y − x²)²: a curved valley with a flat floor; the minimum is at (1, 1).',
    'zh-CN': 'f = (1 − x)² + 100(y − x²)²：一条弯曲、谷底平坦的山谷；极小值在 (1, 1)。',
  },
  'race.surfaceHint.saddle': {
    en: 'f = x²/2 + y⁴/4 − y²/2: the start sits almost on the ridge through the saddle at (0, 0), where the gradient across is nearly zero.',
    'zh-CN': 'f = x²/2 + y⁴/4 − y²/2：起点几乎正好在穿过鞍点 (0, 0) 的山脊上，那里横向的梯度几乎为零。',
  },
  'race.surfaceHint.minima': {
    en: 'Himmelblau’s function: four minima, all with loss 0. Which one an optimizer reaches depends on its path.',
    'zh-CN': 'Himmelblau 函数：四个极小值，损失都是 0。优化器最终落在哪一个，取决于它走过的路径。',
  },
  'race.surfaceHint.noisy': {
    en: 'f = x²/2 + y²: a plain bowl, but each gradient gets random noise, as a minibatch’s does. Every optimizer gets the same noise.',
    'zh-CN': 'f = x²/2 + y²：一个普通的碗，但每次的梯度都带随机噪声，就像小批量的梯度那样。所有优化器得到的噪声相同。',
  },
  'race.step': { en: 'Step', 'zh-CN': '单步' },
  'race.play': { en: 'Play', 'zh-CN': '播放' },
  'race.pause': { en: 'Pause', 'zh-CN': '暂停' },
  'race.reset': { en: 'Reset', 'zh-CN': '重置' },
  'race.speed': { en: 'Steps per frame', 'zh-CN': '每帧步数' },
  'race.steps': { en: 'Step {n}', 'zh-CN': '第 {n} 步' },
  'race.finished': { en: 'finished', 'zh-CN': '已结束' },
  'race.start': { en: 'Start ({x}, {y})', 'zh-CN': '起点 ({x}, {y})' },
  'race.map': {
    en: 'Contour map of the loss with each optimizer’s path. Click or drag to move the start; arrow keys nudge it.',
    'zh-CN': '损失的等高线图及各优化器的路径。点击或拖动可移动起点；方向键可微调。',
  },
  'race.legend': { en: 'Optimizers', 'zh-CN': '优化器' },
  'race.chart': { en: 'Loss above the minimum, by step (log scale)', 'zh-CN': '损失与最小值之差随步数的变化（对数刻度）' },
  'race.chart.label': {
    en: 'Each optimizer’s loss minus the minimum loss against the step, on a logarithmic scale',
    'zh-CN': '各优化器的损失减去最小损失随步数的变化，纵轴为对数刻度',
  },
  'race.col.optimizer': { en: 'Optimizer', 'zh-CN': '优化器' },
  'race.col.lr': { en: 'Learning rate η', 'zh-CN': '学习率 η' },
  'race.col.loss': { en: 'Loss', 'zh-CN': '损失' },
  'race.show': { en: 'Show {name}', 'zh-CN': '显示 {name}' },
  'race.lrOf': { en: 'Learning rate of {name}', 'zh-CN': '{name} 的学习率' },
  'race.diverged': { en: 'diverged', 'zh-CN': '发散' },
  'race.defaults': { en: 'Default rates', 'zh-CN': '默认学习率' },
  'race.explain': { en: 'The updates', 'zh-CN': '更新规则' },
  'race.explain.hint': {
    en: 'θ are the parameters, g = ∇f(θ) the gradient, η the learning rate; squares and roots are taken per parameter.',
    'zh-CN': 'θ 为参数，g = ∇f(θ) 为梯度，η 为学习率；平方与开方都按每个参数分别计算。',
  },
  'race.opt.sgd': { en: 'SGD', 'zh-CN': 'SGD' },
  'race.opt.momentum': { en: 'Momentum', 'zh-CN': '动量法' },
  'race.opt.nesterov': { en: 'Nesterov', 'zh-CN': 'Nesterov 动量' },
  'race.opt.rmsprop': { en: 'RMSprop', 'zh-CN': 'RMSprop' },
  'race.opt.adam': { en: 'Adam', 'zh-CN': 'Adam' },
  'race.opt.adamw': { en: 'AdamW', 'zh-CN': 'AdamW' },
  'race.opt.adagrad': { en: 'Adagrad', 'zh-CN': 'Adagrad' },
  'race.why.sgd': {
    en: 'Step straight downhill. One rate for every direction: too big bounces across a ravine, too small crawls along it.',
    'zh-CN': '直接沿下坡方向走一步。所有方向共用一个学习率：太大会在峡谷两壁间反弹，太小则沿谷底爬行。',
  },
  'race.why.momentum': {
    en: 'A heavy ball: the velocity v sums past gradients, so steady directions speed up and zig-zags cancel out.',
    'zh-CN': '像一个重球：速度 v 累积过去的梯度，方向一致时越走越快，来回的震荡相互抵消。',
  },
  'race.why.nesterov': {
    en: 'Momentum that looks ahead: the step uses the velocity it is about to have, so it brakes earlier before overshooting.',
    'zh-CN': '向前看的动量：这一步使用即将具有的速度，因此在冲过头之前就能更早减速。',
  },
  'race.why.rmsprop': {
    en: 'Divides each parameter’s step by a running average of its recent gradient size: steep directions slow down, flat ones speed up.',
    'zh-CN': '把每个参数的步长除以它近期梯度大小的滑动平均：陡的方向放慢，平的方向加快。',
  },
  'race.why.adam': {
    en: 'Momentum and RMSprop together, with a bias correction for the first steps: roughly η per step in each direction.',
    'zh-CN': '动量与 RMSprop 的结合，并对最初几步做偏差修正：每个方向每步大约移动 η。',
  },
  'race.why.adamw': {
    en: 'Adam plus weight decay applied to θ directly, not mixed into g (where Adam’s division would weaken it): it pulls toward 0.',
    'zh-CN': 'Adam 加上直接作用于 θ 的权重衰减，而不是混入 g（那样会被 Adam 的除法削弱）：它把参数拉向 0。',
  },
  'race.why.adagrad': {
    en: 'Divides by the root of all squared gradients so far: every step is smaller than the last, so it can stall before the minimum.',
    'zh-CN': '除以迄今所有梯度平方和的平方根：步长越来越小，因此可能在到达极小值之前就停滞。',
  },
  'race.hyper.momentum': { en: 'β', 'zh-CN': 'β' },
  'race.hyper.weightDecay': { en: 'λ', 'zh-CN': 'λ' },
  'race.hyperOf': { en: '{hyper} of {name}', 'zh-CN': '{name} 的 {hyper}' },
});
