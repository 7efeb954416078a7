/**
 * The zod schemas of the references an Experiment keeps to the learner's own images and text
 * (checked in links and files by models/codec.ts). Small: names, counts, a hash, the vocabulary.
 */
import { z } from 'zod';
import { OWN_IMAGE_LIMITS } from './ownImages';
import { OWN_TEXT_LIMITS } from './ownText';
import { OWN_SENTENCES_LIMITS } from './ownSentences';

export const ownImagesRefSchema = z
  .object({
    hash: z.string().regex(/^[0-9a-f]{8}$/),
    classes: z.array(z.string().min(1).max(OWN_IMAGE_LIMITS.name * 2)).min(OWN_IMAGE_LIMITS.minClasses).max(OWN_IMAGE_LIMITS.maxClasses),
    counts: z.array(z.number().int().min(0).max(OWN_IMAGE_LIMITS.perClass)),
  })
  .refine((r) => r.counts.length === r.classes.length, { message: 'one count per class' });

/** The learner's labelled sentences for sentiment: name, counts per class, longest length, the tokens. */
export const ownSentencesRefSchema = z
  .object({
    name: z.string().max(OWN_SENTENCES_LIMITS.name),
    hash: z.string().regex(/^[0-9a-f]{8}$/),
    counts: z.tuple([z.number().int().min(OWN_SENTENCES_LIMITS.minPerClass), z.number().int().min(OWN_SENTENCES_LIMITS.minPerClass)]),
    len: z.number().int().min(1).max(OWN_SENTENCES_LIMITS.maxTokens),
    vocab: z.array(z.string().min(1).max(OWN_SENTENCES_LIMITS.maxLineChars)).min(1).max(OWN_SENTENCES_LIMITS.maxVocab),
  })
  .refine((r) => r.counts[0] + r.counts[1] <= OWN_SENTENCES_LIMITS.maxSentences && new Set(r.vocab).size === r.vocab.length, { message: 'too many sentences or a repeated token' });

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
