import { formatValue } from '../../charts/format';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { toolStateOf } from '../../store/toolsSlice';
import { ToolStatus } from './ToolStatus';

/**
 * The trained network on the whole test split: loss, accuracy and inference time per example
 * (the metrics beside the chart use a fixed subset of the images or sequences).
 */
export default function TestSetTool() {
  const t = useT();
  const state = useAppStore((s) => toolStateOf(s, 'testAccuracy'));
  const runTool = useAppStore((s) => s.runTool);
  const step = useAppStore((s) => s.runs[s.activeRunId]?.step ?? 0);
  const r = state.result;
  return (
    <div className="tool test-set-tool" data-testid="tool-testSet">
      <p className="hint">{t('tools.testSet.what')}</p>
      <button type="button" data-testid="tool-testSet-run" disabled={state.status === 'computing'} onClick={() => runTool({ tool: 'testAccuracy' })}>
        {t('tools.testSet.run')}
      </button>
      <ToolStatus state={state} />
      {r ? (
        <table className="tool-table" data-testid="tool-testSet-result">
          <caption className="hint">{t('tools.takenAt', { step: r.step, now: step })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tools.testSet.examples')}</th>
              <th scope="col">{t('tools.testSet.loss')}</th>
              <th scope="col">{t('tools.testSet.accuracy')}</th>
              <th scope="col">{t('tools.testSet.time')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{r.examples}</td>
              <td>{formatValue(r.loss)}</td>
              <td>{r.accuracy === null ? '—' : `${(r.accuracy * 100).toFixed(1)} %`}</td>
              <td>{`${r.msPerExample.toFixed(3)} ms`}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
