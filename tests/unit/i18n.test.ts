import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLocale, isLocale, isMessageKey, LOCALES, translate, translateDynamic, type MessageKey } from '../../src/i18n';
import type { Entry } from '../../src/i18n/define';
import { common } from '../../src/i18n/messages/common.messages';
import { controls } from '../../src/i18n/messages/controls.messages';
import { errors } from '../../src/i18n/messages/errors.messages';
import { charts } from '../../src/i18n/messages/charts.messages';
import { lessons } from '../../src/i18n/messages/lessons.messages';
import { analyze } from '../../src/models/analysis';
import { decodeExperimentFile, decodeLink } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { readPlayground, writePlayground } from '../../src/models/playground';
import { datasetMismatch } from '../../src/models/fit';

const AREAS: Record<string, Record<string, Entry>> = { common, controls, errors, charts, lessons };
const ALL: [string, Entry][] = Object.values(AREAS).flatMap((a) => Object.entries(a));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  it('has messages at all', () => {
    expect(ALL.length).toBeGreaterThan(50);
  });

  it('defines each key in exactly one area', () => {
    const keys = ALL.map(([k]) => k);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes).toEqual([]);
  });

  it.each(ALL)('%s has non-empty text in every locale', (_key, entry) => {
    expect(Object.keys(entry).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) {
      expect(typeof entry[locale]).toBe('string');
      expect(entry[locale].trim().length).toBeGreaterThan(0);
    }
  });

  it.each(ALL)('%s uses the same placeholders in zh-CN as in en', (_key, entry) => {
    expect(placeholders(entry['zh-CN'])).toEqual(placeholders(entry.en));
  });

  it('has balanced braces (no typo such as "{name" or "name}")', () => {
    for (const [key, entry] of ALL) {
      for (const locale of LOCALES) {
        const stripped = entry[locale].replace(/\{\w+\}/g, '');
        expect(/[{}]/.test(stripped), `${key} (${locale})`).toBe(false);
      }
    }
  });

  it('defines every message key the source code uses', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk(join(__dirname, '../../src'));
    const used = new Set<string>();
    for (const f of files) {
      if (f.includes(join('src', 'i18n'))) continue;
      for (const m of readFileSync(f, 'utf8').matchAll(/'((?:err|codec|engine|notice|run|lessons)\.[A-Za-z0-9_.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !isMessageKey(k))).toEqual([]);
  });
});

describe('translate', () => {
  it('picks the locale', () => {
    expect(translate('en', 'app.title')).toBe('Gradient Garden');
    expect(translate('zh-CN', 'app.title')).toBe('梯度花园');
  });

  it('substitutes variables, every occurrence, in both languages', () => {
    expect(translate('en', 'err.output.units', { units: 2, want: 3 })).toBe('The output layer has 2 neuron(s), but this dataset needs 3.');
    expect(translate('zh-CN', 'err.output.units', { units: 2, want: 3 })).toBe('输出层有 2 个神经元，但这个数据集需要 3 个。');
    expect(translate('en', 'err.param.range', { param: 'units', min: 1, max: 1024 })).toBe('“units” must be between 1 and 1024.');
  });

  it('leaves unknown placeholders and keys as they are', () => {
    expect(translate('en', 'err.output.units', { units: 2 })).toBe('The output layer has 2 neuron(s), but this dataset needs {want}.');
    expect(translate('en', 'err.output.units')).toContain('{units}');
    expect(translate('en', 'no.such.key' as MessageKey)).toBe('no.such.key');
    expect(translateDynamic('zh-CN', 'no.such.key')).toBe('no.such.key');
    expect(translateDynamic('zh-CN', 'codec.notJson')).toBe('它不是有效的 JSON');
  });

  it('substitutes only the variables given (0 included)', () => {
    expect(translate('en', 'viz.net.hidden', {})).toBe('Hidden layer {n}');
    expect(translate('en', 'viz.net.hidden', { n: 0 })).toBe('Hidden layer 0');
  });

  it('isMessageKey knows only own keys', () => {
    expect(isMessageKey('app.title')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
    expect(isMessageKey('')).toBe(false);
  });

  it('fills every placeholder of the errors the app actually produces', () => {
    const net = readPlayground(defaultExperiment().network)!;
    net.output.units = 3;
    const mismatch = datasetMismatch({ ...defaultExperiment(), network: writePlayground(net, 2) })!;
    const produced: { key: string; vars?: Record<string, string | number> }[] = [
      { key: mismatch.key, vars: { ...mismatch.vars, node: mismatch.nodeId } },
      ...analyze({
        nodes: [
          { id: 'a', type: 'Input', params: { shape: [2] }, inputs: [] },
          { id: 'a', type: 'Input', params: { shape: [2] }, inputs: [] },
          { id: 'b', type: 'Mystery', params: {}, inputs: ['a'] },
          { id: 'c', type: 'Dense', params: { units: 0 }, inputs: ['a'] },
          { id: 'd', type: 'Dense', params: { units: 1.5 }, inputs: ['a'] },
          { id: 'e', type: 'Dense', params: { units: 2, activation: 'x' }, inputs: ['a'] },
          { id: 'f', type: 'Dense', params: { units: 2 }, inputs: ['zz'] },
          { id: 'g', type: 'Dense', params: { units: 2 }, inputs: ['a', 'a'] },
          { id: 'h', type: 'Dense', params: { units: 2 }, inputs: [] },
          { id: 'i', type: 'Input', params: { shape: [2] }, inputs: ['a'] },
          { id: 'j', type: 'Dense', params: { units: 2 }, inputs: ['k'] },
          { id: 'k', type: 'Dense', params: { units: 2 }, inputs: ['j'] },
          { id: 'l', type: 'Dropout', params: { rate: 'high' }, inputs: ['a'] },
          { id: 'm', type: 'Dense', params: { units: 2, useBias: 0 }, inputs: ['a'] },
        ],
      }).errors.map((e) => e.error),
    ];
    for (const text of ['{', '[]', 'null', JSON.stringify({ ...defaultExperiment(), version: 9 }), JSON.stringify({ version: 1, network: { nodes: [] } })]) {
      const r = decodeExperimentFile(text);
      if (!r.ok) produced.push(r.error);
    }
    for (const fragment of ['', 's=@@', `s=${'A'.repeat(300_000)}`]) {
      const r = decodeLink(fragment);
      if (!r.ok) produced.push(r.error);
    }
    expect(produced.length).toBeGreaterThan(15);
    for (const { key, vars } of produced) {
      expect(isMessageKey(key), key).toBe(true);
      for (const locale of LOCALES) expect(translateDynamic(locale, key, vars), `${key} ${locale}`).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('detectLocale', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['ZH-hk'], 'zh-CN'],
    [['en-US'], 'en'],
    [['fr'], 'en'],
    [['fr', 'de'], 'en'],
    [['de', 'zh'], 'zh-CN'],
    [['en', 'zh-CN'], 'en'],
    [[], 'en'],
  ])('%j → %s', (languages, locale) => {
    expect(detectLocale(languages)).toBe(locale);
  });

  it('isLocale accepts only supported locales', () => {
    expect(isLocale('en')).toBe(true);
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('zh-TW')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(isLocale(1)).toBe(false);
  });
});
