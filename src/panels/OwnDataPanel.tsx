import { useMemo, useState, type DragEvent } from 'react';
import { checkSize } from '../data/table';
import { layoutTable } from '../data/tableEncode';
import { HAND_POINTS_MAX } from '../models/spec';
import { useT, type MessageKey } from '../i18n';
import { useAppStore } from '../store/context';
import { Select } from '../ui/Select';
import { FileButton } from '../ui/FileButton';
import './ownData.css';

/** The example tables in public/examples (made by scripts/makeExampleTables.mjs). */
const EXAMPLES = [
  { file: 'flowers.csv', key: 'own.example.flowers' },
  { file: 'tea.csv', key: 'own.example.tea' },
] as const;

/** Points a hand-placed set starts with: one of each class, so it trains from the first click. */
const FIRST_POINTS = [-3, 2, 0, 3, -2, 1];

/**
 * The learner's own data: open or drop a CSV (or an example), or place points by hand. Files are
 * read here, in the page; nothing leaves the device. Bad files leave the current work alone and
 * say why in the notice bar.
 */
export function OwnDataPanel() {
  const t = useT();
  const kind = useAppStore((s) => s.experiment.dataset.kind);
  const openTable = useAppStore((s) => s.openTable);
  const notify = useAppStore((s) => s.notify);
  const apply = useAppStore((s) => s.apply);
  const hand = useAppStore((s) => s.experiment.dataset.hand);
  const [over, setOver] = useState(false);

  const readFile = async (file: File) => {
    const tooBig = checkSize(file.size);
    if (tooBig) {
      notify({ kind: 'error', key: 'own.rejected', vars: { name: file.name }, cause: tooBig });
      return;
    }
    try {
      openTable(await file.text(), file.name);
    } catch (err) {
      notify({ kind: 'error', key: 'own.rejected', vars: { name: file.name }, cause: { key: 'table.err.read', vars: { detail: err instanceof Error ? err.message : String(err) } } });
    }
  };
  const openExample = async (file: string) => {
    try {
      const res = await fetch(`${import.meta.env.BASE_URL}examples/${file}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      openTable(await res.text(), file);
    } catch (err) {
      notify({ kind: 'error', key: 'own.rejected', vars: { name: file }, cause: { key: 'table.err.read', vars: { detail: err instanceof Error ? err.message : String(err) } } });
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void readFile(file);
  };

  return (
    <div
      className={`own-data${over ? ' drop-over' : ''}`}
      data-testid="own-data"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <span className="group-title">{t('own.title')}</span>
      <div className="own-actions">
        <FileButton accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" testId="open-csv" inputTestId="csv-input" onFiles={([file]) => void readFile(file)}>
          {t('own.open')}
        </FileButton>
        <span className="hint">{t('own.drop')}</span>
      </div>
      <div className="own-actions">
        {EXAMPLES.map((ex) => (
          <button key={ex.file} type="button" className="link-button" onClick={() => void openExample(ex.file)} data-testid={`example-${ex.file}`}>
            {t('own.example', { name: t(ex.key) })}
          </button>
        ))}
        <button
          type="button"
          className="link-button"
          aria-pressed={kind === 'hand'}
          onClick={() => apply({ type: 'dataset', patch: { kind: 'hand', hand: hand?.length ? hand : FIRST_POINTS } })}
          data-testid="dataset-hand"
        >
          {t('own.handButton')}
        </button>
      </div>
      <p className="hint">{t('own.private')}</p>
      {kind === 'table' ? <TableDetails /> : null}
      {kind === 'hand' ? <HandControls /> : null}
    </div>
  );
}

/** What was read from the table and how it is used: preview, columns, label, task, axes. */
function TableDetails() {
  const t = useT();
  const table = useAppStore((s) => s.table);
  const ref = useAppStore((s) => s.experiment.dataset.table);
  const choose = useAppStore((s) => s.chooseTable);
  const layout = useMemo(() => (table && ref && table.hash === ref.hash ? layoutTable(table, ref.label, ref.task) : null), [table, ref]);
  if (!ref) return null;
  if (!table || table.hash !== ref.hash || !layout || 'key' in layout) {
    return (
      <p className="hint own-missing" data-testid="table-missing">
        {t(table ? 'own.table.other' : 'own.table.missing', { name: ref.name })}
      </p>
    );
  }
  const kindLabel = (i: number) => {
    const c = table.columns[i];
    return c.kind === 'number' ? t('own.col.number') : c.kind === 'category' ? t('own.col.category', { n: c.categories.length }) : t('own.col.text', { n: c.distinct });
  };
  const inputs = layout.inputs.map((inp, i) => ({ value: i, label: inp.name }));
  const skippedLines = layout.skipped.slice(0, 8).join(', ') + (layout.skipped.length > 8 ? ', …' : '');
  return (
    <div className="table-details" data-testid="table-details">
      <p className="table-summary" data-testid="table-summary">
        {t('own.summary', { name: table.name, rows: table.rows, columns: table.columns.length })}
      </p>
      <div className="table-preview" role="region" aria-label={t('own.preview')} tabIndex={0}>
        <table data-testid="table-preview">
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} className={i === ref.label ? 'label-col' : undefined}>
                  {c.name}
                  <span className="col-kind">{kindLabel(i)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.preview.slice(1).map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i} className={i === ref.label ? 'label-col' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-choices">
        <Select
          label={t('own.label')}
          value={ref.label}
          options={table.columns.map((c, i) => ({ value: i, label: c.name })).filter((o) => table.columns[o.value].kind !== 'text')}
          onChange={(label) => choose({ label })}
          testId="table-label"
        />
        <Select
          label={t('own.task')}
          value={ref.task}
          options={[
            { value: 'classify', label: t('own.task.classify') },
            { value: 'regress', label: t('own.task.regress') },
          ]}
          onChange={(task) => choose({ task })}
          testId="table-task"
        />
      </div>
      {layout.classes ? <p className="hint" data-testid="table-classes">{t('own.classes', { list: layout.classes.join(', ') })}</p> : null}
      <p className="hint">{t('own.inputs', { n: layout.inputs.length })}</p>
      {layout.skipped.length ? (
        <p className="hint own-skipped" data-testid="table-skipped">
          {t('own.skipped', { n: layout.skipped.length, lines: skippedLines })}
        </p>
      ) : null}
      {inputs.length > 1 ? (
        <fieldset className="table-axes">
          <legend>{t('own.axes')}</legend>
          <Select label={t('own.axisX')} value={ref.axes[0]} options={inputs} onChange={(a) => choose({ axes: [a, a === ref.axes[1] ? ref.axes[0] : ref.axes[1]] })} testId="table-axis-x" />
          <Select label={t('own.axisY')} value={ref.axes[1]} options={inputs} onChange={(a) => choose({ axes: [a === ref.axes[0] ? ref.axes[1] : ref.axes[0], a] })} testId="table-axis-y" />
          <p className="hint">{t('own.axesHint')}</p>
        </fieldset>
      ) : null}
    </div>
  );
}

/** The class a click adds, erasing, clearing, and how many points there are. */
function HandControls() {
  const t = useT();
  const tool = useAppStore((s) => s.handTool);
  const setTool = useAppStore((s) => s.setHandTool);
  const count = useAppStore((s) => (s.experiment.dataset.hand?.length ?? 0) / 3);
  const apply = useAppStore((s) => s.apply);
  const tools: { value: 0 | 1 | 'erase'; key: MessageKey; n?: number }[] = [
    { value: 0, key: 'own.hand.class', n: 1 },
    { value: 1, key: 'own.hand.class', n: 2 },
    { value: 'erase', key: 'own.hand.erase' },
  ];
  return (
    <div className="hand-controls" data-testid="hand-controls">
      <p className="hint">{t('own.hand.hint')}</p>
      <div className="own-actions" role="radiogroup" aria-label={t('own.hand.title')}>
        {tools.map((tl) => (
          <button
            key={String(tl.value)}
            type="button"
            role="radio"
            aria-checked={tool === tl.value}
            className={`chip hand-tool hand-tool-${String(tl.value)}${tool === tl.value ? ' on' : ''}`}
            onClick={() => setTool(tl.value)}
            data-testid={`hand-tool-${String(tl.value)}`}
          >
            {t(tl.key, tl.n ? { n: tl.n } : undefined)}
          </button>
        ))}
        <button type="button" onClick={() => apply({ type: 'dataset', patch: { hand: [] } })} disabled={count === 0} data-testid="hand-clear">
          {t('own.hand.clear')}
        </button>
      </div>
      <p className="hint" data-testid="hand-count">
        {t('own.hand.count', { n: count, max: HAND_POINTS_MAX })} {count >= HAND_POINTS_MAX ? t('own.hand.full', { max: HAND_POINTS_MAX }) : ''}
      </p>
      <p className="hint">{t('own.hand.trainAll')}</p>
    </div>
  );
}
