import { defineMessages } from '../define';

/** App-wide strings: title, header, status. */
export const common = defineMessages({
  'app.title': { en: 'Gradient Garden', 'zh-CN': '梯度花园' },
  'app.tagline': {
    en: 'Build a neural network, train it live, and watch it learn.',
    'zh-CN': '搭建神经网络，实时训练，看它如何学习。',
  },
});
