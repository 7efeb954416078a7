import { defineMessages } from '../define';

/** Accessibility (issue 14): the skip link, landmarks, text alternatives of pictures, the colour-blind palette. */
export const a11y = defineMessages({
  'a11y.skip': { en: 'Skip to the lab', 'zh-CN': '跳到实验区' },
  'a11y.main': { en: 'Lab', 'zh-CN': '实验区' },
  'a11y.lab.points': { en: 'Playground: data, network and output', 'zh-CN': '演练场：数据、网络与输出' },
  'a11y.lab.images': { en: 'Convolution lab', 'zh-CN': '卷积实验室' },
  'a11y.listSep': { en: ', ', 'zh-CN': '，' },
  'a11y.boundary.shares': { en: 'Share of the plane per class: {shares}.', 'zh-CN': '各类别所占平面的比例：{shares}。' },
  'a11y.boundary.label': { en: '{label}. {shares}', 'zh-CN': '{label}。{shares}' },
  'a11y.boundary.share': { en: 'class {n} {share}', 'zh-CN': '类别 {n} 占 {share}' },
  'a11y.loss.latest': {
    en: 'Epoch {epoch}: training {train}, test {test}.',
    'zh-CN': '第 {epoch} 轮：训练集 {train}，测试集 {test}。',
  },
  'a11y.maps.summary': {
    en: 'Values from {min} to {max}; the strongest channel is {n}',
    'zh-CN': '数值范围 {min} 到 {max}；最强的通道是第 {n} 个',
  },
  'a11y.loss.none': { en: 'No epochs yet.', 'zh-CN': '还没有训练轮次。' },
  // Visible names under the dataset thumbnails (the full name stays the button's label and tooltip).
  'ds.short.circle': { en: 'Circle', 'zh-CN': '圆形' },
  'ds.short.xor': { en: 'XOR', 'zh-CN': '异或' },
  'ds.short.gauss': { en: 'Gaussian', 'zh-CN': '高斯' },
  'ds.short.spiral': { en: 'Spiral', 'zh-CN': '螺旋' },
  'ds.short.moons': { en: 'Moons', 'zh-CN': '双月' },
  'ds.short.blobs': { en: 'Blobs', 'zh-CN': '团簇' },
  'ds.short.plane': { en: 'Plane', 'zh-CN': '平面' },
  'ds.short.multiGauss': { en: 'Gaussians', 'zh-CN': '多高斯' },
  'ds.short.shapes': { en: 'Shapes', 'zh-CN': '形状' },
  'ds.short.mnist': { en: 'MNIST', 'zh-CN': 'MNIST' },
  'ds.short.table': { en: 'Table', 'zh-CN': '表格' },
  'ds.short.hand': { en: 'By hand', 'zh-CN': '手动' },
  'ds.short.reverse': { en: 'Reverse', 'zh-CN': '反转' },
  'ds.short.copy': { en: 'Copy', 'zh-CN': '复制' },
  'ds.short.sort': { en: 'Sort', 'zh-CN': '排序' },
  'ds.short.add': { en: 'Add', 'zh-CN': '加法' },
  'ds.short.numberWords': { en: 'Words', 'zh-CN': '读数' },
  'ds.short.sine': { en: 'Sine', 'zh-CN': '正弦' },
  'ds.short.charLm': { en: 'Text', 'zh-CN': '字符' },
  'ds.short.sentiment': { en: 'Sentiment', 'zh-CN': '情感' },
  'a11y.palette.safe': { en: 'Colour-blind-safe colours and shapes', 'zh-CN': '色盲友好的颜色与形状' },
  'a11y.palette.hint': {
    en: 'Okabe–Ito colours, and each class drawn with its own shape (circle, square, triangle, …), so classes are told apart without colour',
    'zh-CN': '使用 Okabe–Ito 配色，并为每个类别画上不同的形状（圆、方块、三角形……），不靠颜色也能区分类别',
  },
});
