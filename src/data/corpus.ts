/**
 * The character-level language model's corpora, shipped with the app: public-domain English prose
 * and classical Chinese poems (see CORPUS_SOURCES).
 *
 * Both texts are in the public domain (Carroll's book of 1865; Tang-dynasty poems) and were typed in
 * for this app. They are kept small enough to train on in the browser: the English is plain ASCII
 * (under 60 distinct characters); the Chinese is simplified characters with full-width ，。 and one
 * poem per line (about 700 distinct characters, so its vocabulary is much larger).
 */
import type { Language } from './datasetSpec';
import { charVocab, charWindows, encode, type SeqTask, type Vocab } from './sequences';

/** Where each text comes from (all public domain). */
export const CORPUS_SOURCES: Readonly<Record<Language, string>> = {
  en: 'Lewis Carroll, Alice\'s Adventures in Wonderland (1865), chapter I "Down the Rabbit-Hole" (opening)',
  zh: '唐诗五十七首：李白、杜甫、王维、孟浩然、白居易、杜牧等',
};

/**
 * Lewis Carroll, "Alice's Adventures in Wonderland" (1865), the opening of chapter I, "Down the
 * Rabbit-Hole". Plain ASCII: straight quotes, "--" for the dash, italics dropped, one paragraph a line.
 */
