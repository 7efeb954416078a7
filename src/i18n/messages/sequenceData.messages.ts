import { defineMessages } from '../define';

/** Strings of the sequence datasets: names, settings and why a network does not fit them. */
export const sequenceData = defineMessages({
  'ds.reverse': { en: 'Reverse digits (3 1 4 → 4 1 3)', 'zh-CN': '反转数字（3 1 4 → 4 1 3）' },
  'ds.copy': { en: 'Copy digits (3 1 4 → 3 1 4)', 'zh-CN': '复制数字（3 1 4 → 3 1 4）' },
  'ds.sort': { en: 'Sort digits (3 1 4 → 1 3 4)', 'zh-CN': '数字排序（3 1 4 → 1 3 4）' },
  'ds.add': { en: 'Add two numbers (4 7 + 8 5 → 1 3 2)', 'zh-CN': '两数相加（4 7 + 8 5 → 1 3 2）' },
  'ds.numberWords': { en: 'Number words ↔ digits (three hundred twelve ↔ 312)', 'zh-CN': '数字读法 ↔ 数字（三百一十二 ↔ 312）' },
  'ds.sine': { en: 'Sine waves: forecast the next steps', 'zh-CN': '正弦波：预测接下来的几步' },
  'ds.charLm': { en: 'Character language model (a shipped text)', 'zh-CN': '字符级语言模型（随附文本）' },
  'ds.sentiment': { en: 'Sentence sentiment (positive or negative)', 'zh-CN': '句子情感（正面或负面）' },
  'task.tokens': { en: 'One token per step', 'zh-CN': '每步预测一个词元' },
  'data.sequences': { en: 'Sequences', 'zh-CN': '序列' },
  'data.seq.length': { en: 'Digits: {n}', 'zh-CN': '数字个数：{n}' },
  'data.seq.addDigits': { en: 'Digits per number: {n}', 'zh-CN': '每个数的位数：{n}' },
  'data.seq.context': { en: 'Characters of context: {n}', 'zh-CN': '上下文字符数：{n}' },
  'data.seq.window': { en: 'Steps seen: {n}', 'zh-CN': '输入步数：{n}' },
  'data.seq.horizon': { en: 'Steps to forecast: {n}', 'zh-CN': '预测步数：{n}' },
  'data.seq.sumOfSines': { en: 'Sum of three sines', 'zh-CN': '三个正弦波之和' },
  'data.seq.language': { en: 'Language', 'zh-CN': '语言' },
  'data.seq.lang.en': { en: 'English', 'zh-CN': '英文' },
  'data.seq.lang.zh': { en: 'Chinese', 'zh-CN': '中文' },
  'data.seq.direction': { en: 'Direction', 'zh-CN': '方向' },
  'data.seq.toDigits': { en: 'words → digits', 'zh-CN': '读法 → 数字' },
  'data.seq.toWords': { en: 'digits → words', 'zh-CN': '数字 → 读法' },
  'data.seq.sentences': {
    en: '{n} hand-written sentences, then generated ones such as “the movie was not great”: “not” flips the meaning, so word order matters.',
    'zh-CN': '先是 {n} 个手写句子，其余为生成的句子，例如“电影不精彩”：“不”会反转意思，所以词序很重要。',
  },
  'err.fit.seqInputs': {
    en: 'This dataset feeds one Input (or two, source and decoder, for an encoder–decoder), but the network has {count}.',
    'zh-CN': '这个数据集提供一个输入层（编码器–解码器则为源序列和解码器两个），但网络有 {count} 个。',
  },
  'err.fit.needsDecoder': {
    en: 'Answers here are up to {want} tokens long, more than the {steps} input steps one Input can label: use an encoder–decoder (two Inputs), e.g. the Transformer (encoder–decoder) template.',
    'zh-CN': '这里的答案最长有 {want} 个词元，超过了单个输入层能标注的 {steps} 步：请使用编码器–解码器（两个输入层），例如 Transformer（编码器–解码器）模板。',
  },
  'err.fit.vocab': {
    en: 'This Embedding knows {size} token ids, but the dataset’s vocabulary has {want}. Set its input size to at least {want}.',
    'zh-CN': '这个 Embedding 只认识 {size} 个词元编号，但数据集的词表有 {want} 个。请把它的输入大小设为至少 {want}。',
  },
  'err.fit.seqOutput': {
    en: 'The network ends in {shape}, but this dataset needs {want} per example.',
    'zh-CN': '网络的输出是 {shape}，但这个数据集的每个样本需要 {want}。',
  },
});
