import { describe, it, expect } from 'vitest';
import { BOS, EOS, PAD, SEP, addTask, charVocab, copyTask, decode, encode, makeVocab, reverseTask, row, sentimentSet, sortTask, type SeqTask } from '../../src/data/sequences';
import { sineSeries, sineValue } from '../../src/data/sineSeries';
import { englishTokens, joinEnglishTokens, numberToChinese, numberToEnglish, numberWordsTask } from '../../src/data/numberWords';

/** Decoded (source, answer) strings of example i, tokens joined by spaces. */
const example = (task: SeqTask, i: number): [string, string] => [
  decode(task.vocab, row(task.inputs, task.inLen, i)).join(' '),
  decode(task.vocab, row(task.targets, task.outLen, i)).join(' '),
];

/** Checks shapes and that every target row is answer, one EOS, then only PAD. */
const expectWellFormed = (task: SeqTask, n: number): void => {
  expect(task.inputs.length).toBe(n * task.inLen);
  expect(task.targets.length).toBe(n * task.outLen);
  for (let i = 0; i < n; i++) {
    const t = Array.from(row(task.targets, task.outLen, i));
    const eos = t.indexOf(EOS);
    expect(eos).toBeGreaterThan(0);
    expect(t.slice(eos + 1).every((id) => id === PAD)).toBe(true);
    expect(t.slice(0, eos).every((id) => id > SEP)).toBe(true);
  }
};

describe('vocabulary', () => {
  it('reserves PAD, BOS, EOS, SEP at 0..3 and round-trips tokens', () => {
    const v = makeVocab(['a', 'b', 'a']);
    expect(v.tokens).toEqual(['<pad>', '<bos>', '<eos>', '<sep>', 'a', 'b']);
    expect([PAD, BOS, EOS, SEP]).toEqual([0, 1, 2, 3]);
    expect(encode(v, ['b', 'a'])).toEqual([5, 4]);
    expect(decode(v, [BOS, 5, 4, EOS, 4, PAD])).toEqual(['b', 'a']);
    expect(decode(v, [BOS, 5, EOS, PAD], { raw: true })).toEqual(['<bos>', 'b', '<eos>', '<pad>']);
    expect(() => encode(v, ['z'])).toThrow();
  });
});

describe('copy / reverse / sort', () => {
  it('reverses digits, e.g. 3 1 4 1 → 1 4 1 3', () => {
    const task = reverseTask(50, 4, 7);
    expectWellFormed(task, 50);
    expect(task.inLen).toBe(4);
    expect(task.outLen).toBe(5);
    for (let i = 0; i < 50; i++) {
      const [src, tgt] = example(task, i);
      expect(tgt).toBe(src.split(' ').reverse().join(' '));
    }
    // The hand example, encoded through the task's own vocabulary.
    const ids = encode(task.vocab, ['3', '1', '4', '1']);
    expect(decode(task.vocab, ids.reverse())).toEqual(['1', '4', '1', '3']);
  });

  it('copies and sorts', () => {
    const copy = copyTask(30, 6, 1);
    const sorted = sortTask(30, 6, 1);
    expectWellFormed(copy, 30);
    expectWellFormed(sorted, 30);
    for (let i = 0; i < 30; i++) {
      const [src, tgt] = example(copy, i);
      expect(tgt).toBe(src);
      const [ssrc, stgt] = example(sorted, i);
      expect(stgt).toBe(ssrc.split(' ').map(Number).sort((a, b) => a - b).join(' '));
      expect(ssrc.split(' ')).toHaveLength(6);
    }
  });

  it('is reproducible for a seed and differs between seeds', () => {
    expect(copyTask(20, 5, 3)).toEqual(copyTask(20, 5, 3));
    expect(copyTask(20, 5, 3).inputs).not.toEqual(copyTask(20, 5, 4).inputs);
    expect(sortTask(20, 5, 3).targets).not.toEqual(sortTask(20, 5, 4).targets);
  });
});

