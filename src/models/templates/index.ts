import { TEMPLATES as CLASSIC } from './classic';
import { TEMPLATES as CNN } from './convolutional';
import { TEMPLATES as RNN } from './rnn';
import { TEMPLATES as TRANSFORMER } from './transformer';
import { TEMPLATES as AUTOENCODER } from './autoencoder';
import { TEMPLATES as RECOMMENDER } from './recommender';
import { TEMPLATES as VAE } from './vae';
import type { TemplateDef } from './build';

export { templateModality, type TemplateDef } from './build';

/** Every template, in the order the gallery shows them: by family, then by history. */
export const TEMPLATES: TemplateDef[] = [...CLASSIC, ...CNN, ...AUTOENCODER, ...VAE, ...RNN, ...TRANSFORMER, ...RECOMMENDER];

export function templateById(id: string): TemplateDef | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
