import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Shrinks its child to the available width (never enlarges it), so a deep network's output
 * column stays in view instead of behind a scrollbar. A CSS transform keeps pointer hit-testing
 * right; the wrapper takes the scaled height so the layout below follows.
 */
export function FitWidth({ children, minScale = 0.6 }: { children: ReactNode; minScale?: number }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ scale: 1, height: 0 });
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const natural = i.scrollWidth;
      const scale = natural > 0 ? Math.max(minScale, Math.min(1, o.clientWidth / natural)) : 1;
      setBox((b) => (b.scale === scale && b.height === i.offsetHeight ? b : { scale, height: i.offsetHeight }));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(o);
    observer.observe(i);
    measure();
    return () => observer.disconnect();
  }, [minScale]);
  return (
    <div ref={outer} className="fit-width" style={{ height: box.height ? box.height * box.scale : undefined }}>
      <div ref={inner} style={{ transform: box.scale < 1 ? `scale(${box.scale})` : undefined, transformOrigin: '0 0', width: 'max-content' }}>
        {children}
      </div>
    </div>
  );
}
