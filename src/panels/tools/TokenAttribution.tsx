import { useState } from 'react';
import { maxAbs } from '../../charts/explainStats';
import { readableText } from '../../charts/contrast';
import { formatValue } from '../../charts/format';
import { attributionColour } from '../../charts/paintAttribution';
import { translate, useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { toolStateOf } from '../../store/toolsSlice';
import { ToolStatus } from './ToolStatus';
import './ExplainTool.css';
import { Figure } from '../../ui/Figure';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/**
 * The explanations tab in the sequence lab (sentiment task): a sentence typed or taken from the
 * test split, each token's background coloured by its gradient × input towards the class, with
 * the numbers in each token's title and in a list for screen readers.
 */
export default function TokenAttribution() {
  const t = useT();
  const kind = useAppStore((s) => s.experiment.dataset.kind);
  // The example sentence is in the dataset's language, whatever the page's.
  const language = useAppStore((s) => s.experiment.dataset.sequence.language);
  const example = translate(language === 'zh' ? 'zh-CN' : 'en', 'attr.tokens.placeholder');
  const state = useAppStore((s) => toolStateOf(s, 'tokenAttribution'));
  const runTool = useAppStore((s) => s.runTool);
  const [text, setText] = useState('');
  const [testIndex, setTestIndex] = useState(0);
  if (kind !== 'sentiment') return <p className="hint">{t('attr.tokens.onlySentiment')}</p>;
  const r = state.result;
  const values = r ? r.values.filter((v): v is number => v !== null) : [];
  const scale = maxAbs(values);
  const className = (c: number) => (c === 0 || c === 1 ? t(`attr.tokens.class.${c}`) : String(c));
  const describe = (i: number) => {
    if (!r) return '';
    const token = r.tokens[i];
    const v = r.values[i];
    if (v !== null) return t('attr.tokens.value', { token, v: formatValue(v) });
    return t(r.missing[i] === 'cut' ? 'attr.tokens.cut' : 'attr.tokens.unknown', { token });
  };
  return (
    <div className="tool attr-tool" data-testid="tool-tokens">
      <p className="hint">{t('attr.tokens.what')}</p>
      <form
        className="attr-tokens-form"
        onSubmit={(e) => {
          e.preventDefault();
          runTool({ tool: 'tokenAttribution', source: { kind: 'text', text: text.trim() || example } });
        }}
      >
        <label className="control">
          <span className="control-label">{t('attr.tokens.sentence')}</span>
          <input type="text" value={text} maxLength={300} placeholder={example} onChange={(e) => setText(e.target.value)} data-testid="attr-sentence" />
        </label>
        <button type="submit" className="primary" disabled={state.status === 'computing'} data-testid="attr-tokens-run">
          {t('attr.tokens.run')}
        </button>
        <button
          type="button"
          disabled={state.status === 'computing'}
          data-testid="attr-tokens-test"
          onClick={() => {
            runTool({ tool: 'tokenAttribution', source: { kind: 'test', index: testIndex } });
            setTestIndex((i) => i + 1);
          }}
        >
          {t('attr.tokens.test')}
        </button>
      </form>
      <ToolStatus state={state} />
      {r ? (
        <figure className="attr-result" data-testid="attr-tokens-result">
          <Figure name="token-attribution">
            <div className="attr-sentence">
              {r.tokens.map((token, i) => {
                const v = r.values[i];
                if (v === null)
                  return (
                    <span key={i} className="attr-token missing" title={describe(i)} data-testid="attr-token" data-value="">
                      {token}
                    </span>
                  );
                const bg = attributionColour(v, scale);
                return (
                  <span key={i} className="attr-token" style={{ background: bg, color: readableText(bg) }} title={describe(i)} data-testid="attr-token" data-value={v}>
                    {token}
                  </span>
                );
              })}
            </div>
          </Figure>
          <figcaption className="hint" data-testid="attr-tokens-caption">
            {t('attr.tokens.caption', {
              pred: className(r.predicted),
              p: pct(r.probabilities[r.predicted]),
              cls: className(r.classIndex),
              score: formatValue(r.scoreValue),
              pad: formatValue(r.padSum),
              step: r.step,
            })}
          </figcaption>
          <details className="attr-token-list">
            <summary>{t('attr.tokens.list')}</summary>
            <ul>
              {r.tokens.map((_, i) => (
                <li key={i}>{describe(i)}</li>
              ))}
            </ul>
          </details>
        </figure>
      ) : null}
    </div>
  );
}
