import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a status message stays before the line clears. */
const STATUS_MS = 6000;

/**
 * The editor's status line: the last thing it did or refused, cleared after a few seconds. Owned by
 * the editor view so the palette's clicks and the canvas's drags and drops report in one place.
 */
export function useStatusLine(): { status: string | null; say(text: string): void } {
  const [status, setStatus] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const say = useCallback((text: string) => {
    clearTimeout(timer.current);
    setStatus(text);
    timer.current = setTimeout(() => setStatus(null), STATUS_MS);
  }, []);
  return { status, say };
}
