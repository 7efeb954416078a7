import { useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { copyPng, figurePng, saveBlob, soleSvg, svgMarkup } from './figure';

/**
 * A view that can go on a slide: its canvases and SVGs saved as a PNG (and as SVG when it is one
 * SVG) or copied as an image, from a small menu in its corner. `name` is the file's name stem.
 */
export function Figure({ name, children, className }: { name: string; children: ReactNode; className?: string }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  // Whether the view is one SVG (then SVG is offered too): read when the menu opens.
  const [hasSvg, setHasSvg] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const content = () => box.current?.querySelector('.figure-content') ?? null;
  const png = async () => {
    const el = content();
    if (el) saveBlob(`${name}.png`, await figurePng(el));
    setOpen(false);
  };
  const svg = () => {
    const s = content() && soleSvg(content()!);
    if (s) saveBlob(`${name}.svg`, new Blob([svgMarkup(s)], { type: 'image/svg+xml' }));
    setOpen(false);
  };
  const copy = async () => {
    const el = content();
    const ok = el ? await copyPng(await figurePng(el)) : false;
    setSaid(ok ? t('figure.copied') : t('figure.copyFailed'));
    setOpen(false);
    setTimeout(() => setSaid(null), 3000);
  };
  return (
    <div ref={box} className={`figure${className ? ` ${className}` : ''}`}>
      <div className="figure-content">{children}</div>
      <div className="figure-actions">
        <button type="button" className="figure-button" aria-haspopup="menu" aria-expanded={open} aria-label={t('figure.menu')} title={t('figure.menu')} onClick={() => {
            const el = content();
            setHasSvg(!!el && !!soleSvg(el));
            setOpen((o) => !o);
          }} data-testid={`figure-${name}`}>
          ⤓
        </button>
        {open ? (
          <div className="figure-menu" role="menu">
            <button type="button" role="menuitem" onClick={() => void png()} data-testid={`figure-${name}-png`}>
              {t('figure.png')}
            </button>
            {hasSvg ? (
              <button type="button" role="menuitem" onClick={svg} data-testid={`figure-${name}-svg`}>
                {t('figure.svg')}
              </button>
            ) : null}
            <button type="button" role="menuitem" onClick={() => void copy()}>
              {t('figure.copy')}
            </button>
          </div>
        ) : null}
        {said ? (
          <span className="figure-said" role="status">
            {said}
          </span>
        ) : null}
      </div>
    </div>
  );
}
