import { useMemo } from 'react';
import { brief, heatmapSummary } from '../../charts/summaries';
import type { MapScale } from '../../models/codec';
import { useT } from '../../i18n';
import { divergingTable } from '../../charts/colors';
import { mapDivisors, paintChannel, type MapData } from './mapScale';
import { TileCanvas } from './TileCanvas';

export interface LayerMaps extends MapData {
  layerId: string;
  /** How the layer is named on screen, e.g. "conv1 · Conv2D". */
  title: string;
}

export interface FeatureMapsProps {
  layers: readonly LayerMaps[];
  scale: MapScale;
  /** The channel the explainer is looking at. */
  selected: { layerId: string; channel: number } | null;
  onSelect(layerId: string, channel: number): void;
  /** Changes with every new probe, so the canvases repaint. */
  version: unknown;
}

/** Display zoom for a map side: small maps get bigger pixels so every map reads at a glance. */
export function zoomFor(side: number): number {
  if (side <= 8) return 6;
  if (side <= 16) return 3;
  return 2;
}

/**
 * Every spatial layer's output for the probe image, one row of channels per layer, in network
 * order. Orange is negative, blue positive, near-white zero (the app's one colour scale); how
 * strongly depends on the chosen scale (per map, per layer, over all layers).
 */
export function FeatureMaps({ layers, scale, selected, onSelect, version }: FeatureMapsProps) {
  const t = useT();
  // The text alternative: what a sighted learner reads off the maps (their range, the brightest channel).
  const withSummary = (label: string, values: ArrayLike<number>, c: number) => {
    const s = heatmapSummary(values, c);
    return s ? `${label}. ${t('a11y.maps.summary', { min: brief(s.min), max: brief(s.max), n: s.strongest })}` : label;
  };
  const divisors = useMemo(() => mapDivisors(layers, scale), [layers, scale]);
  const table = divergingTable();
  return (
    <div className="feature-maps" data-testid="feature-maps" data-tour="feature-maps">
      {layers.map((layer, li) => {
        const [h, w, c] = layer.shape;
        const zoom = zoomFor(Math.max(h, w));
        const columns = Math.max(1, Math.floor(470 / ((w + 1) * zoom)));
        return (
          <div key={layer.layerId} className="map-layer" data-testid={`maps-${layer.layerId}`}>
            <div className="map-layer-title">
              <span>{layer.title}</span>
              <span className="dim">{t('image.maps.shape', { h, w, c })}</span>
            </div>
            <TileCanvas
              count={c}
              tileWidth={w}
              tileHeight={h}
              columns={columns}
              zoom={zoom}
              version={[version, scale]}
              paint={(i, out) => paintChannel(out, layer, i, divisors[li][i], table)}
              selected={selected?.layerId === layer.layerId ? selected.channel : null}
              onSelect={(i) => onSelect(layer.layerId, i)}
              label={withSummary(t('image.maps.layerLabel', { layer: layer.title, c }), layer.values, c)}
              testId={`map-canvas-${layer.layerId}`}
            />
          </div>
        );
      })}
    </div>
  );
}
