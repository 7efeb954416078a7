import { describe, expect, it } from 'vitest';
import { shortcutFor, SHORTCUTS, type KeyLike } from '../../src/app/shortcuts';
import { qrModules, qrPath, QR_MAX_BYTES } from '../../src/app/QrDialog';
import { createAppStore } from '../../src/store/createAppStore';
import { loadStartup, shareUrl } from '../../src/store/persistence';

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', editable: false, inWidget: false, ...extra });

describe('keyboard shortcuts', () => {
  it('maps keys and a clicker’s page keys to actions, case-insensitively', () => {
    expect(shortcutFor(key(' '))).toBe('playPause');
    expect(shortcutFor(key('K'))).toBe('playPause');
    expect(shortcutFor(key('s'))).toBe('step');
    expect(shortcutFor(key('R'))).toBe('reset');
    expect(shortcutFor(key('PageDown'))).toBe('next');
    expect(shortcutFor(key('PageUp'))).toBe('back');
    expect(shortcutFor(key('f'))).toBe('presenter');
    expect(shortcutFor(key('q'))).toBe('qr');
    expect(shortcutFor(key('?'))).toBe('help');
    expect(shortcutFor(key('x'))).toBeNull();
  });

  it('stays out of typing, menus, widgets, modified keys and a focused button’s Space', () => {
    expect(shortcutFor(key('s', { targetTag: 'INPUT' }))).toBeNull();
    expect(shortcutFor(key('s', { targetTag: 'SELECT' }))).toBeNull();
    expect(shortcutFor(key('s', { targetTag: 'TEXTAREA' }))).toBeNull();
    expect(shortcutFor(key('s', { editable: true }))).toBeNull();
    expect(shortcutFor(key('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('r', { metaKey: true }))).toBeNull();
    expect(shortcutFor(key('n', { inWidget: true }))).toBeNull();
    expect(shortcutFor(key(' ', { targetTag: 'BUTTON' }))).toBeNull();
    // A focused button does not stop the letter keys.
    expect(shortcutFor(key('s', { targetTag: 'BUTTON' }))).toBe('step');
  });

  it('lists every action once in the help', () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
    for (const s of SHORTCUTS) for (const k of s.keys) expect(k.length).toBeGreaterThan(0);
  });
});

describe('the QR code of the link', () => {
  it('draws a square symbol with its three finder patterns inside a quiet border', () => {
    const url = 'https://example.test/gg/?lang=zh-CN#s=N4IgpiBcoG5gTgZwJYHsB2UCMAaE';
    const modules = qrModules(url)!;
    const n = modules.length;
    // 4·version + 17 modules plus a 2-module border each side.
    expect((n - 4 - 17) % 4).toBe(0);
    expect(modules.every((row) => row.length === n)).toBe(true);
    expect(modules[0].some(Boolean)).toBe(false);
    // A finder pattern: a dark 7×7 ring, a light ring, a dark 3×3 core; top-left, top-right, bottom-left.
    const finderAt = (x0: number, y0: number) => {
      for (let y = 0; y < 7; y++)
        for (let x = 0; x < 7; x++) {
          const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
          if (modules[y0 + y][x0 + x] !== (ring !== 2)) return false;
        }
      return true;
    };
    expect(finderAt(2, 2)).toBe(true);
    expect(finderAt(n - 9, 2)).toBe(true);
    expect(finderAt(2, n - 9)).toBe(true);
    expect(finderAt(n - 9, n - 9)).toBe(false);
    // A longer link needs a bigger symbol.
    expect(qrModules(url + 'x'.repeat(400))!.length).toBeGreaterThan(n);
    // One square per dark module.
    const dark = modules.flat().filter(Boolean).length;
    expect(qrPath(modules).match(/M/g)!.length).toBe(dark);
  });

  it('refuses a link too long for any QR code', () => {
    expect(qrModules('x'.repeat(QR_MAX_BYTES + 1))).toBeNull();
    expect(qrModules('x'.repeat(1500))).not.toBeNull();
  });
});

describe('presenter mode', () => {
  it('opens with ?present and never passes it on in a share link', () => {
    const { initial } = loadStartup({ hash: '', search: '?present', storage: null, languages: ['en'] });
    expect(initial.presenter).toBe(true);
    expect(loadStartup({ hash: '', search: '', storage: null, languages: ['en'] }).initial.presenter).toBeUndefined();
    const store = createAppStore(initial);
    expect(store.getState().presenter).toBe(true);
    const url = shareUrl('https://x.test/app/?lang=zh-CN&present=&lesson=mlp#s=old', store.getState());
    expect(url.startsWith('https://x.test/app/?lang=zh-CN&lesson=mlp#s=')).toBe(true);
    expect(shareUrl('https://x.test/app/?present#s=old', store.getState()).startsWith('https://x.test/app/#s=')).toBe(true);
  });
});

describe("a teacher's link", () => {
  it('every control is in exactly one group of the Share dialog', async () => {
    const { CONTROL_GROUPS, CONTROL_IDS } = await import('../../src/models/codec');
    const grouped = Object.values(CONTROL_GROUPS).flat();
    expect(new Set(grouped).size).toBe(grouped.length);
    expect([...grouped].sort()).toEqual([...CONTROL_IDS].sort());
  });

  it('carries the new controls in links, and its start is remembered only when it hides something', async () => {
    const { encodeLink, DEFAULT_VIEW } = await import('../../src/models/codec');
    const { defaultExperiment } = await import('../../src/models/defaults');
    const experiment = defaultExperiment();
    const hash = `#${encodeLink({ experiment, view: DEFAULT_VIEW, hide: ['templates', 'tabGraph', 'palette', 'drawing'] })}`;
    const { initial } = loadStartup({ hash, storage: null, languages: ['en'] });
    expect(initial.hide).toEqual(['templates', 'tabGraph', 'drawing', 'palette']);
    expect(initial.teacherStart).toEqual(experiment);
    const plain = `#${encodeLink({ experiment, view: DEFAULT_VIEW, hide: [] })}`;
    expect(loadStartup({ hash: plain, storage: null, languages: ['en'] }).initial.teacherStart).toBeUndefined();
  });
});
