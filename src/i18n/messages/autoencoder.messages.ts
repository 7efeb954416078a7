import { defineMessages } from '../define';

/** The autoencoder (issue 16, generation): its template, the reconstruction view, the latent-space tab. */
export const autoencoder = defineMessages({
  'template.autoencoder2d.name': { en: 'Autoencoder (2-D latent)', 'zh-CN': '自编码器（二维潜在空间）' },
  'template.autoencoder2d.note': {
    en: 'An encoder squeezes each 28×28 digit through 256 and 64 units into just two numbers, the latent code; a decoder grows those two numbers back into 784 pixels. Trained to reproduce its own input, it needs no labels, yet similar digits land near each other in the plane, and any point of the plane decodes to a digit.',
    'zh-CN':
      '编码器把每张 28×28 的数字图像经过 256 和 64 个单元压缩成仅仅两个数，即潜在编码；解码器再把这两个数还原成 784 个像素。它的训练目标是重构自己的输入，不需要标签，但相似的数字会落在平面上相近的位置，平面上的任意一点都能解码出一个数字。',
  },
  'err.fit.reconstruct': {
    en: 'An autoencoder outputs its input image: the output needs {want} values (one per pixel), but it has shape {shape}.',
    'zh-CN': '自编码器要输出它的输入图像：输出层需要 {want} 个值（每个像素一个），但现在的形状是 {shape}。',
  },
  'task.reconstruct': { en: 'Reconstruction (autoencoder)', 'zh-CN': '重构（自编码器）' },
  'recon.titleTest': { en: 'Test image {n} and its reconstruction', 'zh-CN': '测试图像 {n} 及其重构' },
  'recon.titleDrawing': { en: 'Your drawing and its reconstruction', 'zh-CN': '你的手写图像及其重构' },
  'recon.input': { en: 'input', 'zh-CN': '输入' },
  'recon.output': { en: 'reconstruction', 'zh-CN': '重构' },
  'recon.note': {
    en: 'This network learns to output its own input (an autoencoder): there are no classes to predict, so no probabilities or confusion matrix. The loss is the reconstruction error; see its latent space under Tools → Latent space.',
    'zh-CN': '这个网络学习输出它自己的输入（自编码器）：没有类别可预测，因此没有概率和混淆矩阵。损失就是重构误差；在“工具 → 潜在空间”中可以查看它的潜在空间。',
  },
  'latent.tab': { en: 'Latent space', 'zh-CN': '潜在空间' },
  'latent.what': {
    en: 'Encode test digits into the two numbers at the bottleneck and scatter them by class. Click or drag anywhere in the plane (or move the point with the arrow keys) and the decoder turns that point into a digit.',
    'zh-CN': '把测试图像编码成瓶颈层的两个数，并按类别画成散点。在平面上任意位置单击或拖动（也可用方向键移动该点），解码器会把这个点变成一个数字。',
  },
  'latent.run': { en: 'Encode the test digits', 'zh-CN': '编码测试图像' },
  'latent.auto': { en: 'again at the end of each epoch', 'zh-CN': '每轮结束时重新编码' },
  'latent.node': { en: 'Bottleneck (2 values)', 'zh-CN': '瓶颈层（2 个值）' },
  'latent.plane': {
    en: 'Latent plane of {n} test images. Click or drag to decode a point; arrow keys move it.',
    'zh-CN': '{n} 张测试图像的潜在空间平面。单击或拖动以解码一个点，方向键可移动它。',
  },
  'latent.axes': { en: 'Across: z₁ from {x0} to {x1} · up: z₂ from {y0} to {y1}', 'zh-CN': '横轴：z₁ 从 {x0} 到 {x1} · 纵轴：z₂ 从 {y0} 到 {y1}' },
  'latent.legend': { en: 'Classes', 'zh-CN': '类别' },
  'latent.decoded': { en: 'Decoded at z = ({x}, {y})', 'zh-CN': '在 z = ({x}, {y}) 处解码' },
  'latent.decodedAlt': { en: 'The digit the decoder makes of the point ({x}, {y})', 'zh-CN': '解码器由点 ({x}, {y}) 生成的数字' },
  'latent.pickPoint': { en: 'Click the plane to decode a point.', 'zh-CN': '单击平面以解码一个点。' },
  'latent.separation': {
    en: 'Class separation: {pct} % (digits whose 5 nearest codes are mostly of their own class)',
    'zh-CN': '类别分离度：{pct} %（5 个最近邻编码中多数与自己同类的图像所占比例）',
  },
  'latent.loss': { en: 'Reconstruction loss on these images: {loss}', 'zh-CN': '这些图像上的重构损失：{loss}' },
  'latent.grid': { en: 'The plane decoded on an 8 × 8 grid', 'zh-CN': '在 8 × 8 网格上解码整个平面' },
  'latent.gridAlt': { en: 'Digits decoded at 64 points spread over the plane', 'zh-CN': '在平面上均匀分布的 64 个点处解码出的数字' },
  'latent.err.notAutoencoder': {
    en: 'The latent space needs an autoencoder: a network trained to output its input image (open the template “Autoencoder (2-D latent)”).',
    'zh-CN': '潜在空间需要一个自编码器，即以输出输入图像为目标训练的网络（可打开模板“自编码器（二维潜在空间）”）。',
  },
  'latent.err.noBottleneck': {
    en: 'No layer with exactly 2 values lies on every path to the output: give the narrowest layer 2 units to get a plane.',
    'zh-CN': '没有一个恰好输出 2 个值、且位于通向输出的每条路径上的层：把最窄的层设为 2 个单元，就能得到一个平面。',
  },
  'latent.err.badPoints': { en: 'The point to decode is not a pair of finite numbers.', 'zh-CN': '要解码的点不是一对有限的数。' },
});
