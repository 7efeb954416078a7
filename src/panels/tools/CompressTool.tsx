import { useMemo, useState } from 'react';
import { WeightHistogram } from '../../charts/WeightHistogram';
import { weightHistogram } from '../../charts/weightHistogram';
import { formatValue } from '../../charts/format';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { packCompressed, unpackCompressed } from '../../models/compressionFile';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { toolStateOf } from '../../store/toolsSlice';
import type { CompressMeasure, CompressResult } from '../../training/tools/compressTypes';
import { Select } from '../../ui/Select';
import { Slider } from '../../ui/Slider';
import { ToolStatus } from './ToolStatus';
import './CompressTool.css';
import { FileButton } from '../../ui/FileButton';
import { Figure } from '../../ui/Figure';

type Method = 'int8' | 'float16' | 'prune';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** A row's name in the table. */
function rowLabel(t: ReturnType<typeof useT>, m: CompressMeasure): string {
  if (m.method !== 'prune') return t(`compress.row.${m.method}` as MessageKey);
  return t('compress.row.prune', {
    value: Math.round((m.sparsity ?? 0) * 100),
    scope: t(m.scope === 'perLayer' ? 'compress.row.perLayer' : 'compress.row.global'),
    steps: m.fineTuneSteps ?? 0,
  });
}

/** Save bytes as a file (the page's own download: panels may not import the app's helpers). */
function downloadBytes(name: string, bytes: Uint8Array): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * Pruning and quantization of the trained network (issue 16): choose a method, compress, compare
 * test accuracy, bytes and time with the original in one table, look at a layer's weights before
 * and after, download the compressed model or open one, and restore the original weights.
 */
export default function CompressTool() {
  const t = useT();
  const store = useAppStoreApi();
  const state = useAppStore((s) => toolStateOf(s, 'compress'));
  const runTool = useAppStore((s) => s.runTool);
  const [method, setMethod] = useState<Method>('int8');
  const [sparsity, setSparsity] = useState(80);
  const [scope, setScope] = useState<'global' | 'perLayer'>('global');
  const [fineTune, setFineTune] = useState(20);
  const r = state.result;
  const busy = state.status === 'computing';
  const apply = () =>
    runTool(method === 'prune' ? { tool: 'compress', action: 'apply', method, sparsity: sparsity / 100, scope, fineTuneSteps: fineTune } : { tool: 'compress', action: 'apply', method });
  const download = () => {
    if (!r?.file || !r.applied) return;
    const a = r.applied;
    const bytes = packCompressed(
      { method: a.method, ...(a.method === 'prune' ? { sparsity: a.sparsity, scope: a.scope, fineTuneSteps: a.fineTuneSteps } : {}), step: r.file.step, examples: r.file.examples, experiment: store.getState().experiment, tensors: r.file.entries },
      r.file.payload,
    );
    downloadBytes(`gradient-garden-${a.method}${a.method === 'prune' ? Math.round((a.sparsity ?? 0) * 100) : ''}.ggc`, bytes);
  };
  const open = async (file: File) => {
    const s = store.getState();
    const opened = unpackCompressed(new Uint8Array(await file.arrayBuffer()));
    if (!opened.ok) s.notify({ kind: 'error', key: 'compress.file.bad', cause: opened.error });
    else {
      s.apply({ type: 'replace', experiment: opened.value.experiment });
      // After the replace: the engine rebuilds the network first, then writes the weights into it.
      // (The engine's answer says whether they fit: notice.weightsLoaded or notice.weightsMismatch.)
      s.loadWeights(opened.value.weights);
    }
  };
  return (
    <div className="tool compress-tool" data-testid="tool-compress">
      <p className="hint">{t('compress.what')}</p>
      <div className="compress-controls">
        <Select<Method>
          label={t('compress.method')}
          value={method}
          testId="compress-method"
          options={(['int8', 'float16', 'prune'] as const).map((m) => ({ value: m, label: t(`compress.method.${m}`) }))}
          onChange={setMethod}
        />
        {method === 'prune' ? (
          <>
            <Slider label={(v) => t('compress.sparsity', { value: v })} value={sparsity} min={0} max={95} step={5} onChange={setSparsity} testId="compress-sparsity" />
            <Select<'global' | 'perLayer'>
              label={t('compress.scope')}
              value={scope}
              testId="compress-scope"
              options={[
                { value: 'global', label: t('compress.scope.global') },
                { value: 'perLayer', label: t('compress.scope.perLayer') },
              ]}
              onChange={setScope}
            />
            <Slider label={(v) => t('compress.fineTune', { value: v })} value={fineTune} min={0} max={200} step={10} onChange={setFineTune} testId="compress-finetune" />
          </>
        ) : null}
      </div>
      <div className="compress-buttons">
        <button type="button" data-testid="compress-run" disabled={busy} onClick={apply}>
          {t('compress.run')}
        </button>
        <button type="button" data-testid="compress-restore" disabled={busy || !r?.applied} onClick={() => runTool({ tool: 'compress', action: 'restore' })}>
          {t('compress.restore')}
        </button>
        <button type="button" data-testid="compress-download" disabled={!r?.file} onClick={download}>
          {t('compress.download')}
        </button>
        <FileButton accept=".ggc,application/octet-stream" testId="compress-open" inputTestId="compress-file" onFiles={([file]) => void open(file)}>
          {t('compress.open')}
        </FileButton>
      </div>
      <ToolStatus state={state} />
      {r ? <CompressReport r={r} /> : null}
    </div>
  );
}

