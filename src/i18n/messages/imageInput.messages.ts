import { defineMessages } from '../define';

/** Strings of image inputs: augmentation and its previews, the drawing pad. */
export const imageInput = defineMessages({
  'image.input.aug.title': { en: 'Augmentation', 'zh-CN': '数据增强' },
  'image.input.aug.hint': {
    en: 'Every mini-batch is changed at random within these limits, so the network rarely sees the same image twice.',
    'zh-CN': '每个小批量都会在这些范围内随机变换，网络很少会两次看到完全相同的图像。',
  },
  'image.input.aug.noSample': { en: 'Choose an image dataset to preview the augmentations.', 'zh-CN': '选择一个图像数据集即可预览增强效果。' },
  'image.input.aug.shift': { en: 'Shift: up to {n} px', 'zh-CN': '平移：最多 {n} 像素' },
  'image.input.aug.shiftOff': { en: 'Shift: off', 'zh-CN': '平移：关闭' },
  'image.input.aug.rotate': { en: 'Rotate: up to ±{n}°', 'zh-CN': '旋转：最多 ±{n}°' },
  'image.input.aug.rotateOff': { en: 'Rotate: off', 'zh-CN': '旋转：关闭' },
  'image.input.aug.zoom': { en: 'Zoom: up to ±{n}%', 'zh-CN': '缩放：最多 ±{n}%' },
  'image.input.aug.zoomOff': { en: 'Zoom: off', 'zh-CN': '缩放：关闭' },
  'image.input.aug.noise': { en: 'Noise: σ = {n}', 'zh-CN': '噪声：σ = {n}' },
  'image.input.aug.noiseOff': { en: 'Noise: off', 'zh-CN': '噪声：关闭' },
  'image.input.aug.flip': { en: 'Mirror half of the images', 'zh-CN': '随机镜像一半的图像' },
  'image.input.aug.flipNote': {
    en: 'A mirrored 2 is no longer a 2: good for shapes, harmful for digits.',
    'zh-CN': '镜像后的 2 就不再是 2 了：适合形状，不适合数字。',
  },
  'image.input.aug.shifted': { en: 'Shifted by {n} px', 'zh-CN': '平移 {n} 像素' },
  'image.input.aug.rotated': { en: 'Rotated by {n}°', 'zh-CN': '旋转 {n}°' },
  'image.input.aug.zoomed': { en: 'Scaled to {n}%', 'zh-CN': '缩放到 {n}%' },
  'image.input.aug.mirrored': { en: 'Mirrored', 'zh-CN': '镜像' },
  'image.input.aug.noisy': { en: 'With noise σ = {n}', 'zh-CN': '加入噪声 σ = {n}' },
  'image.input.aug.variants': { en: 'Random examples, all combined', 'zh-CN': '全部组合的随机示例' },
  'image.input.aug.variant': { en: 'Random example {n}', 'zh-CN': '随机示例 {n}' },
  'image.input.aug.reroll': { en: 'Others', 'zh-CN': '换一批' },
  'image.input.aug.rerollHint': { en: 'Show other random examples', 'zh-CN': '显示另一批随机示例' },

  'image.input.draw.canvas': { en: 'Drawing pad: draw a digit with the mouse, a finger or a pen', 'zh-CN': '画板：用鼠标、手指或触控笔写一个数字' },
  'image.input.draw.hint': { en: 'Use the mouse, a finger or a pen; Clear starts over.', 'zh-CN': '可用鼠标、手指或触控笔书写；点“清除”重新开始。' },
  'image.input.draw.clear': { en: 'Clear', 'zh-CN': '清除' },
  'image.input.draw.seen': { en: 'What the network sees', 'zh-CN': '网络看到的' },
  'image.input.draw.seenLabel': { en: 'Your drawing as a {n}×{n} image', 'zh-CN': '你的笔迹转换成的 {n}×{n} 图像' },
  'image.input.draw.empty': { en: 'Nothing drawn yet', 'zh-CN': '还没有笔迹' },
});
