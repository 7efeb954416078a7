/**
 * The zod schemas of the references an Experiment keeps to the learner's own images and text
 * (checked in links and files by models/codec.ts). Small: names, counts, a hash, the vocabulary.
 */
import { z } from 'zod';
import { OWN_IMAGE_LIMITS } from './ownImages';
import { OWN_TEXT_LIMITS } from './ownText';

export const ownImagesRefSchema = z
  .object({
    hash: z.string().regex(/^[0-9a-f]{8}$/),
    classes: z.array(z.string().min(1).max(OWN_IMAGE_LIMITS.name * 2)).min(OWN_IMAGE_LIMITS.minClasses).max(OWN_IMAGE_LIMITS.maxClasses),
    counts: z.array(z.number().int().min(0).max(OWN_IMAGE_LIMITS.perClass)),
  })
  .refine((r) => r.counts.length === r.classes.length, { message: 'one count per class' });

export const ownTextRefSchema = z.object({
  name: z.string().max(OWN_TEXT_LIMITS.name),
  hash: z.string().regex(/^[0-9a-f]{8}$/),
  chars: z.number().int().min(OWN_TEXT_LIMITS.minChars).max(OWN_TEXT_LIMITS.maxChars),
  // Code points, not UTF-16 units: an emoji is one character of the vocabulary.
  vocab: z
    .string()
    .min(1)
    .max(OWN_TEXT_LIMITS.maxVocab * 2)
    .refine((v) => Array.from(v).length <= OWN_TEXT_LIMITS.maxVocab && new Set(Array.from(v)).size === Array.from(v).length, { message: 'vocabulary too big or repeated' }),
});