function CompressReport({ r }: { r: CompressResult }) {
  const t = useT();
  const locale = useLocale();
  const original = r.rows[0];
  return (
    <>
      <p className="hint" data-testid="compress-now">
        {r.applied ? t('compress.now', { method: rowLabel(t, r.applied) }) : t('compress.nowOriginal')}
      </p>
      <table className="tool-table" data-testid="compress-table">
        <caption className="hint">{t('compress.caption', { examples: r.examples, step: r.step })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compress.col.method')}</th>
            <th scope="col">{t('compress.col.accuracy')}</th>
            <th scope="col">{t('compress.col.bytes')}</th>
            <th scope="col">{t('compress.col.ratio')}</th>
            <th scope="col">{t('compress.col.time')}</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((m, i) => (
            <tr key={i} data-method={m.method} className={r.applied && m === r.rows.find((x) => x.method === r.applied?.method && x.sparsity === r.applied.sparsity && x.scope === r.applied.scope) ? 'current' : ''}>
              <th scope="row">{rowLabel(t, m)}</th>
              <td data-col="accuracy">{m.accuracy === null ? formatValue(m.loss) : pct(m.accuracy)}</td>
              <td data-col="bytes">{m.bytes.toLocaleString(locale)}</td>
              <td data-col="ratio" data-ratio={m.bytes / original.bytes}>
                {pct(m.bytes / original.bytes)}
              </td>
              <td data-col="time">{`${m.msPerExample.toFixed(3)} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint compress-why">{t('compress.why')}</p>
      <LayerTable r={r} />
      <LayerHistogram r={r} />
    </>
  );
}

function LayerTable({ r }: { r: CompressResult }) {
  const t = useT();
  return (
    <table className="tool-table" data-testid="compress-layers">
      <caption className="hint">{t('compress.layers')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('compress.col.layer')}</th>
          <th scope="col">{t('compress.col.weights')}</th>
          <th scope="col">{t('compress.col.zeros')}</th>
        </tr>
      </thead>
      <tbody>
        {r.layers.map((l) => (
          <tr key={l.name} data-layer={l.name}>
            <th scope="row">{`${l.name} [${l.shape.join('×')}]`}</th>
            <td>{l.size}</td>
            <td data-col="sparsity">{pct(l.sparsity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LayerHistogram({ r }: { r: CompressResult }) {
  const t = useT();
  const [layerName, setLayerName] = useState<string | null>(null);
  const [channel, setChannel] = useState<number | 'all' | null>(null);
  const [zoom, setZoom] = useState(false);
  const layer = r.layers.find((l) => l.name === layerName) ?? r.layers[0];
  const channels = layer ? layer.shape[layer.shape.length - 1] : 1;
  // int8: one channel by default, so its levels show; otherwise the whole layer.
  const shown = channel === null ? (layer?.scales ? 0 : 'all') : channel === 'all' || channel < channels ? channel : 0;
  const data = useMemo(() => {
    if (!layer?.before || !layer.after) return null;
    const c = shown === 'all' ? null : shown;
    return weightHistogram(layer.before, layer.after, { channels, channel: c, step: c !== null && layer.scales ? layer.scales[c] : null, zoom });
  }, [layer, channels, shown, zoom]);
  if (!layer) return null;
  return (
    <div className="compress-histogram">
      <h3>{t('compress.hist.title')}</h3>
      <div className="compress-controls">
        <Select<string>
          label={t('compress.hist.layer')}
          value={layer.name}
          testId="compress-hist-layer"
          options={r.layers.map((l) => ({ value: l.name, label: l.name }))}
          onChange={(v) => {
            setLayerName(v);
            setChannel(null);
          }}
        />
        <Select<number | 'all'>
          label={t('compress.hist.channel')}
          value={shown}
          testId="compress-hist-channel"
          options={[
            { value: 'all' as const, label: t('compress.hist.allChannels') },
            ...Array.from({ length: Math.min(channels, 512) }, (_, c) => ({
              value: c,
              label: layer.scales ? t('compress.hist.channelN', { n: c, scale: formatValue(layer.scales[c], 3) }) : String(c),
            })),
          ]}
          onChange={setChannel}
        />
        <label className="control compress-zoom">
          <input type="checkbox" checked={zoom} onChange={(e) => setZoom(e.target.checked)} data-testid="compress-hist-zoom" /> {t('compress.hist.zoom')}
        </label>
      </div>
      {data ? (
        <>
          <Figure name="weight-histogram">
            <WeightHistogram
              data={data}
              label={t('compress.hist.aria', { layer: layer.name, n: data.n, min: formatValue(data.domain[0]), max: formatValue(data.domain[1]) })}
            />
          </Figure>
          <ul className="compress-legend hint">
            <li className="before">{t('compress.hist.before')}</li>
            <li className="after">{t('compress.hist.after')}</li>
            {data.levels.length ? <li className="levels">{t('compress.hist.levels')}</li> : layer.scales ? <li>{t('compress.hist.pickChannel')}</li> : null}
          </ul>
        </>
      ) : (
        <p className="hint">{t('compress.hist.none')}</p>
      )}
    </div>
  );
}
