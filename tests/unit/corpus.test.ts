import { describe, expect, it } from 'vitest';
import { CORPUS, CORPUS_SOURCES, charLmTask, corpusVocab } from '../../src/data/corpus';
import { decode, row } from '../../src/data/sequences';
import type { Language } from '../../src/models/spec';

const LANGS: Language[] = ['en', 'zh'];
const CJK = /[\u4e00-\u9fff]/;

describe('CORPUS', () => {
  it('ships about 6,000–9,000 characters of Alice, chapter I, in a small ASCII character set', () => {
    const en = CORPUS.en;
    expect(en.length).toBeGreaterThanOrEqual(6000);
    expect(en.length).toBeLessThanOrEqual(9000);
    expect(en).toMatch(/^[A-Za-z0-9 \n!"'(),\-.:;?]+$/);
    expect(new Set(en).size).toBeLessThan(70);
    expect(en.startsWith('Alice was beginning to get very tired of sitting by her sister on the bank')).toBe(true);
    expect(en).toContain('"Oh dear! Oh dear! I shall be late!"');
    expect(en).not.toMatch(/ {2}|\n\n|^\s|\s$/);
  });

  it('ships 40–60 classical poems, one per line, with full-width punctuation', () => {
    const lines = CORPUS.zh.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(40);
    expect(lines.length).toBeLessThanOrEqual(60);
    expect(new Set(lines).size).toBe(lines.length);
    for (const line of lines) {
      expect(line).toMatch(/^[\u4e00-\u9fff，。]+$/);
      expect(line.endsWith('。')).toBe(true);
    }
    expect(CORPUS.zh).toContain('床前明月光，疑是地上霜。');
    expect(CORPUS.zh).toContain('春眠不觉晓，处处闻啼鸟。');
    expect(CORPUS.zh).toContain('白日依山尽，黄河入海流。欲穷千里目，更上一层楼。');
    expect(CORPUS.zh).not.toMatch(/[,.]/); // no half-width punctuation
  });

  it('names a source for each language', () => {
    expect(CORPUS_SOURCES.en).toContain('Alice');
    expect(CORPUS_SOURCES.zh).toContain('唐诗');
  });
});

describe('corpusVocab', () => {
  it('puts the specials first, then every corpus character once, and is cached', () => {
    for (const lang of LANGS) {
      const v = corpusVocab(lang);
      expect(v.tokens.slice(0, 4)).toEqual(['<pad>', '<bos>', '<eos>', '<sep>']);
      expect(v.tokens.length).toBe(4 + new Set(CORPUS[lang]).size);
      for (const c of new Set(CORPUS[lang])) expect(v.index.has(c)).toBe(true);
      expect(corpusVocab(lang)).toBe(v);
    }
  });
});

describe('charLmTask', () => {
  const n = 20;
  const len = 16;

  it('gives n×len windows whose targets are the inputs shifted by one', () => {
    for (const lang of LANGS) {
      const task = charLmTask(n, len, 7, lang);
      expect(task.inputs.length).toBe(n * len);
      expect(task.targets.length).toBe(n * len);
      expect(task.inLen).toBe(len);
      expect(task.outLen).toBe(len);
      for (let i = 0; i < n; i++) {
        const inp = row(task.inputs, len, i);
        const tgt = row(task.targets, len, i);
        for (let t = 0; t + 1 < len; t++) expect(tgt[t]).toBe(inp[t + 1]);
        for (const id of inp) expect(id).toBeGreaterThanOrEqual(4);
        const window = decode(task.vocab, inp, { raw: true }).join('') + task.vocab.tokens[tgt[len - 1]];
        expect(CORPUS[lang].includes(window)).toBe(true);
      }
    }
  });

  it('is reproducible by seed', () => {
    for (const lang of LANGS) {
      const a = charLmTask(n, len, 11, lang);
      const b = charLmTask(n, len, 11, lang);
      const c = charLmTask(n, len, 12, lang);
      expect(Array.from(b.inputs)).toEqual(Array.from(a.inputs));
      expect(Array.from(b.targets)).toEqual(Array.from(a.targets));
      expect(Array.from(c.inputs)).not.toEqual(Array.from(a.inputs));
    }
  });

  it('keeps Chinese characters whole', () => {
    const task = charLmTask(n, len, 3, 'zh');
    for (let i = 0; i < n; i++) {
      const chars = decode(task.vocab, row(task.inputs, len, i), { raw: true });
      expect(chars).toHaveLength(len);
      for (const c of chars) expect(Array.from(c)).toHaveLength(1);
      expect(chars.some((c) => CJK.test(c))).toBe(true);
    }
  });

  it('rejects windows longer than the corpus', () => {
    expect(() => charLmTask(1, CORPUS.en.length, 1, 'en')).toThrow(RangeError);
  });
});
