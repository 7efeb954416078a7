/**
 * A step's `load` as an Experiment: the default (or a template opened on it, as the template
 * dialog does), then the changes through the same `applyChange` the UI uses, then the codec, so
 * a lesson can only ever put on screen what a link or a file could.
 */

import { decodeExperimentFile, encodeExperimentFile, type CodecError } from '../models/codec';
import { defaultExperiment } from '../models/defaults';
import { applyChange } from '../models/edits';
import { openTemplate } from '../models/openTemplate';
import type { Experiment } from '../models/spec';
import { templateById } from '../models/templates';
import type { LessonLoad } from './format';

export type Loaded = { ok: true; experiment: Experiment } | { ok: false; error: string; cause?: CodecError };

/** Build the Experiment a step loads. Never throws: a bad template id or change is an error value. */
export function buildLoad(load: LessonLoad): Loaded {
  try {
    let exp = defaultExperiment();
    if (load.from !== 'default') {
      const template = templateById(load.from.template);
      if (!template) return { ok: false, error: `unknown template "${load.from.template}"` };
      exp = openTemplate(exp, template);
    }
    for (const change of load.changes ?? []) exp = applyChange(exp, change);
    if (load.seed !== undefined) exp = applyChange(exp, { type: 'seed', seed: load.seed });
    const decoded = decodeExperimentFile(encodeExperimentFile(exp));
    if (!decoded.ok) return { ok: false, error: `the loaded Experiment does not pass the codec (${decoded.error.key})`, cause: decoded.error };
    return { ok: true, experiment: decoded.value };
  } catch (e) {
    return { ok: false, error: `a change could not be applied: ${String(e)}` };
  }
}
