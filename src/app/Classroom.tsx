import { Suspense, useEffect } from 'react';
import { lazyNamed } from '../ui/lazyNamed';
import { useAppStore, useAppStoreApi } from '../store/context';
import { shareUrl } from '../store/persistence';
// The QR encoder loads when the code is first shown.
const QrDialog = lazyNamed(() => import('./QrDialog'), (m) => m.QrDialog);
import { ShortcutHelp } from './ShortcutHelp';
import { useStopWhen } from './StopRuleControl';
import { LESSON_KEY_EVENT } from '../lessons/context';
import { shortcutFor, type ShortcutAction } from './shortcuts';

/** True inside something with keys of its own: an open dialog, the graph editor's canvas, a menu. */
function inWidget(target: EventTarget | null): boolean {
  return target instanceof Element && !!target.closest('dialog[open], .react-flow, [role="menu"], [role="listbox"]');
}

/**
 * The classroom's keyboard: Space trains or pauses, S steps, R resets, N / B (and a clicker's
 * Page Down / Page Up) turn a lesson's steps, F is presenter mode, Q the QR code, ? the list.
 * Also shows the QR code and the list when asked (the header's buttons ask through the store).
 */
export function Classroom() {
  const store = useAppStoreApi();
  useStopWhen();
  const overlay = useAppStore((s) => s.overlay);
  const setOverlay = useAppStore((s) => s.setOverlay);
  useEffect(() => {
    const run = (action: ShortcutAction) => {
      const s = store.getState();
      const status = s.runs[s.activeRunId]?.status;
      if (action === 'playPause') return status === 'running' ? s.pause() : status !== 'error' ? s.play() : undefined;
      // A control the teacher's link hid has no key either.
      if (action === 'step') return status !== 'error' && !s.hide.includes('step') ? s.step() : undefined;
      if (action === 'reset') return s.hide.includes('reset') ? undefined : s.reset();
      if (action === 'next' || action === 'back') return void window.dispatchEvent(new CustomEvent(LESSON_KEY_EVENT, { detail: action }));
      if (action === 'presenter') return s.setPresenter(!s.presenter);
      if (action === 'qr') return s.setOverlay('qr');
      return s.setOverlay('keys');
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const action = shortcutFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        targetTag: target?.tagName ?? '',
        editable: !!target?.isContentEditable,
        inWidget: inWidget(e.target),
      });
      if (!action) return;
      // On the race's tab its own Space plays the race: the network must not train out of sight.
      if (store.getState().editorTab === 'race' && (action === 'playPause' || action === 'step' || action === 'reset')) return;
      e.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  if (overlay === 'keys') return <ShortcutHelp onClose={() => setOverlay(null)} />;
  if (overlay === 'qr') {
    return (
      <Suspense fallback={null}>
        <QrDialog url={shareUrl(window.location.href, store.getState())} onClose={() => setOverlay(null)} />
      </Suspense>
    );
  }
  return null;
}