describe('addTask', () => {
  it('writes a+b and the correct sum, carries included', () => {
    const task = addTask(200, 3, 11);
    expectWellFormed(task, 200);
    expect(task.inLen).toBe(7);
    expect(task.outLen).toBe(5);
    let carries = 0;
    for (let i = 0; i < 200; i++) {
      const [src, tgt] = example(task, i);
      const [a, b] = src.replace(/ /g, '').split('+').map(Number);
      expect(Number(tgt.replace(/ /g, ''))).toBe(a + b);
      expect(tgt.startsWith('0') && tgt !== '0').toBe(false);
      if (a + b >= 1000) carries++;
    }
    expect(carries).toBeGreaterThan(0);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    expect(addTask(20, 4, 9)).toEqual(addTask(20, 4, 9));
    expect(addTask(20, 4, 9).inputs).not.toEqual(addTask(20, 4, 10).inputs);
  });
});

describe('number words', () => {
  it('spells English', () => {
    const expected: Record<number, string> = {
      0: 'zero',
      7: 'seven',
      13: 'thirteen',
      20: 'twenty',
      45: 'forty-five',
      100: 'one hundred',
      312: 'three hundred twelve',
      999: 'nine hundred ninety-nine',
      1005: 'one thousand five',
    };
    for (const [n, words] of Object.entries(expected)) expect(numberToEnglish(Number(n))).toBe(words);
    expect(englishTokens('nine hundred ninety-nine')).toEqual(['nine', 'hundred', 'ninety', '-', 'nine']);
    expect(joinEnglishTokens(['nine', 'hundred', 'ninety', '-', 'nine'])).toBe('nine hundred ninety-nine');
  });

  it('spells Chinese', () => {
    const expected: Record<number, string> = {
      0: '零',
      10: '十',
      12: '十二',
      20: '二十',
      105: '一百零五',
      110: '一百一十',
      312: '三百一十二',
      999: '九百九十九',
      1001: '一千零一',
      1010: '一千零一十',
      1100: '一千一百',
    };
    for (const [n, words] of Object.entries(expected)) expect(numberToChinese(Number(n))).toBe(words);
  });

  it('rejects numbers it cannot spell', () => {
    expect(() => numberToEnglish(-1)).toThrow();
    expect(() => numberToChinese(10000)).toThrow();
    expect(() => numberToEnglish(1.5)).toThrow();
  });

  for (const language of ['en', 'zh'] as const) {
    it(`maps ${language} words to digits and back`, () => {
      const spell = language === 'en' ? numberToEnglish : numberToChinese;
      const toDigits = numberWordsTask(100, 5, { language, direction: 'toDigits', max: 999 });
      const toWords = numberWordsTask(100, 5, { language, direction: 'toWords', max: 999 });
      expectWellFormed(toDigits, 100);
      expectWellFormed(toWords, 100);
      expect(toDigits.vocab).toEqual(toWords.vocab);
      for (let i = 0; i < 100; i++) {
        const words = decode(toDigits.vocab, row(toDigits.inputs, toDigits.inLen, i));
        const value = Number(decode(toDigits.vocab, row(toDigits.targets, toDigits.outLen, i)).join(''));
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(999);
        const text = language === 'en' ? joinEnglishTokens(words) : words.join('');
        expect(text).toBe(spell(value));
        // Same seed, other direction: the same value with source and answer swapped.
        expect(Array.from(row(toWords.inputs, toWords.inLen, i)).filter((id) => id !== PAD)).toEqual(
          Array.from(row(toDigits.targets, toDigits.outLen, i)).filter((id) => id !== PAD && id !== EOS),
        );
        expect(decode(toWords.vocab, row(toWords.targets, toWords.outLen, i))).toEqual(words);
      }
    });
  }

  it('fits the longest spelling and is reproducible', () => {
    const en = numberWordsTask(10, 1, { language: 'en', direction: 'toDigits' });
    expect(en.inLen).toBe(englishTokens(numberToEnglish(777)).length); // seven hundred seventy - seven
    expect(en.outLen).toBe(4);
    const zh = numberWordsTask(10, 1, { language: 'zh', direction: 'toWords', max: 9999 });
    expect(zh.inLen).toBe(4);
    expect(zh.outLen).toBe(8); // 九千九百九十九 + EOS
    expect(numberWordsTask(30, 2, { language: 'zh', direction: 'toDigits' })).toEqual(
      numberWordsTask(30, 2, { language: 'zh', direction: 'toDigits' }),
    );
    expect(numberWordsTask(30, 2, { language: 'zh', direction: 'toDigits' }).inputs).not.toEqual(
      numberWordsTask(30, 3, { language: 'zh', direction: 'toDigits' }).inputs,
    );
  });
});

