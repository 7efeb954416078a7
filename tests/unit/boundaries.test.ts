import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The folder rules of docs/ARCHITECTURE.md, enforced by scripts/lint/boundaries.mjs through ESLint.
const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result.messages.filter((m) => m.ruleId === 'gg/boundaries').map((m) => m.message);
}

describe('folder boundaries (lint)', () => {
  it.each([
    ['a lab imports another lab', 'src/labs/images/Fixture.ts', "import { SequenceLab } from '../sequences/SequenceLab';\nexport const x = SequenceLab;\n"],
    ['a chart reads the store', 'src/charts/Fixture.ts', "import { useAppStore } from '../store/context';\nexport const x = useAppStore;\n"],
    ['a small control reads the store', 'src/ui/Fixture.ts', "import { useAppStore } from '../store/context';\nexport const x = useAppStore;\n"],
    ['data imports models', 'src/data/Fixture.ts', "import { analyze } from '../models/analysis';\nexport const x = analyze;\n"],
    ['models import a lab', 'src/models/Fixture.ts', "import { PointsLab } from '../labs/points/PointsLab';\nexport const x = PointsLab;\n"],
    ['training imports the store', 'src/training/Fixture.ts', "import { createAppStore } from '../store/createAppStore';\nexport const x = createAppStore;\n"],
    ['the store imports a panel', 'src/store/Fixture.ts', "import { DataPanel } from '../panels/DataPanel';\nexport const x = DataPanel;\n"],
    ['a lesson imports a lab', 'src/lessons/Fixture.ts', "import { PointsLab } from '../labs/points/PointsLab';\nexport const x = PointsLab;\n"],
    ['the store imports the lessons', 'src/store/Fixture.ts', "import { LESSONS } from '../lessons';\nexport const x = LESSONS;\n"],
    ['a chart imports training code at run time', 'src/charts/Fixture.ts', "import { transferablesOf } from '../training/protocol';\nexport const x = transferablesOf;\n"],
  ])('fails when %s', async (_what, file, code) => {
    expect(await boundaryErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['a lab imports panels, charts, the store and models', 'src/labs/images/Fixture.ts', "import { DataPanel } from '../../panels/DataPanel';\nimport { LossChart } from '../../charts/LossChart';\nimport { useAppStore } from '../../store/context';\nimport { analyze } from '../../models/analysis';\nexport const x = [DataPanel, LossChart, useAppStore, analyze];\n"],
    ['the lessons import the store, panels, charts and models', 'src/lessons/Fixture.ts', "import { useAppStore } from '../store/context';\nimport { DataPanel } from '../panels/DataPanel';\nimport { formatValue } from '../charts/format';\nimport { analyze } from '../models/analysis';\nexport const x = [useAppStore, DataPanel, formatValue, analyze];\n"],
    ['the app imports the lessons', 'src/app/Fixture.ts', "import { LESSONS } from '../lessons';\nexport const x = LESSONS;\n"],
    ['a chart imports wire types', 'src/charts/Fixture.ts', "import type { Probes } from '../training/protocol';\nexport type X = Probes;\n"],
    ['the lab registry names every lab', 'src/labs/index.ts', "import { PointsLab } from './points/PointsLab';\nimport { ImageLab } from './images/ImageLab';\nexport const x = [PointsLab, ImageLab];\n"],
  ])('allows %s', async (_what, file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

describe('module graph', () => {
  it('has no import cycles under src/', () => {
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    const files = walk(join(root, 'src')).filter((f) => /\.tsx?$/.test(f));
    const known = new Set(files);
    const edges = new Map<string, string[]>();
    for (const f of files) {
      const specs = [...readFileSync(f, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]);
      const targets = specs
        .map((s) => resolve(dirname(f), s))
        .map((p) => ['.ts', '.tsx', '/index.ts'].map((e) => p + e).find((c) => known.has(c)))
        .filter((p): p is string => !!p);
      edges.set(f, targets);
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(root, p)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const t of edges.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
