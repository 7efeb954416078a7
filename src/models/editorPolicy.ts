/**
 * What a teacher's link lets a student do in the graph editor: which layer types the palette
 * offers (null: every type) and whether the network may be edited at all. Links only: a learner's
 * own work never restricts the editor (store/persistence.ts).
 */

import { z } from 'zod';
import { CATALOG } from './catalog';

export interface EditorPolicy {
  /** Layer types the palette offers, in catalog order; null: all of them. */
  palette: string[] | null;
  /** False: the editor is read-only (no drag, connect, delete; the inspector's fields disabled). */
  edit: boolean;
}

export const DEFAULT_EDITOR_POLICY: EditorPolicy = { palette: null, edit: true };

/** True when the policy restricts nothing (what a plain link or a learner's own work has). */
export function isDefaultPolicy(p: EditorPolicy | undefined): boolean {
  return !p || (p.palette === null && p.edit);
}

/** Whether the palette offers this layer type (read-only editors add nothing at all). */
export function allowsLayer(p: EditorPolicy, type: string): boolean {
  return p.edit && (p.palette === null || p.palette.includes(type));
}

/** Known layer types of `types`, in catalog order, each once. */
export function knownTypes(types: readonly unknown[]): string[] {
  const wanted = new Set(types);
  return Object.keys(CATALOG).filter((t) => wanted.has(t));
}

/** The link's compact form (`p`: the palette's types, `ro`: 1 when read-only); undefined for the default. */
export function encodePolicy(p: EditorPolicy | undefined): { p?: string[]; ro?: 1 } | undefined {
  if (!p || isDefaultPolicy(p)) return undefined;
  return { ...(p.palette ? { p: knownTypes(p.palette) } : {}), ...(p.edit ? {} : { ro: 1 as const }) };
}

const linkSchema = z.object({ p: z.array(z.string().max(64)).max(200).optional(), ro: z.literal(1).optional() });

/**
 * A link's policy back; unknown layer types are dropped (a newer app's types), a malformed entry
 * gives the default (nothing restricted) rather than losing the Experiment.
 */
export function decodePolicy(raw: unknown): EditorPolicy {
  const parsed = linkSchema.safeParse(raw ?? {});
  if (!parsed.success) return DEFAULT_EDITOR_POLICY;
  return { palette: parsed.data.p ? knownTypes(parsed.data.p) : null, edit: parsed.data.ro !== 1 };
}