describe('sineSeries', () => {
  for (const sumOfSines of [false, true]) {
    it(`continues the ${sumOfSines ? 'sum of sines' : 'sine'} in the targets`, () => {
      const s = sineSeries(20, { window: 16, horizon: 4, noise: 0, sumOfSines }, 8);
      expect(s.inputs.length).toBe(20 * 16);
      expect(s.targets.length).toBe(20 * 4);
      for (let i = 0; i < 20; i++) {
        const w = s.waves[i];
        expect(w).toHaveLength(sumOfSines ? 3 : 1);
        const { frequency, phase } = w[0];
        for (let t = 0; t < 16; t++) expect(Math.abs(s.inputs[i * 16 + t] - sineValue(w, t))).toBeLessThan(1e-5);
        for (let h = 0; h < 4; h++) {
          expect(Math.abs(s.targets[i * 4 + h] - sineValue(w, 16 + h))).toBeLessThan(1e-5);
          if (!sumOfSines) {
            expect(Math.abs(s.targets[i * 4 + h] - Math.sin(2 * Math.PI * frequency * (16 + h) + phase))).toBeLessThan(1e-5);
          }
        }
      }
    });
  }

  it('adds gaussian noise to the inputs only', () => {
    const clean = sineSeries(50, { window: 20, horizon: 3, noise: 0, sumOfSines: false }, 2);
    const noisy = sineSeries(50, { window: 20, horizon: 3, noise: 0.1, sumOfSines: false }, 2);
    let sq = 0;
    for (let i = 0; i < 50; i++) {
      for (let t = 0; t < 20; t++) sq += (noisy.inputs[i * 20 + t] - sineValue(noisy.waves[i], t)) ** 2;
      for (let h = 0; h < 3; h++) {
        expect(Math.abs(noisy.targets[i * 3 + h] - sineValue(noisy.waves[i], 20 + h))).toBeLessThan(1e-5);
      }
    }
    const sd = Math.sqrt(sq / (50 * 20));
    expect(sd).toBeGreaterThan(0.08);
    expect(sd).toBeLessThan(0.12);
    expect(clean.inputs).not.toEqual(noisy.inputs);
  });

  it('varies phase and frequency per example, reproducibly per seed', () => {
    const opts = { window: 10, horizon: 2, noise: 0.05, sumOfSines: true };
    const a = sineSeries(10, opts, 1);
    expect(a).toEqual(sineSeries(10, opts, 1));
    expect(a.inputs).not.toEqual(sineSeries(10, opts, 2).inputs);
    expect(new Set(a.waves.map((w) => w[0].frequency)).size).toBe(10);
    expect(new Set(a.waves.map((w) => w[0].phase)).size).toBe(10);
  });
});

describe('sentiment', () => {
  it('is balanced per language with labels 0 and 1', () => {
    const set = sentimentSet();
    for (const language of ['en', 'zh'] as const) {
      const items = set.filter((e) => e.language === language);
      expect(items.length).toBeGreaterThanOrEqual(40);
      expect(items.filter((e) => e.label === 1).length).toBe(items.filter((e) => e.label === 0).length);
    }
    expect(set.every((e) => e.label === 0 || e.label === 1)).toBe(true);
    expect(new Set(set.map((e) => e.text)).size).toBe(set.length);
  });

  it('builds a character vocabulary that covers every sentence', () => {
    const texts = sentimentSet().map((e) => e.text);
    const vocab = charVocab(texts);
    expect(vocab.tokens.slice(0, 4)).toEqual(['<pad>', '<bos>', '<eos>', '<sep>']);
    expect(charVocab([...texts].reverse())).toEqual(vocab);
    for (const t of texts) expect(decode(vocab, encode(vocab, Array.from(t))).join('')).toBe(t);
    expect(vocab.index.has('花')).toBe(true);
  });
});
