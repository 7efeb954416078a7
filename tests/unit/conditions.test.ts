import { describe, expect, it } from 'vitest';
import { evaluate, factType, parseCondition, type Facts } from '../../src/lessons/conditions';

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