const ALICE_CHAPTER_1: readonly string[] = [
  `Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to do: once or twice she had peeped into the book her sister was reading, but it had no pictures or conversations in it, "and what is the use of a book," thought Alice "without pictures or conversations?"`,
  `So she was considering in her own mind (as well as she could, for the hot day made her feel very sleepy and stupid), whether the pleasure of making a daisy-chain would be worth the trouble of getting up and picking the daisies, when suddenly a White Rabbit with pink eyes ran close by her.`,
  `There was nothing so very remarkable in that; nor did Alice think it so very much out of the way to hear the Rabbit say to itself, "Oh dear! Oh dear! I shall be late!" (when she thought it over afterwards, it occurred to her that she ought to have wondered at this, but at the time it all seemed quite natural); but when the Rabbit actually took a watch out of its waistcoat-pocket, and looked at it, and then hurried on, Alice started to her feet, for it flashed across her mind that she had never before seen a rabbit with either a waistcoat-pocket, or a watch to take out of it, and burning with curiosity, she ran across the field after it, and fortunately was just in time to see it pop down a large rabbit-hole under the hedge.`,
  `In another moment down went Alice after it, never once considering how in the world she was to get out again.`,
  `The rabbit-hole went straight on like a tunnel for some way, and then dipped suddenly down, so suddenly that Alice had not a moment to think about stopping herself before she found herself falling down a very deep well.`,
  `Either the well was very deep, or she fell very slowly, for she had plenty of time as she went down to look about her and to wonder what was going to happen next. First, she tried to look down and make out what she was coming to, but it was too dark to see anything; then she looked at the sides of the well, and noticed that they were filled with cupboards and book-shelves; here and there she saw maps and pictures hung upon pegs. She took down a jar from one of the shelves as she passed; it was labelled "ORANGE MARMALADE", but to her great disappointment it was empty: she did not like to drop the jar for fear of killing somebody underneath, so managed to put it into one of the cupboards as she fell past it.`,
  `"Well!" thought Alice to herself, "after such a fall as this, I shall think nothing of tumbling down stairs! How brave they'll all think me at home! Why, I wouldn't say anything about it, even if I fell off the top of the house!" (Which was very likely true.)`,
  `Down, down, down. Would the fall never come to an end? "I wonder how many miles I've fallen by this time?" she said aloud. "I must be getting somewhere near the centre of the earth. Let me see: that would be four thousand miles down, I think--" (for, you see, Alice had learnt several things of this sort in her lessons in the schoolroom, and though this was not a very good opportunity for showing off her knowledge, as there was no one to listen to her, still it was good practice to say it over) "--yes, that's about the right distance--but then I wonder what Latitude or Longitude I've got to?" (Alice had no idea what Latitude was, or Longitude either, but thought they were nice grand words to say.)`,
  `Presently she began again. "I wonder if I shall fall right through the earth! How funny it'll seem to come out among the people that walk with their heads downward! The Antipathies, I think--" (she was rather glad there was no one listening, this time, as it didn't sound at all the right word) "--but I shall have to ask them what the name of the country is, you know. Please, Ma'am, is this New Zealand or Australia?" (and she tried to curtsey as she spoke--fancy curtseying as you're falling through the air! Do you think you could manage it?) "And what an ignorant little girl she'll think me for asking! No, it'll never do to ask: perhaps I shall see it written up somewhere."`,
  `Down, down, down. There was nothing else to do, so Alice soon began talking again. "Dinah'll miss me very much to-night, I should think!" (Dinah was the cat.) "I hope they'll remember her saucer of milk at tea-time. Dinah my dear! I wish you were down here with me! There are no mice in the air, I'm afraid, but you might catch a bat, and that's very like a mouse, you know. But do cats eat bats, I wonder?" And here Alice began to get rather sleepy, and went on saying to herself, in a dreamy sort of way, "Do cats eat bats? Do cats eat bats?" and sometimes, "Do bats eat cats?" for, you see, as she couldn't answer either question, it didn't much matter which way she put it. She felt that she was dozing off, and had just begun to dream that she was walking hand in hand with Dinah, and saying to her very earnestly, "Now, Dinah, tell me the truth: did you ever eat a bat?" when suddenly, thump! thump! down she came upon a heap of sticks and dry leaves, and the fall was over.`,
  `Alice was not a bit hurt, and she jumped up on to her feet in a moment: she looked up, but it was all dark overhead; before her was another long passage, and the White Rabbit was still in sight, hurrying down it. There was not a moment to be lost: away went Alice like the wind, and was just in time to hear it say, as it turned a corner, "Oh my ears and whiskers, how late it's getting!" She was close behind it when she turned the corner, but the Rabbit was no longer to be seen: she found herself in a long, low hall, which was lit up by a row of lamps hanging from the roof.`,
  `There were doors all round the hall, but they were all locked; and when Alice had been all the way down one side and up the other, trying every door, she walked sadly down the middle, wondering how she was ever to get out again.`,
  `Suddenly she came upon a little three-legged table, all made of solid glass; there was nothing on it except a tiny golden key, and Alice's first thought was that it might belong to one of the doors of the hall; but, alas! either the locks were too large, or the key was too small, but at any rate it would not open any of them. However, on the second time round, she came upon a low curtain she had not noticed before, and behind it was a little door about fifteen inches high: she tried the little golden key in the lock, and to her great delight it fitted!`,
  `Alice opened the door and found that it led into a small passage, not much larger than a rat-hole: she knelt down and looked along the passage into the loveliest garden you ever saw. How she longed to get out of that dark hall, and wander about among those beds of bright flowers and those cool fountains, but she could not even get her head through the doorway; "and even if my head would go through," thought poor Alice, "it would be of very little use without my shoulders. Oh, how I wish I could shut up like a telescope! I think I could, if I only knew how to begin." For, you see, so many out-of-the-way things had happened lately, that Alice had begun to think that very few things indeed were really impossible.`,
  `There seemed to be no use in waiting by the little door, so she went back to the table, half hoping she might find another key on it, or at any rate a book of rules for shutting people up like telescopes: this time she found a little bottle on it, ("which certainly was not here before," said Alice,) and round the neck of the bottle was a paper label, with the words "DRINK ME," beautifully printed on it in large letters.`,
  `It was all very well to say "Drink me," but the wise little Alice was not going to do that in a hurry. "No, I'll look first," she said, "and see whether it's marked 'poison' or not"; for she had read several nice little histories about children who had got burnt, and eaten up by wild beasts and other unpleasant things, all because they would not remember the simple rules their friends had taught them: such as, that a red-hot poker will burn you if you hold it too long; and that if you cut your finger very deeply with a knife, it usually bleeds; and she had never forgotten that, if you drink much from a bottle marked "poison," it is almost certain to disagree with you, sooner or later.`,
  `However, this bottle was not marked "poison," so Alice ventured to taste it, and finding it very nice, (it had, in fact, a sort of mixed flavour of cherry-tart, custard, pine-apple, roast turkey, toffee, and hot buttered toast,) she very soon finished it off.`,
];

/**
 * 57 well-known Tang poems (五言/七言绝句 and 律诗), text only: no titles or authors, one poem per line,
 * as usually printed in simplified characters. Titles are in the comments.
 */
