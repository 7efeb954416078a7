import { describe, expect, it } from 'vitest';
import { imageClassNames } from '../../src/panels/imageClassNames';
import { translate } from '../../src/i18n';

describe('imageClassNames', () => {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('zh-CN', key, vars);
  it('names digits, the shapes in the reader’s language, and the learner’s own classes', () => {
    expect(imageClassNames({ kind: 'mnist' }, t)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const shapes = imageClassNames({ kind: 'shapes' }, t);
    expect(shapes).toHaveLength(4);
    expect(shapes.every((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    // Own images: their own names and count (the image lab used to print the shapes' four names here).
    const own = imageClassNames({ kind: 'ownImages', images: { hash: 'x', classes: ['cat', 'dog', 'bird'], counts: [5, 5, 5] } }, t);
    expect(own).toEqual(['cat', 'dog', 'bird']);
    expect(imageClassNames({ kind: 'ownImages', images: null }, t)).toEqual([]);
  });
});
