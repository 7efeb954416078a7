import { useCallback, useEffect, useRef, useState } from 'react';

/** A <dialog> opened as a modal on mount (where the browser has showModal; jsdom does not). */
export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open && typeof d.showModal === 'function') d.showModal();
  }, []);
  return ref;
}

/** Copy text to the clipboard; `copied` says whether the last copy worked. */
export function useCopy(): [copied: boolean, copy: (text: string) => Promise<void>] {
  const [copied, setCopied] = useState(false);
  const copy = useCallback(async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }, []);
  return [copied, copy];
}
