import { defineMessages } from '../define';

/** The variational autoencoder (issue 16, generation): the Sampling layer, its template, the latent tab's VAE parts. */
export const vae = defineMessages({
  'family.generative': { en: 'Generative', 'zh-CN': '生成' },
  'layer.Sampling.name': { en: 'Sampling (VAE)', 'zh-CN': '采样（VAE）' },
  'layer.Sampling.desc': {
    en: 'The reparameterisation trick of a variational autoencoder: takes the mean μ and the log-variance log σ² (in that order) and outputs z = μ + σ·ε with fresh noise ε ~ N(0, I) while training, z = μ otherwise. Adds β·KL(N(μ, σ²) ‖ N(0, I)) to the loss.',
    'zh-CN':
      '变分自编码器的重参数化技巧：依次接收均值 μ 和对数方差 log σ²，训练时输出 z = μ + σ·ε（每次重新采样噪声 ε ~ N(0, I)），其他时候输出 z = μ。它把 β·KL(N(μ, σ²) ‖ N(0, I)) 加进损失。',
  },
  'param.Sampling.beta': {
    en: 'β, the weight of the KL term (0 to 50): 0 is a plain autoencoder with noise; 1 is the usual VAE (the evidence lower bound); larger pulls every code towards the prior N(0, I).',
    'zh-CN': 'β，KL 项的权重（0 到 50）：0 相当于加了噪声的普通自编码器；1 是通常的 VAE（证据下界）；更大则把每个编码都拉向先验 N(0, I)。',
  },
  'paramLabel.beta': { en: 'β (KL weight)', 'zh-CN': 'β（KL 权重）' },
  'editor.betaSlider': { en: 'β, on a slider', 'zh-CN': 'β 滑块' },
  'err.sampling.shapes': {
    en: 'Sampling needs the mean and the log-variance in the same shape, got {a} and {b}',
    'zh-CN': '采样层需要形状相同的均值和对数方差，收到的是 {a} 和 {b}',
  },
  'template.vae2d.name': { en: 'Variational autoencoder (2-D latent)', 'zh-CN': '变分自编码器（二维潜在空间）' },
  'template.vae2d.note': {
    en: 'Like the 2-D autoencoder, but the encoder outputs a mean and a log-variance for each of the two latent values, and a Sampling layer draws the code from that Gaussian while training. A KL term (weight β on the Sampling node) pulls the codes towards N(0, I), so the plane fills without gaps and any point near the origin decodes to a plausible digit.',
    'zh-CN':
      '与二维自编码器类似，但编码器为两个潜在变量各输出一个均值和一个对数方差，训练时由采样层从这个高斯分布中抽取编码。KL 项（权重 β 在采样节点上）把编码拉向 N(0, I)，于是平面被填满、没有空隙，原点附近的任意一点都能解码出像样的数字。',
  },
  'latent.vae.kl': {
    en: 'KL term on these images: {kl} nats per image (β = {beta}; in the loss as β·KL / {pixels} pixels)',
    'zh-CN': '这些图像上的 KL 项：每张 {kl} 奈特（β = {beta}；在损失中为 β·KL / {pixels} 个像素）',
  },
  'latent.vae.moments': {
    en: 'Codes: mean ({m1}, {m2}), standard deviation ({s1}, {s2}); the prior N(0, I) has mean 0 and deviation 1',
    'zh-CN': '编码：均值 ({m1}, {m2})，标准差 ({s1}, {s2})；先验 N(0, I) 的均值为 0、标准差为 1',
  },
  'latent.vae.grid': { en: 'The prior’s square −3 … 3 decoded on an 8 × 8 grid', 'zh-CN': '在 8 × 8 网格上解码先验的 −3 … 3 正方形' },
  'latent.vae.gridAlt': { en: 'Digits decoded at 64 points from −3 to 3 on both axes', 'zh-CN': '在两个轴上从 −3 到 3 的 64 个点处解码出的数字' },
  'latent.prior.run': { en: 'Sample from the prior', 'zh-CN': '从先验中采样' },
  'latent.prior.caption': { en: '{n} codes drawn from N(0, I), decoded', 'zh-CN': '从 N(0, I) 中抽取的 {n} 个编码，解码结果' },
  'latent.prior.alt': { en: 'Digits the decoder makes of {n} random codes from the prior', 'zh-CN': '解码器由先验中的 {n} 个随机编码生成的数字' },
});
