import { defineMessages } from '../define';

/** Strings of the optimizer race's "your network" surface: the loss slice of the learner's own network. */
export const landscape = defineMessages({
  'race.surface.network': { en: 'Your network', 'zh-CN': '你的网络' },
  'race.surfaceHint.network': {
    en: "Your network's training loss on a plane through its current weights (◆), along two random filter-normalised directions. The optimizers race on this picture of the loss, not on your network itself.",
    'zh-CN': '你的网络的训练损失在一个穿过当前权重（◆）的平面上的样子，沿两个经过滤波器归一化的随机方向截取。优化器在这张损失图上竞赛，并不是在训练你的网络本身。',
  },
  'slice.take': { en: 'Take a slice of my network', 'zh-CN': '截取我的网络的损失切面' },
  'slice.retake': { en: 'Take a new slice', 'zh-CN': '重新截取切面' },
  'slice.computing': { en: 'Taking the slice… {pct} %', 'zh-CN': '正在截取切面…{pct}%' },
  'slice.info': {
    en: 'Slice taken at step {step}: loss {loss} at the centre; {cols} × {rows} grid on {n} training examples, in {ms} ms.',
    'zh-CN': '切面取自第 {step} 步：中心处损失为 {loss}；{cols} × {rows} 网格，基于 {n} 个训练样本，用时 {ms} 毫秒。',
  },
  'slice.noNetwork': {
    en: 'Build and train a network on the Playground or in the Graph editor, then take a slice of its loss here.',
    'zh-CN': '先在游乐场或图编辑器中搭建并训练一个网络，再到这里截取它的损失切面。',
  },
  'slice.error.notBuilt': {
    en: 'There is no network to slice: the current one is not built. Fix it on the Playground or in the Graph editor.',
    'zh-CN': '没有可以截取的网络：当前网络尚未构建。请先在游乐场或图编辑器中修正它。',
  },
  'slice.error.changed': {
    en: 'The weights changed while the slice was being taken (a training step or an edit). Take it again.',
    'zh-CN': '截取切面时权重发生了变化（训练了一步或做了修改）。请重新截取。',
  },
  'slice.error.busy': { en: 'A slice is already being taken.', 'zh-CN': '已经在截取一个切面了。' },
  'slice.error.failed': { en: 'The engine could not take the slice. Try again.', 'zh-CN': '训练引擎未能截取切面，请重试。' },
  'slice.explain.title': { en: 'The “your network” surface', 'zh-CN': '“你的网络”这张曲面' },
  'slice.explain.what': {
    en: 'Your network has hundreds or thousands of weights w, so its loss lives in as many dimensions. To draw it, two random directions d₁ and d₂ are drawn (Gaussian, one number per weight) and the training loss L(w + α·d₁ + β·d₂) is measured on a grid of α and β, on a fixed set of training examples (up to 256; fewer for images and sequences, whose forward passes cost more), with dropout off. The centre, α = β = 0 (◆), is your network as it is now.',
    'zh-CN': '你的网络有成百上千个权重 w，它的损失定义在同样多维的空间里。为了画出来，我们随机抽取两个方向 d₁ 和 d₂（高斯分布，每个权重一个数），在 α、β 的网格上测量训练损失 L(w + α·d₁ + β·d₂)：用一组固定的训练样本（最多 256 个；图像和序列网络的前向传播代价更高，用得更少），并关闭暂退法。中心 α = β = 0（◆）就是你的网络此刻的样子。',
  },
  'slice.explain.filter': {
    en: 'Filter normalisation (Li et al., 2018): each filter of a direction — the weights into one unit of a dense layer, or one output channel of a convolution — is rescaled to the norm of the same filter of w. A ReLU network computes the same function when one layer’s weights are multiplied by c and the next layer’s divided by c, so a raw random step would mean something different for large and for small weights; after normalisation a step of 1 changes every filter by as much as its own size. Directions for biases and normalisation parameters are zero, as in the paper.',
    'zh-CN': '滤波器归一化（Li 等，2018）：方向中的每个滤波器——全连接层中流入某个单元的权重，或卷积层的一个输出通道——都被缩放到与 w 中同一滤波器相同的范数。ReLU 网络具有尺度不变性：把某一层的权重乘以 c、下一层的权重除以 c，网络计算的函数不变；所以未经归一化的随机步长，对大权重和小权重意味着完全不同的变化。归一化之后，步长 1 让每个滤波器改变的量与它自身的大小相当。与原论文一样，偏置和规范化层参数的方向取为零。',
  },
  'slice.explain.caveat': {
    en: 'Here the optimizers move in these two dimensions only, on the loss interpolated between the grid’s points. That illustrates how they behave on a real network’s loss; it is not the real training, which moves every weight at once, along directions this picture does not show, with the noise of mini-batches.',
    'zh-CN': '这里的优化器只在这两个维度上移动，走的是网格点之间插值出来的损失。这只是演示它们在真实网络损失上的表现，并不是真正的训练：真正的训练同时调整所有权重，沿着这张图看不到的方向前进，还带着小批量带来的噪声。',
  },
});