const TANG_POEMS: readonly string[] = [
  // 李白
  '床前明月光，疑是地上霜。举头望明月，低头思故乡。', // 静夜思
  '日照香炉生紫烟，遥看瀑布挂前川。飞流直下三千尺，疑是银河落九天。', // 望庐山瀑布
  '朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。', // 早发白帝城
  '故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。', // 黄鹤楼送孟浩然之广陵
  '李白乘舟将欲行，忽闻岸上踏歌声。桃花潭水深千尺，不及汪伦送我情。', // 赠汪伦
  '天门中断楚江开，碧水东流至此回。两岸青山相对出，孤帆一片日边来。', // 望天门山
  '危楼高百尺，手可摘星辰。不敢高声语，恐惊天上人。', // 夜宿山寺
  '众鸟高飞尽，孤云独去闲。相看两不厌，只有敬亭山。', // 独坐敬亭山
  '青山横北郭，白水绕东城。此地一为别，孤蓬万里征。浮云游子意，落日故人情。挥手自兹去，萧萧班马鸣。', // 送友人
  // 杜甫
  '风急天高猿啸哀，渚清沙白鸟飞回。无边落木萧萧下，不尽长江滚滚来。万里悲秋常作客，百年多病独登台。艰难苦恨繁霜鬓，潦倒新停浊酒杯。', // 登高
  '国破山河在，城春草木深。感时花溅泪，恨别鸟惊心。烽火连三月，家书抵万金。白头搔更短，浑欲不胜簪。', // 春望
  '两个黄鹂鸣翠柳，一行白鹭上青天。窗含西岭千秋雪，门泊东吴万里船。', // 绝句
  '迟日江山丽，春风花草香。泥融飞燕子，沙暖睡鸳鸯。', // 绝句
  '好雨知时节，当春乃发生。随风潜入夜，润物细无声。野径云俱黑，江船火独明。晓看红湿处，花重锦官城。', // 春夜喜雨
  '岱宗夫如何，齐鲁青未了。造化钟神秀，阴阳割昏晓。荡胸生曾云，决眦入归鸟。会当凌绝顶，一览众山小。', // 望岳
  '黄四娘家花满蹊，千朵万朵压枝低。留连戏蝶时时舞，自在娇莺恰恰啼。', // 江畔独步寻花
  // 王维
  '红豆生南国，春来发几枝。愿君多采撷，此物最相思。', // 相思
  '空山不见人，但闻人语响。返景入深林，复照青苔上。', // 鹿柴
  '人闲桂花落，夜静春山空。月出惊山鸟，时鸣春涧中。', // 鸟鸣涧
  '独坐幽篁里，弹琴复长啸。深林人不知，明月来相照。', // 竹里馆
  '独在异乡为异客，每逢佳节倍思亲。遥知兄弟登高处，遍插茱萸少一人。', // 九月九日忆山东兄弟
  '渭城朝雨浥轻尘，客舍青青柳色新。劝君更尽一杯酒，西出阳关无故人。', // 送元二使安西
  '空山新雨后，天气晚来秋。明月松间照，清泉石上流。竹喧归浣女，莲动下渔舟。随意春芳歇，王孙自可留。', // 山居秋暝
  // 孟浩然
  '春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。', // 春晓
  '荆吴相接水为乡，君去春江正渺茫。日暮征帆何处泊，天涯一望断人肠。', // 送杜十四之江南
  '移舟泊烟渚，日暮客愁新。野旷天低树，江清月近人。', // 宿建德江
  '故人具鸡黍，邀我至田家。绿树村边合，青山郭外斜。开轩面场圃，把酒话桑麻。待到重阳日，还来就菊花。', // 过故人庄
  // 王之涣、王翰、王昌龄、高适
  '白日依山尽，黄河入海流。欲穷千里目，更上一层楼。', // 王之涣 登鹳雀楼
  '黄河远上白云间，一片孤城万仞山。羌笛何须怨杨柳，春风不度玉门关。', // 王之涣 凉州词
  '葡萄美酒夜光杯，欲饮琵琶马上催。醉卧沙场君莫笑，古来征战几人回。', // 王翰 凉州词
  '秦时明月汉时关，万里长征人未还。但使龙城飞将在，不教胡马度阴山。', // 王昌龄 出塞
  '寒雨连江夜入吴，平明送客楚山孤。洛阳亲友如相问，一片冰心在玉壶。', // 王昌龄 芙蓉楼送辛渐
  '青海长云暗雪山，孤城遥望玉门关。黄沙百战穿金甲，不破楼兰终不还。', // 王昌龄 从军行
  '千里黄云白日曛，北风吹雁雪纷纷。莫愁前路无知己，天下谁人不识君。', // 高适 别董大
  // 白居易
  '离离原上草，一岁一枯荣。野火烧不尽，春风吹又生。远芳侵古道，晴翠接荒城。又送王孙去，萋萋满别情。', // 赋得古原草送别
  '一道残阳铺水中，半江瑟瑟半江红。可怜九月初三夜，露似真珠月似弓。', // 暮江吟
  '小娃撑小艇，偷采白莲回。不解藏踪迹，浮萍一道开。', // 池上
  // 杜牧、李商隐
  '清明时节雨纷纷，路上行人欲断魂。借问酒家何处有，牧童遥指杏花村。', // 杜牧 清明
  '千里莺啼绿映红，水村山郭酒旗风。南朝四百八十寺，多少楼台烟雨中。', // 杜牧 江南春
  '远上寒山石径斜，白云生处有人家。停车坐爱枫林晚，霜叶红于二月花。', // 杜牧 山行
  '烟笼寒水月笼沙，夜泊秦淮近酒家。商女不知亡国恨，隔江犹唱后庭花。', // 杜牧 泊秦淮
  '向晚意不适，驱车登古原。夕阳无限好，只是近黄昏。', // 李商隐 登乐游原
  '君问归期未有期，巴山夜雨涨秋池。何当共剪西窗烛，却话巴山夜雨时。', // 李商隐 夜雨寄北
  // 柳宗元、李绅、骆宾王、张继、孟郊、贺知章、刘禹锡、贾岛、刘长卿、韦应物、卢纶、韩愈
  '千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。', // 柳宗元 江雪
  '春种一粒粟，秋收万颗子。四海无闲田，农夫犹饿死。', // 李绅 悯农
  '锄禾日当午，汗滴禾下土。谁知盘中餐，粒粒皆辛苦。', // 李绅 悯农
  '鹅，鹅，鹅，曲项向天歌。白毛浮绿水，红掌拨清波。', // 骆宾王 咏鹅
  '月落乌啼霜满天，江枫渔火对愁眠。姑苏城外寒山寺，夜半钟声到客船。', // 张继 枫桥夜泊
  '慈母手中线，游子身上衣。临行密密缝，意恐迟迟归。谁言寸草心，报得三春晖。', // 孟郊 游子吟
  '少小离家老大回，乡音无改鬓毛衰。儿童相见不相识，笑问客从何处来。', // 贺知章 回乡偶书
  '碧玉妆成一树高，万条垂下绿丝绦。不知细叶谁裁出，二月春风似剪刀。', // 贺知章 咏柳
  '朱雀桥边野草花，乌衣巷口夕阳斜。旧时王谢堂前燕，飞入寻常百姓家。', // 刘禹锡 乌衣巷
  '松下问童子，言师采药去。只在此山中，云深不知处。', // 贾岛 寻隐者不遇
  '日暮苍山远，天寒白屋贫。柴门闻犬吠，风雪夜归人。', // 刘长卿 逢雪宿芙蓉山主人
  '独怜幽草涧边生，上有黄鹂深树鸣。春潮带雨晚来急，野渡无人舟自横。', // 韦应物 滁州西涧
  '林暗草惊风，将军夜引弓。平明寻白羽，没在石棱中。', // 卢纶 塞下曲
  '天街小雨润如酥，草色遥看近却无。最是一年春好处，绝胜烟柳满皇都。', // 韩愈 早春呈水部张十八员外
];

/** The texts themselves: paragraphs (en) or poems (zh) joined by "\n". */
export const CORPUS: Readonly<Record<Language, string>> = {
  en: ALICE_CHAPTER_1.join('\n'),
  zh: TANG_POEMS.join('\n'),
};

const vocabs = new Map<Language, Vocab>();

/** The characters of a corpus (specials first, then by code point); cached. */
export function corpusVocab(language: Language): Vocab {
  let v = vocabs.get(language);
  if (!v) {
    v = charVocab([CORPUS[language]]);
    vocabs.set(language, v);
  }
  return v;
}

/**
 * Next-character prediction: each example is a window of `len` characters at a random offset of
 * the corpus; its target is the same window shifted one character on (target[t] = the character
 * after input[t]). Seeded; inLen = outLen = len; no EOS or PAD.
 */
export function charLmTask(n: number, len: number, seed: number, language: Language): SeqTask {
  const vocab = corpusVocab(language);
  const ids = encode(vocab, Array.from(CORPUS[language]));
  if (ids.length < len + 2) throw new RangeError(`the ${language} corpus is shorter than ${len + 1} characters`);
  return charWindows(vocab, ids, n, len, seed);
}

