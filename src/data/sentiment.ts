/** A tiny toy sentiment set written for the app (data for the sequence lab). */

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
