import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/models/analysis';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';
import { openTemplate } from '../../src/models/openTemplate';
import { modalityOf, type DatasetKind, type Experiment } from '../../src/models/spec';
import { TEMPLATES, templateModality } from '../../src/models/templates';
import { templateDataNotice } from '../../src/store/notices';

/** Starting points a learner may be on when opening a template: one or more per lab. */
const STARTS: DatasetKind[] = ['circle', 'spiral', 'blobs', 'plane', 'mnist', 'shapes', 'reverse', 'numberWords', 'sine', 'charLm', 'sentiment'];
const startOn = (kind: DatasetKind): Experiment => applyChange(defaultExperiment(), { type: 'dataset', patch: { kind } });

describe('every template opens on a dataset it can train on', () => {
  for (const template of TEMPLATES) {
    it.each(STARTS)(`${template.id} opened while the data is %s`, (kind) => {
      const before = startOn(kind);
      const after = openTemplate(before, template);
      // The template's data kind is the lab it lands in.
      expect(modalityOf(after.dataset.kind)).toBe(templateModality(template));
      expect(analyze(after.network).errors).toEqual([]);
      expect(datasetMismatch(after)).toBeNull();
      // When the data had to change, the learner is told which and why.
      const notice = templateDataNotice(before, after, template);
      if (after.dataset.kind === before.dataset.kind) expect(notice).toBeNull();
      else expect(notice).toMatchObject({ key: 'notice.templateData', keyVars: { dataset: `ds.${after.dataset.kind}` } });
    });
  }
});
