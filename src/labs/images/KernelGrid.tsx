import { useState } from 'react';
import { useT } from '../../i18n';
import { divergingTable } from '../../charts/colors';
import { paintChannel } from './mapScale';
import { TileCanvas } from './TileCanvas';

export interface KernelData {
  layerId: string;
  title: string;
  /** kh × kw × in × out, TF.js order. */
  shape: readonly [number, number, number, number];
  kernel: Float32Array;
  bias: Float32Array | null;
}

/** Input channels drawn per filter; beyond this a layer's row says how many more there are. */
const MAX_IN = 8;

/** Weights of filter `f` on input channel `c` as a kh × kw × 1 map. */
export function kernelSlice(k: KernelData, f: number, c: number): Float32Array {
  const [kh, kw, cin, cout] = k.shape;
  const out = new Float32Array(kh * kw);
  for (let p = 0; p < kh * kw; p++) out[p] = k.kernel[(p * cin + c) * cout + f];
  return out;
}

const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/**
 * The learned kernels of every Conv2D as small images: one row per filter, one tile per input
 * channel (up to MAX_IN), coloured on one scale per layer. Hovering a tile shows its weights and
 * the filter's bias as numbers.
 */
export function KernelGrid({ kernels, version }: { kernels: readonly KernelData[]; version: unknown }) {
  const t = useT();
  const [hover, setHover] = useState<{ layerId: string; f: number; c: number } | null>(null);
  const table = divergingTable();
  return (
    <div className="kernel-grid" data-testid="kernels" data-tour="kernels">
      {kernels.map((k) => {
        const [kh, kw, cin, cout] = k.shape;
        const shown = Math.min(cin, MAX_IN);
        let max = 0;
        for (const v of k.kernel) max = Math.max(max, Math.abs(v));
        // A first layer has one input channel: lay its filters out in rows instead of one column.
        const columns = shown === 1 ? Math.min(cout, 12) : shown;
        const tileOf = (i: number) => (shown === 1 ? { f: i, c: 0 } : { f: Math.floor(i / shown), c: i % shown });
        const zoom = Math.max(4, Math.round(28 / Math.max(kh, kw)));
        const slice = hover?.layerId === k.layerId ? kernelSlice(k, hover.f, hover.c) : null;
        return (
          <div key={k.layerId} className="kernel-layer">
            <div className="map-layer-title">
              <span>{k.title}</span>
              <span className="dim">{t('image.kernels.shape', { kh, kw, cin, cout })}</span>
            </div>
            <div className="kernel-body">
              <TileCanvas
                count={shown === 1 ? cout : cout * shown}
                tileWidth={kw}
                tileHeight={kh}
                columns={columns}
                zoom={zoom}
                version={version}
                paint={(i, out) => {
                  const { f, c } = tileOf(i);
                  paintChannel(out, { shape: [kh, kw, 1], values: kernelSlice(k, f, c) }, 0, max || 1, table);
                }}
                onHover={(i) => setHover(i === null ? null : { layerId: k.layerId, ...tileOf(i) })}
                label={t('image.kernels.label', { layer: k.title, cout, cin })}
                testId={`kernel-canvas-${k.layerId}`}
              />
              {slice && hover ? (
                <div className="kernel-weights" data-testid="kernel-weights">
                  <div className="dim">{t('image.kernels.which', { f: hover.f + 1, c: hover.c + 1 })}</div>
                  <table>
                    <tbody>
                      {Array.from({ length: kh }, (_, y) => (
                        <tr key={y}>
                          {Array.from({ length: kw }, (_, x) => {
                            const v = slice[y * kw + x];
                            return (
                              <td key={x} className={v < 0 ? 'neg' : 'pos'}>
                                {fmt(v)}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {k.bias ? <div className="dim">{t('image.kernels.bias', { b: fmt(k.bias[hover.f]) })}</div> : null}
                </div>
              ) : (
                <p className="hint kernel-hint">{cin > MAX_IN ? t('image.kernels.more', { shown, cin }) : t('image.kernels.hover')}</p>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
