import { describe, expect, it } from 'vitest';
import { evaluate, factType, parseCondition, type Facts } from '../../src/lessons/conditions';
import { conditionErrorText } from '../../src/lessons/conditionText';

const facts: Facts = {
  epoch: 320,
  testAcc: 0.72,
  trainAcc: 0.95,
  dataset: 'xor',
  drawn: true,
  generated: false,
  trainLoss: null,
  'layer.Dense': 3,
  'feature.x1Sq': true,
};

function holds(src: string, f: Facts = facts): boolean {
  const parsed = parseCondition(src);
  if (!parsed.ok) throw new Error(`${parsed.error} at ${parsed.at}`);
  return evaluate(parsed.ast, f);
}

describe('condition language', () => {
  it.each([
    ['testAcc >= 0.7', true],
    ['testAcc >= 0.9', false],
    ['epoch >= 300 and testAcc < 0.75', true],
    ["dataset == 'xor' and layer.Dense >= 2", true],
    ["dataset != 'xor' or drawn", true],
    ['not drawn', false],
    ['not (epoch < 100) and feature.x1Sq == true', true],
    ['generated or epoch > 1e3', false],
    ['testAcc > 5e-1', true],
    ['drawn == true', true],
    ['layer.Conv2D >= 1', false],
    ['epoch >= 300 and testAcc < 0.75 or generated', true],
    ['generated or epoch >= 300 and testAcc < 0.5', false],
  ])('%s → %s', (src, want) => {
    expect(holds(src)).toBe(want);
  });

  it('binds and tighter than or, and not tighter than and', () => {
    expect(holds('drawn or generated and generated')).toBe(true);
    expect(holds('not generated and drawn')).toBe(true);
  });

  it('makes every comparison with a missing or null fact false', () => {
    expect(holds('trainLoss < 1')).toBe(false);
    expect(holds('trainLoss >= 1')).toBe(false);
    expect(holds('trainLoss != 1')).toBe(false);
    expect(holds('testLoss < 1')).toBe(false);
    expect(holds('heads == 4')).toBe(false);
    expect(holds('augmented')).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['testAcc >=', 'ends too early'],
    ['testAcc >= 0.9 and', 'ends too early'],
    ['(testAcc >= 0.9', 'expected ")"'],
    ['testAcc >= 0.9)', 'after the condition'],
    ["dataset == 'xor", 'unterminated'],
    ['testAcc => 0.9', 'unexpected'],
    ['testAccuracy >= 0.9', 'unknown fact "testAccuracy"'],
    ['layer.Dens >= 1', 'unknown fact'],
    ['feature.x3 == true', 'unknown fact'],
    ['shape.Dense >= 1', 'unknown fact'],
    ["testAcc == 'high'", 'cannot be compared'],
    ['dataset > 3', 'cannot be compared'],
    ["dataset < 'xor'", 'needs numbers'],
    ['drawn < true', 'needs numbers'],
    ['epoch', 'compare it'],
    ['and epoch > 1', 'needs something'],
    ['epoch > 1 # 2', 'unexpected character'],
    ['constructor == 1', 'unknown fact'],
    ['__proto__', 'unknown fact'],
  ])('rejects %j (%s) without throwing', (src, message) => {
    const parsed = parseCondition(src);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain(message);
      expect(parsed.at).toBeGreaterThanOrEqual(0);
      expect(parsed.at).toBeLessThanOrEqual(src.length);
    }
  });

  it('points at where the problem is', () => {
    const parsed = parseCondition('epoch > 1 and bogus == 2');
    expect(parsed).toMatchObject({ ok: false, at: 14 });
  });

  it('never throws on odd input', () => {
    for (const src of [')', '((((', "'", '-', '.', 'not', 'not not', '1', '1 == 1', "'a' == 'a'", 'true', '\u0000', 'a'.repeat(10_000)]) {
      expect(() => parseCondition(src)).not.toThrow();
    }
    expect(parseCondition(42 as unknown as string).ok).toBe(false);
    expect(holds('true')).toBe(true);
  });

  it('types the facts and families', () => {
    expect(factType('epoch')).toBe('number');
    expect(factType('dataset')).toBe('string');
    expect(factType('drawn')).toBe('boolean');
    expect(factType('layer.Dense')).toBe('number');
    expect(factType('feature.sinX1')).toBe('boolean');
    expect(factType('toString')).toBe(null);
  });
});

describe('condition errors in the reader’s language', () => {
  it.each([
    ['', 'empty', {}],
    ["dataset == 'xor", 'unterminated', {}],
    ['epoch > 1 # 2', 'badChar', { char: '#' }],
    ['testAcc >= 0.9)', 'trailing', { token: ')' }],
    ['(testAcc >= 0.9', 'unclosed', { expected: ')' }],
    ['(testAcc >= 0.9 epoch', 'expected', { expected: ')', token: 'epoch' }],
    ['and epoch > 1', 'needsLeft', { token: 'and' }],
    ['testAcc >=', 'endsEarly', {}],
    ['testAcc > > 0.9', 'unexpected', { token: '>' }],
    ['testAccuracy >= 0.9', 'unknownFact', { fact: 'testAccuracy' }],
    ['epoch', 'notBoolean', { operand: '"epoch"', type: 'number' }],
    ["testAcc == 'high'", 'typeMismatch', { left: '"testAcc"', leftType: 'number', right: '"high"', rightType: 'string' }],
    ["dataset < 'xor'", 'orderNeedsNumbers', { op: '<', type: 'string' }],
  ])('%j → %s with its variables', (src, code, vars) => {
    const parsed = parseCondition(src);
    expect(parsed).toMatchObject({ ok: false, code, vars });
  });

  it('has a message in both languages for every code, with the variables filled in', () => {
    const zh = (src: string) => {
      const parsed = parseCondition(src);
      if (parsed.ok) throw new Error('parsed');
      return conditionErrorText('zh-CN', parsed);
    };
    expect(zh('testAccuracy >= 0.9')).toBe('没有名为“testAccuracy”的量（第 1 个字符处）');
    expect(zh("dataset < 'xor'")).toBe('“<”只能比较数值，这里却是字符串：请用 == 或 !=（第 1 个字符处）');
    expect(zh("testAcc == 'high'")).toBe('"testAcc"（数值）不能和 "high"（字符串）比较（第 1 个字符处）');
    expect(zh('epoch > 1 and (testAcc')).toContain('第 23 个字符处');
    const en = parseCondition('testAcc >= 0.9 and');
    expect(!en.ok && conditionErrorText('en', en)).toBe('the condition ends too early (at character 19)');
    expect(!en.ok && conditionErrorText('en', en, false)).toBe('the condition ends too early');
    const codes = ['', "'", '#', '1 1', '(1 == 1', '(1 == 1 2', 'and', '1 ==', '== 1', 'bogus', 'epoch', "epoch == 'a'", "'a' < 'b'"];
    const seen = new Set<string>();
    for (const src of codes) {
      const parsed = parseCondition(src);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      seen.add(parsed.code);
      for (const locale of ['en', 'zh-CN'] as const) {
        const text = conditionErrorText(locale, parsed);
        expect(text).not.toMatch(/cond\.|\{\w+\}/);
        if (locale === 'zh-CN') expect(text).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(seen.size).toBe(13);
  });
});
