/** A toy sentiment set for the sequence lab: hand-written sentences, and generated ones with negation. */
import { createRng, deriveSeed } from './rng';

/** One labelled sentence: 1 = positive, 0 = negative. */
export interface SentimentExample {
  text: string;
  label: 0 | 1;
  language: 'en' | 'zh';
}

// Hand-written for Gradient Garden: short, everyday, and unambiguous so a tiny model can learn them.
const EN_POSITIVE: readonly string[] = [
  'I love this garden',
  'What a lovely sunny day',
  'The soup was delicious',
  'This is a great idea',
  'She smiled and waved at me',
  'The concert was amazing',
  'I feel happy today',
  'Thanks, that helped a lot',
  'The new phone works perfectly',
  'We had a wonderful trip',
  'The puppy is so cute',
  'This book is brilliant',
  'Our team won the match',
  'The view from here is beautiful',
  'I really enjoyed the movie',
  'The service was fast and friendly',
  'My tests all passed',
  'This cake tastes great',
  'What a fun afternoon',
  'The flowers look fantastic',
];
const EN_NEGATIVE: readonly string[] = [
  'I hate waiting in line',
  'The soup was cold and bland',
  'This is a terrible idea',
  'The train was late again',
  'I feel sad and tired',
  'The movie was boring',
  'My phone broke this morning',
  'The service was slow and rude',
  'That was an awful trip',
  'The room smells bad',
  'Our team lost the match',
  'This book is dull',
  'The weather is gloomy and wet',
  'My code keeps crashing',
  'I am angry about the noise',
  'The food tasted horrible',
  'What a miserable afternoon',
  'The flowers died quickly',
  'This app is so annoying',
  'Nothing works today',
];
const ZH_POSITIVE: readonly string[] = [
  '我很喜欢这个花园',
  '今天天气真好',
  '这碗汤非常好喝',
  '这个主意太棒了',
  '她笑着向我挥手',
  '音乐会特别精彩',
  '我今天很开心',
  '谢谢你帮了大忙',
  '新手机很好用',
  '这次旅行很愉快',
  '小狗真可爱',
  '这本书写得很好',
  '我们队赢了比赛',
  '这里的风景很美',
  '这部电影很好看',
  '服务又快又热情',
  '测试全部通过了',
  '蛋糕很好吃',
  '下午玩得很开心',
  '花开得真漂亮',
];
const ZH_NEGATIVE: readonly string[] = [
  '我讨厌排队',
  '汤又冷又没味道',
  '这个主意太糟糕了',
  '火车又晚点了',
  '我觉得又累又难过',
  '这部电影很无聊',
  '手机今天早上坏了',
  '服务又慢又没礼貌',
  '这次旅行太差了',
  '房间里有难闻的味道',
  '我们队输了比赛',
  '这本书很没意思',
  '天气又阴又湿',
  '程序总是崩溃',
  '噪音让我很生气',
  '饭菜太难吃了',
  '下午过得很痛苦',
  '花很快就枯了',
  '这个应用真烦人',
  '今天什么都不顺',
];

/**
 * A small hand-written sentiment set: 40 English and 40 Chinese sentences, half positive and half
 * negative in each language. Fixed (no seed): shuffle and split it with the experiment's rng.
 */
export function sentimentSet(): SentimentExample[] {
  const tag = (texts: readonly string[], label: 0 | 1, language: 'en' | 'zh'): SentimentExample[] =>
    texts.map((text) => ({ text, label, language }));
  return [
    ...tag(EN_POSITIVE, 1, 'en'),
    ...tag(EN_NEGATIVE, 0, 'en'),
    ...tag(ZH_POSITIVE, 1, 'zh'),
    ...tag(ZH_NEGATIVE, 0, 'zh'),
  ];
}

// ---------------------------------------------------------------------------------------------
// Generated sentences: many examples over a small vocabulary, with negation
// ---------------------------------------------------------------------------------------------

/**
 * Parts of the generated sentences. Every sentiment word recurs across many subjects, so a network
 * can learn each word's polarity from the training split and meet it again in the test split (the 40
 * hand-written sentences per language alone share too few words for that); "not" / 不 flips the
 * label, which a bag of words cannot learn and a recurrent network can: order matters.
 */
const GEN = {
  en: {
    subjects: ['the soup', 'the movie', 'this book', 'the service', 'the trip', 'the weather', 'the concert', 'my phone', 'the garden', 'the cake', 'the room', 'the game'],
    verbs: ['was', 'is'],
    intensifiers: ['', 'really', 'very', 'so'],
    positive: ['good', 'great', 'lovely', 'wonderful', 'amazing', 'fun', 'beautiful', 'brilliant', 'nice', 'perfect'],
    negative: ['bad', 'terrible', 'awful', 'boring', 'horrible', 'dull', 'poor', 'annoying', 'ugly', 'sad'],
    not: 'not',
  },
  zh: {
    subjects: ['汤', '电影', '这本书', '服务', '旅行', '天气', '音乐会', '手机', '花园', '蛋糕', '房间', '比赛'],
    verbs: [''],
    intensifiers: ['很', '真', '非常', '太'],
    positive: ['好', '棒', '有趣', '精彩', '漂亮', '舒服', '可爱', '完美', '出色', '美'],
    negative: ['差', '糟糕', '无聊', '难看', '烦人', '讨厌', '吵', '脏', '乱', '冷清'],
    not: '不',
  },
} as const;

/**
 * `n` seeded sentences of the form "the movie was (really) (not) great" / 电影很好 · 电影不好: the label
 * is the adjective's polarity, flipped by the negation (a quarter of the sentences). Chinese puts 不
 * in place of the degree word (电影不精彩), as people say it.
 */
export function generatedSentiment(n: number, seed: number, language: 'en' | 'zh'): SentimentExample[] {
  const g = GEN[language];
  const rng = createRng(deriveSeed(seed, 'sentiment'));
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
  const out: SentimentExample[] = [];
  for (let i = 0; i < n; i++) {
    const positive = rng.next() < 0.5;
    const negated = rng.next() < 0.25;
    const adjective = pick(positive ? g.positive : g.negative);
    const subject = pick(g.subjects);
    const label = (positive !== negated ? 1 : 0) as 0 | 1;
    const text =
      language === 'en'
        ? [subject, pick(g.verbs), pick(g.intensifiers), negated ? g.not : '', adjective].filter(Boolean).join(' ')
        : `${subject}${negated ? g.not : pick(g.intensifiers)}${adjective}`;
    out.push({ text, label, language });
  }
  return out;
}

/** Every word (en) or character (zh) the generated sentences can use, in a fixed order. */
export function generatedSentimentSymbols(language: 'en' | 'zh'): string[] {
  const g = GEN[language];
  const parts = [...g.subjects, ...g.verbs, ...g.intensifiers, ...g.positive, ...g.negative, g.not];
  return language === 'en' ? parts.flatMap((p) => p.split(' ')).filter(Boolean) : parts.flatMap((p) => Array.from(p));
}

/** Longest generated sentence, in tokens (words or characters). */
export function generatedSentimentLength(language: 'en' | 'zh'): number {
  const g = GEN[language];
  const longest = (xs: readonly string[]) => Math.max(...xs.map((x) => (language === 'en' ? x.split(' ').filter(Boolean).length : Array.from(x).length)));
  if (language === 'en') return longest(g.subjects) + 1 + 1 + 1 + 1; // subject verb intensifier not adjective
  return longest(g.subjects) + Math.max(longest(g.intensifiers), 1) + longest([...g.positive, ...g.negative]);
}
