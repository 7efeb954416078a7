import { defineMessages } from '../define';

/** Strings of the convolution explainer (one output cell worked out by hand). */
export const imageExplain = defineMessages({
  'explain.region': { en: 'How {layer} computes one output value', 'zh-CN': '{layer} 如何算出一个输出值' },
  'explain.kind.conv': {
    en: 'Convolution · {kh}×{kw} kernel · {cin} input channel(s) → {filters} filter(s)',
    'zh-CN': '卷积 · {kh}×{kw} 卷积核 · {cin} 个输入通道 → {filters} 个卷积核',
  },
  'explain.kind.maxPool': { en: 'Max pooling · {ph}×{pw} window', 'zh-CN': '最大汇聚 · {ph}×{pw} 窗口' },
  'explain.kind.avgPool': { en: 'Average pooling · {ph}×{pw} window', 'zh-CN': '平均汇聚 · {ph}×{pw} 窗口' },
  'explain.kind.relu': { en: 'ReLU · max(0, x) on every value by itself', 'zh-CN': 'ReLU · 对每个值单独取 max(0, x)' },
  'explain.withActivation': { en: 'then {name}', 'zh-CN': '再经过 {name}' },

  // Stride and padding in words.
  'explain.stride1': { en: 'Stride 1: the window slides one cell at a time.', 'zh-CN': '步幅 1：窗口每次滑动一格。' },
  'explain.strideN': {
    en: 'Stride {s}: the window jumps {s} cells at a time, so the output is smaller.',
    'zh-CN': '步幅 {s}：窗口每次跳 {s} 格，所以输出更小。',
  },
  'explain.strideYX': {
    en: 'Stride {sy} down, {sx} across: the window jumps that many cells per step.',
    'zh-CN': '步幅为纵向 {sy}、横向 {sx}：窗口每步跳过相应的格数。',
  },
  'explain.padValid': {
    en: 'Padding valid: no zeros are added; the window only visits places where it fits ({ih}×{iw} → {oh}×{ow}).',
    'zh-CN': '填充 valid：不补零，窗口只停在能完整放下的位置（{ih}×{iw} → {oh}×{ow}）。',
  },
  'explain.padSame': {
    en: 'Padding same: a border is added around the input ({sides}) so the output is {oh}×{ow}.',
    'zh-CN': '填充 same：在输入四周加一圈边（{sides}），使输出为 {oh}×{ow}。',
  },
  'explain.padSameNone': {
    en: 'Padding same: the window already fits, so no border is needed ({ih}×{iw} → {oh}×{ow}).',
    'zh-CN': '填充 same：窗口本来就放得下，无需补边（{ih}×{iw} → {oh}×{ow}）。',
  },
  'explain.padTop': { en: '{n} row(s) on top', 'zh-CN': '上方 {n} 行' },
  'explain.padBottom': { en: '{n} row(s) at the bottom', 'zh-CN': '下方 {n} 行' },
  'explain.padLeft': { en: '{n} column(s) on the left', 'zh-CN': '左侧 {n} 列' },
  'explain.padRight': { en: '{n} column(s) on the right', 'zh-CN': '右侧 {n} 列' },
  'explain.listSep': { en: ', ', 'zh-CN': '、' },
  'explain.padConvNote': { en: 'The border cells count as zeros.', 'zh-CN': '边上的格子按 0 计算。' },
  'explain.padPoolNote': {
    en: 'Pooling skips the border cells: they are not zeros.',
    'zh-CN': '汇聚会跳过这些边上的格子：它们不算作 0。',
  },

  // Controls.
  'explain.play': { en: 'Play', 'zh-CN': '播放' },
  'explain.pause': { en: 'Pause', 'zh-CN': '暂停' },
  'explain.replay': { en: 'Replay', 'zh-CN': '重播' },
  'explain.position': { en: 'Output position', 'zh-CN': '输出位置' },
  'explain.cell': { en: 'row {y}, column {x}', 'zh-CN': '第 {y} 行，第 {x} 列' },
  'explain.filter': { en: 'Filter', 'zh-CN': '卷积核' },
  'explain.inChannel': { en: 'Input channel', 'zh-CN': '输入通道' },
  'explain.channel': { en: 'Channel', 'zh-CN': '通道' },

  // Maps.
  'explain.inputMap': { en: 'Input · channel {c} · {h}×{w}', 'zh-CN': '输入 · 通道 {c} · {h}×{w}' },
  'explain.outputFilter': { en: 'Output · filter {f} · {h}×{w}', 'zh-CN': '输出 · 卷积核 {f} · {h}×{w}' },
  'explain.outputChannel': { en: 'Output · channel {c} · {h}×{w}', 'zh-CN': '输出 · 通道 {c} · {h}×{w}' },
  'explain.inputMapLabel': {
    en: 'Input feature map; the outlined window produces the chosen output',
    'zh-CN': '输入特征图；框出的窗口产生所选的输出',
  },
  'explain.outputMapLabel': {
    en: 'Output feature map: click a cell, or use the arrow keys, to explain it',
    'zh-CN': '输出特征图：点击一个格子（或用方向键）查看它的计算',
  },
  'explain.legendPad': { en: 'zero padding', 'zh-CN': '零填充' },
  'explain.legendSkip': { en: 'padding (skipped)', 'zh-CN': '填充（跳过）' },
  'explain.legendWindow': { en: 'window', 'zh-CN': '窗口' },

  // The arithmetic.
  'explain.window': { en: 'Input window', 'zh-CN': '输入窗口' },
  'explain.kernel': { en: 'Kernel weights', 'zh-CN': '卷积核权重' },
  'explain.products': { en: 'Products', 'zh-CN': '乘积' },
  'explain.sumChannel': { en: 'Σ products of channel {c}', 'zh-CN': '通道 {c} 的乘积之和' },
  'explain.partials': { en: 'Sum per input channel', 'zh-CN': '各输入通道之和' },
  'explain.showChannel': { en: 'Show channel {c} in detail', 'zh-CN': '详细显示通道 {c}' },
  'explain.sumProducts': { en: 'Σ products', 'zh-CN': '乘积之和' },
  'explain.sumAll': { en: 'Σ products, all {n} channel(s)', 'zh-CN': '全部 {n} 个通道的乘积之和' },
  'explain.bias': { en: 'bias', 'zh-CN': '偏置' },
  'explain.output': { en: 'output', 'zh-CN': '输出' },
  'explain.matches': { en: '✓ same as the layer’s own output', 'zh-CN': '✓ 与该层的实际输出一致' },
  'explain.max': { en: 'the largest of {n} value(s)', 'zh-CN': '{n} 个值中的最大值' },
  'explain.avg': { en: 'the average of {n} value(s)', 'zh-CN': '{n} 个值的平均' },
  'explain.maxNote': { en: 'The largest value is kept; the others are dropped.', 'zh-CN': '只保留最大的值，其余的被丢弃。' },
  'explain.avgNote': {
    en: 'Only real cells are counted, so a window over padding divides by fewer.',
    'zh-CN': '只计真实的格子，所以覆盖填充的窗口除以更少的个数。',
  },
  'explain.value': { en: 'Value', 'zh-CN': '值' },
  'explain.reluActive': { en: 'positive, so it passes through unchanged', 'zh-CN': '为正，原样通过' },
  'explain.reluInactive': { en: 'not positive, so ReLU outputs 0', 'zh-CN': '不为正，所以 ReLU 输出 0' },
  'explain.empty': { en: 'This layer has no output for this input size.', 'zh-CN': '在这个输入尺寸下，这一层没有输出。' },
});
