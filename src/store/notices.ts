import type { LayerRename } from '../models/layerId';
import type { Experiment } from '../models/spec';
import { templateModality, type TemplateDef } from '../models/templates';
import type { Notice } from './types';
import type { Table } from '../data/table';

/** The notice for layers renamed on the way in (a link or file made before the id rule), or null. */
export function renamedNotice(renamed: readonly LayerRename[] | undefined): Notice | null {
  if (!renamed?.length) return null;
  return { kind: 'warning', key: 'notice.renamed', vars: { list: renamed.map((r) => `“${r.from}” → “${r.to}”`).join(', ') } };
}

/**
 * The notice for a template that brought its own data (LeNet-5 opened on the 2-D playground
 * switches to MNIST; the MLP opened on a sequence task switches to the circle), or null when the
 * learner's dataset stayed.
 */
export function templateDataNotice(before: Experiment, after: Experiment, template: TemplateDef): Notice | null {
  if (before.dataset.kind === after.dataset.kind) return null;
  return {
    kind: 'info',
    key: 'notice.templateData',
    keyVars: { template: `template.${template.id}.name`, data: `tpl.data.${templateModality(template)}`, dataset: `ds.${after.dataset.kind}` },
  };
}

/**
 * The notice for an Experiment that trains on a table this device does not have (a link, or a
 * table too big to keep): it names the file to open. Null when the table is here or not needed.
 */
export function missingTableNotice(exp: Experiment, table: Table | null): Notice | null {
  const ref = exp.dataset.kind === 'table' ? exp.dataset.table : null;
  if (!ref || table?.hash === ref.hash) return null;
  return { kind: 'warning', key: table ? 'own.table.other' : 'own.table.missing', vars: { name: ref.name } };
}
