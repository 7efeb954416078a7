import { defineMessages } from '../define';

/** Tablets, phones and touch (issue 14): the training bar's "More…" disclosure (`more.*`). */
export const touch = defineMessages({
  'more.label': { en: 'More…', 'zh-CN': '更多…' },
  'more.hint': {
    en: 'Loss, learning-rate schedule, early stopping and when to stop training',
    'zh-CN': '损失函数、学习率调度、早停，以及何时停止训练',
  },
  'more.active': { en: '{n} on', 'zh-CN': '{n} 项已开启' },
});
