import type { MessageKey } from '../i18n';

/** What a keyboard shortcut does. */
export type ShortcutAction = 'playPause' | 'step' | 'reset' | 'next' | 'back' | 'presenter' | 'qr' | 'help';

/** The shortcuts, in the order the help overlay lists them: the keys shown, and what they do. */
export const SHORTCUTS: readonly { keys: readonly string[]; action: ShortcutAction; label: MessageKey }[] = [
  { keys: ['Space', 'K'], action: 'playPause', label: 'keys.playPause' },
  { keys: ['S'], action: 'step', label: 'keys.step' },
  { keys: ['R'], action: 'reset', label: 'keys.reset' },
  { keys: ['N', 'Page Down'], action: 'next', label: 'keys.next' },
  { keys: ['B', 'Page Up'], action: 'back', label: 'keys.back' },
  { keys: ['F'], action: 'presenter', label: 'keys.presenter' },
  { keys: ['Q'], action: 'qr', label: 'keys.qr' },
  { keys: ['?'], action: 'help', label: 'keys.help' },
];

const BY_KEY: Record<string, ShortcutAction> = {
  ' ': 'playPause',
  k: 'playPause',
  s: 'step',
  r: 'reset',
  n: 'next',
  PageDown: 'next',
  b: 'back',
  PageUp: 'back',
  f: 'presenter',
  q: 'qr',
  '?': 'help',
};

/** The parts of a key event the shortcuts read. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element's tag (INPUT, BUTTON …) and whether it is editable text. */
  targetTag: string;
  editable: boolean;
  /** Inside a dialog or the graph editor's canvas, which have keys of their own. */
  inWidget: boolean;
}

/**
 * The shortcut a key press means, or null. Never while typing in a field or a menu, never with
 * Ctrl / ⌘ / Alt (the browser's and the editor's own), and not Space on a focused button or link,
 * which Space already presses.
 */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.editable || e.inWidget) return null;
  if (e.targetTag === 'INPUT' || e.targetTag === 'TEXTAREA' || e.targetTag === 'SELECT') return null;
  if (e.key === ' ' && (e.targetTag === 'BUTTON' || e.targetTag === 'A' || e.targetTag === 'SUMMARY')) return null;
  const key = e.key.length === 1 && e.key !== '?' ? e.key.toLowerCase() : e.key;
  return BY_KEY[key] ?? null;
}
