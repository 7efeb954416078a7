import { useMemo, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { analyze, checkParam, withDefaults } from '../models/analysis';
import { formatShape, layerDef, type LayerError, type ParamSchema } from '../models/catalog';
import { ACTIVATIONS, isTrainable, type LayerNode, type ParamValue } from '../models/spec';
import { translateDynamic, useLocale, useT } from '../i18n';
import { useAppStore } from '../store/context';
import { InputsEditor } from './InputsEditor';
import { useEditorPolicy } from './useEditorPolicy';
import { NameField } from './NameField';
import { formatInt, layerDesc, layerName, paramHelp, paramLabel, paramOption, sameAsCode } from './labels';

const isActivationList = (options: readonly string[]) => options.every((o) => (ACTIVATIONS as readonly string[]).includes(o));

/** The text a field shows for a value. */
function toText(schema: ParamSchema, value: ParamValue | undefined): string {
  if (value === undefined) return '';
  if (schema.kind === 'shape') return Array.isArray(value) ? value.join(',') : String(value);
  return String(value);
}

/** Parse a field's text into the value its schema wants (validity is checked separately). */
function fromText(schema: ParamSchema, text: string): unknown {
  switch (schema.kind) {
    case 'int':
    case 'float':
      return text.trim() === '' ? NaN : Number(text);
    case 'shape': {
      const parts = text.split(/[\s,×xX]+/).filter(Boolean);
      return parts.length ? parts.map(Number) : [];
    }
    default:
      return text;
  }
}

interface FieldProps {
  node: LayerNode;
  schema: ParamSchema;
  value: ParamValue | undefined;
  onCommit(name: string, value: ParamValue): void;
}

/** One parameter: a control from its schema, its help text, and its error while the draft is invalid. */
function ParamField({ node, schema, value, onCommit }: FieldProps) {
  const t = useT();
  const locale = useLocale();
  const committed = toText(schema, value);
  const [draft, setDraft] = useState(committed);
  const [shown, setShown] = useState(committed);
  // The committed value changed (undo, another view): show it instead of the old draft.
  if (shown !== committed) {
    setShown(committed);
    setDraft(committed);
  }
  const [error, setError] = useState<LayerError | null>(null);

  const fieldId = `param-${node.id}-${schema.name}`;
  const helpId = `${fieldId}-help`;
  const errorId = `${fieldId}-error`;
  const help = paramHelp(locale, node.type, schema.name);
  const label = paramLabel(locale, schema.name);
  const describedBy = [help !== schema.name ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;

  const commitText = (text: string) => {
    const parsed = fromText(schema, text);
    const err = checkParam(schema, parsed);
    setError(err);
    if (!err && text !== committed) onCommit(schema.name, parsed as ParamValue);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commitText(draft);
  };
  const onTextChange = (text: string) => {
    setDraft(text);
    // Say what is wrong while typing; commit only on Enter or leaving the field (one undo step).
    setError(checkParam(schema, fromText(schema, text)));
  };

  // What every typed field (numbers, shapes) shares: draft text, error state, commit on Enter/blur.
  const textInput = {
    id: fieldId,
    value: draft,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onChange: (e: ChangeEvent<HTMLInputElement>) => onTextChange(e.target.value),
    onBlur: () => commitText(draft),
    onKeyDown,
  };
  let control;
  switch (schema.kind) {
    case 'int':
    case 'float':
      control = (
        <input
          {...textInput}
          type="number"
          inputMode={schema.kind === 'int' ? 'numeric' : 'decimal'}
          min={schema.min}
          max={schema.max}
          step={schema.kind === 'int' ? 1 : 'any'}
        />
      );
      // A VAE's β on a slider too (0–10 covers the interesting range; the field takes up to 50).
      // It moves the draft while dragged and commits once on release (one undo step, one rebuild).
      if (node.type === 'Sampling' && schema.name === 'beta') {
        control = (
          <span className="param-slider">
            {control}
            <input
              type="range"
              min={0}
              max={10}
              step={0.1}
              value={Math.min(10, Number(draft) || 0)}
              aria-label={t('editor.betaSlider')}
              data-testid="beta-slider"
              onChange={(e) => onTextChange(e.target.value)}
              onPointerUp={(e) => commitText(e.currentTarget.value)}
              onKeyUp={(e) => commitText(e.currentTarget.value)}
              onBlur={(e) => commitText(e.currentTarget.value)}
            />
          </span>
        );
      }
      break;
    case 'shape':
      control = (
        <input {...textInput} type="text" placeholder="28,28,1" />
      );
      break;
    case 'enum': {
      const acts = isActivationList(schema.options);
      control = (
        <select id={fieldId} value={draft} aria-describedby={describedBy} onChange={(e) => commitText(e.target.value)}>
          {schema.options.map((o) => (
            <option key={o} value={o}>
              {acts ? translateDynamic(locale, `act.${o}`, undefined, o) : paramOption(locale, schema.name, o)}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'bool':
      control = (
        <input
          id={fieldId}
          type="checkbox"
          checked={value === true}
          aria-describedby={describedBy}
          onChange={(e) => {
            setError(null);
            onCommit(schema.name, e.target.checked);
          }}
        />
      );
      break;
  }

  return (
    <div className={`inspector-field kind-${schema.kind}${error ? ' has-error' : ''}`}>
      <label htmlFor={fieldId} title={help}>
        {label}
        {/* The name the exported PyTorch / Keras code uses, where the label does not already say it. */}
        {sameAsCode(label, schema.name) ? null : (
          <>
            {' '}
            <code className="param-code">{schema.name}</code>
          </>
        )}
      </label>
      {control}
      {help !== schema.name ? (
        <p id={helpId} className="hint inspector-help">
          {help}
          {schema.kind === 'shape' ? ` ${t('editor.inspector.shapeHint')}` : ''}
        </p>
      ) : schema.kind === 'shape' ? (
        <p id={helpId} className="hint inspector-help">
          {t('editor.inspector.shapeHint')}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="inspector-error" role="alert" data-testid={`param-error-${schema.name}`}>
          {translateDynamic(locale, error.key, error.vars)}
        </p>
      ) : null}
    </div>
  );
}

/** The selected layer's settings, generated from its type's parameter schema. */
export function Inspector({ selected, onSelect }: { selected: string[]; onSelect(ids: string[]): void }) {
  const t = useT();
  const locale = useLocale();
  const network = useAppStore((s) => s.experiment.network);
  const apply = useAppStore((s) => s.apply);
  const analysis = useMemo(() => analyze(network), [network]);
  const node = selected.length === 1 ? network.nodes.find((n) => n.id === selected[0]) : undefined;
  // A teacher's read-only link: every field shown, none editable, and a line saying why.
  const editable = useEditorPolicy().edit;

  let body;
  if (!node) {
    body = <p className="hint">{selected.length > 1 ? t('editor.inspector.many', { n: selected.length }) : t('editor.inspector.empty')}</p>;
  } else {
    const def = layerDef(node.type);
    const info = analysis.nodes[node.id];
    const params = withDefaults(node);
    const commit = (name: string, value: ParamValue) => apply({ type: 'graph', change: { type: 'setParams', id: node.id, patch: { [name]: value } } });
    body = (
      <>
        <h3 className="inspector-name">{layerName(locale, node.type)}</h3>
        <p className="hint">{def ? layerDesc(locale, node.type) : t('editor.inspector.unknownType')}</p>
        <NameField id={node.id} spec={network} onRenamed={(to) => onSelect([to])} />
        <dl className="inspector-facts">
          <dt>{t('editor.inspector.type')}</dt>
          <dd>{node.type}</dd>
          <dt>{t('editor.inspector.inputs')}</dt>
          <dd>{node.inputs.length ? node.inputs.join(', ') : t('editor.inspector.none')}</dd>
          <dt>{t('editor.inspector.shape')}</dt>
          <dd data-testid="inspector-shape">{info?.shape ? formatShape(info.shape) : '—'}</dd>
          <dt>{t('editor.inspector.params')}</dt>
          <dd>{formatInt(locale, info?.params ?? 0)}</dd>
        </dl>
        {info?.error ? (
          <p className="inspector-error" data-testid="inspector-node-error">
            {translateDynamic(locale, info.error.key, info.error.vars)}
          </p>
        ) : null}
        <InputsEditor node={node} spec={network} />
        {(info?.params ?? 0) > 0 ? (
          <div className="inspector-field kind-bool inspector-trainable">
            <label htmlFor={`trainable-${node.id}`}>
              {t('editor.trainable')} <code className="param-code">trainable</code>
            </label>
            <input
              id={`trainable-${node.id}`}
              type="checkbox"
              data-testid="inspector-trainable"
              checked={isTrainable(node)}
              aria-describedby={`trainable-${node.id}-help`}
              onChange={(e) => apply({ type: 'graph', change: { type: 'setTrainable', ids: [node.id], trainable: e.target.checked } })}
            />
            <p id={`trainable-${node.id}-help`} className="hint inspector-help">
              {t('editor.trainable.help')}
            </p>
          </div>
        ) : null}
        {def && def.params.length === 0 ? <p className="hint">{t('editor.inspector.noParams')}</p> : null}
        <form className="inspector-form" onSubmit={(e) => e.preventDefault()}>
          {def?.params.map((schema) => (
            <ParamField key={`${node.id}:${schema.name}`} node={node} schema={schema} value={params[schema.name]} onCommit={commit} />
          ))}
        </form>
      </>
    );
  }
  return (
    // Read-only, nothing inside takes focus: the panel itself does, so it still scrolls by keyboard.
    <aside className="inspector" aria-labelledby="inspector-title" data-testid="inspector" data-tour="inspector" tabIndex={editable ? undefined : 0}>
      <h2 id="inspector-title">{t('editor.inspector')}</h2>
      {editable ? (
        body
      ) : (
        <>
          {node ? <p className="hint" data-testid="inspector-locked">{t('teacher.readOnly.inspector')}</p> : null}
          <fieldset className="inspector-lock" disabled>
            {body}
          </fieldset>
        </>
      )}
    </aside>
  );
}
