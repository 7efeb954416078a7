import { useMemo } from 'react';
import { encode } from 'uqr';
import { useT } from '../i18n';
import { useModalDialog } from '../ui/useModalDialog';

/**
 * Above this many characters a link makes a QR code too dense to scan from across a classroom
 * (version ≥ 25, 117 modules a side); it is still drawn, with a note.
 */
export const QR_DENSE_CHARS = 1000;
/** The most a QR code holds at the lowest error correction (version 40, binary: 2,953 bytes). */
export const QR_MAX_BYTES = 2953;

/** The modules of a link's QR code (true = dark), or null when the link is too long for one. */
export function qrModules(url: string): boolean[][] | null {
  if (new TextEncoder().encode(url).length > QR_MAX_BYTES) return null;
  try {
    // Medium error correction where it fits (a projector's glare), low for long links.
    return encode(url, { ecc: url.length > QR_DENSE_CHARS ? 'L' : 'M', border: 2 }).data;
  } catch {
    return null;
  }
}

/** The QR code as one SVG path: a 1×1 square per dark module (crisp at any size on a projector). */
export function qrPath(modules: boolean[][]): string {
  let d = '';
  modules.forEach((row, y) => row.forEach((dark, x) => (d += dark ? `M${x} ${y}h1v1h-1z` : '')));
  return d;
}

/** A big QR code of the page's link, for students' phones; the link itself below it. */
export function QrDialog({ url, onClose }: { url: string; onClose(): void }) {
  const t = useT();
  const dialog = useModalDialog();
  const modules = useMemo(() => qrModules(url), [url]);
  const n = modules?.length ?? 0;
  return (
    <dialog ref={dialog} className="qr-dialog" aria-labelledby="qr-title" onClose={onClose} onCancel={onClose} data-testid="qr-dialog">
      <h2 id="qr-title">{t('qr.title')}</h2>
      {modules ? (
        <>
          <p className="hint">{t('qr.hint')}</p>
          <svg className="qr-code" viewBox={`0 0 ${n} ${n}`} role="img" aria-label={t('qr.alt', { url })} shapeRendering="crispEdges" data-testid="qr-code" data-modules={n}>
            <rect width={n} height={n} fill="#fff" />
            <path d={qrPath(modules)} fill="#000" />
          </svg>
          {url.length > QR_DENSE_CHARS ? <p className="hint">{t('qr.dense')}</p> : null}
        </>
      ) : (
        <p className="notice-warning qr-too-long" role="alert" data-testid="qr-too-long">
          {t('qr.tooLong', { n: url.length })}
        </p>
      )}
      <p className="qr-url">
        <code>{url}</code>
      </p>
      <p className="hint">{t('qr.length', { n: url.length })}</p>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('qr.close')}
        </button>
      </div>
    </dialog>
  );
}
