import { useCallback, useEffect, useRef } from 'react';
import { useImageClassNames } from '../imageClassNames';
import { useT, type MessageKey } from '../../i18n';
import { DISTILLATION_LIMITS, distillationOf, type DistillationConfig } from '../../models/distillation';
import { isImageDataset } from '../../models/spec';
import { useAppStore } from '../../store/context';
import { toolStateOf } from '../../store/toolsSlice';
import type { DistillProbeView } from '../../training/tools/distillProbeTypes';
import { Slider } from '../../ui/Slider';
import { ToolStatus } from './ToolStatus';
import { TeacherFromFile } from './TeacherFromFile';
import './DistillTool.css';

/** How often, at most, the probe is asked again while training runs (ms). */
const REFRESH_MS = 1500;

/** One probability as a bar with its value. */
function Bar({ p, kind }: { p: number; kind: 'teacherHard' | 'teacherSoft' | 'student' }) {
  return (
    <span className={`distill-bar distill-bar-${kind}`}>
      <span className="distill-bar-fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
      <span className="distill-bar-value">{(p * 100).toFixed(1)} %</span>
    </span>
  );
}

/**
 * Knowledge distillation (issue 16): make the trained network the teacher, build a small student,
 * and train it on α·CE + (1 − α)·T²·KL(teacher_T ‖ student_T). Shows the probe image's true class
 * beside the teacher's probabilities as they are and softened at T, and the student's at T.
 */
export default function DistillTool() {
  const t = useT();
  const exp = useAppStore((s) => s.experiment);
  const teacher = useAppStore((s) => s.distillTeacher);
  const capture = useAppStore((s) => s.distillCapture);
  const captureTeacher = useAppStore((s) => s.captureTeacher);
  const dropTeacher = useAppStore((s) => s.dropTeacher);
  const buildStudent = useAppStore((s) => s.buildStudent);
  const apply = useAppStore((s) => s.apply);
  const runTool = useAppStore((s) => s.runTool);
  const state = useAppStore((s) => toolStateOf(s, 'distillProbe'));
  const step = useAppStore((s) => s.runs[s.activeRunId]?.step ?? 0);
  const origin = useAppStore((s) => s.runs[s.activeRunId]?.origin ?? 0);
  const probeIndex = useAppStore((s) => s.view.probeIndex);
  const drawing = useAppStore((s) => s.drawing);
  const names = useImageClassNames();
  const d = distillationOf(exp.training);
  const images = isImageDataset(exp.dataset.kind);
  const set = (patch: Partial<DistillationConfig>) => apply({ type: 'training', patch: { distillation: { ...d, ...patch } } });

  // Ask the engine again when what the bars show may have moved: the teacher, T, the probe, the
  // network (origin), and the step (at most every REFRESH_MS while it trains).
  const last = useRef(0);
  const ask = useCallback(() => {
    last.current = Date.now();
    runTool({ tool: 'distillProbe', temperature: d.temperature, ...(drawing ? { pixels: drawing } : { index: probeIndex }) });
  }, [runTool, d.temperature, drawing, probeIndex]);
  useEffect(() => {
    if (images) ask();
  }, [images, ask, teacher, origin, exp.network]);
  useEffect(() => {
    if (!images) return;
    const wait = Math.max(0, REFRESH_MS - (Date.now() - last.current));
    const id = setTimeout(ask, wait);
    return () => clearTimeout(id);
  }, [images, step, ask]);

  if (!images) return <p className="hint" data-testid="tool-distill">{t('distill.imagesOnly')}</p>;
  const r = state.result;
  const ready = r?.teacher === 'ready' && r.teacherView && r.studentView;
  const rows = (v: DistillProbeView | null | undefined) => v?.hard.length ?? 0;
  const notice: MessageKey | null = !teacher ? (d.enabled ? 'distill.noTeacherOn' : null) : r?.teacher === 'misfit' && r.misfit ? r.misfit : null;
  return (
    <div className="tool distill-tool" data-testid="tool-distill">
      <p className="hint">{t('distill.what')}</p>
      <div className="distill-steps">
        <section aria-labelledby="distill-teacher-h">
          <h3 id="distill-teacher-h">{t('distill.teacher.h')}</h3>
          {teacher ? (
            <p data-testid="distill-teacher-info">
              {t('distill.teacher.info', { params: teacher.params.toLocaleString(), step: teacher.step })}
              {r?.teacher === 'ready' && r.teacherAccuracy !== null ? ` ${t('distill.teacher.acc', { acc: (r.teacherAccuracy * 100).toFixed(1) })}` : ''}
            </p>
          ) : (
            <p className="hint">{t('distill.teacher.none')}</p>
          )}
          <div className="distill-buttons">
            <button type="button" data-testid="distill-capture" disabled={capture === 'capturing' || step === 0} onClick={() => void captureTeacher()}>
              {teacher ? t('distill.teacher.replace') : t('distill.teacher.capture')}
            </button>
            {teacher ? (
              <button type="button" data-testid="distill-drop" onClick={dropTeacher}>
                {t('distill.teacher.drop')}
              </button>
            ) : null}
          </div>
          {capture === 'failed' ? <p className="tool-error" role="alert">{t('distill.teacher.failed')}</p> : null}
          <TeacherFromFile />
        </section>
        <section aria-labelledby="distill-student-h">
          <h3 id="distill-student-h">{t('distill.student.h')}</h3>
          <p className="hint">{t('distill.student.what')}</p>
          <button type="button" data-testid="distill-student" disabled={!teacher} onClick={() => buildStudent(16)}>
            {t('distill.student.use')}
          </button>
        </section>
        <section aria-labelledby="distill-settings-h">
          <h3 id="distill-settings-h">{t('distill.settings.h')}</h3>
          <label className="distill-switch">
            <input type="checkbox" data-testid="distill-enabled" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
            {t('distill.enabled')}
          </label>
          <Slider
            label={(v) => t('distill.temperature', { value: v })}
            value={d.temperature}
            min={DISTILLATION_LIMITS.temperature[0]}
            max={DISTILLATION_LIMITS.temperature[1]}
            step={0.5}
            onChange={(v) => set({ temperature: v })}
            testId="distill-temperature"
          />
          <p className="hint">{t('distill.temperature.what')}</p>
          <Slider
            label={(v) => t('distill.alpha', { value: v.toFixed(2) })}
            value={d.alpha}
            min={DISTILLATION_LIMITS.alpha[0]}
            max={DISTILLATION_LIMITS.alpha[1]}
            step={0.05}
            onChange={(v) => set({ alpha: v })}
            testId="distill-alpha"
          />
          <p className="hint">{t('distill.alpha.what')}</p>
        </section>
      </div>
      {notice ? (
        <p className="distill-notice" role="status" data-testid="distill-notice">
          {t(notice)}
        </p>
      ) : null}
      <ToolStatus state={state} />
      {ready && r ? (
        <table className="tool-table distill-probs" data-testid="distill-probs">
          <caption className="hint">
            {r.label === null ? t('distill.probe.drawing') : t('distill.probe.label', { label: names[r.label] ?? String(r.label) })} · {t('tools.takenAt', { step: r.step, now: step })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('distill.col.class')}</th>
              <th scope="col">{t('distill.col.label')}</th>
              <th scope="col">{t('distill.col.teacherHard')}</th>
              <th scope="col">{t('distill.col.teacherSoft', { T: r.temperature })}</th>
              <th scope="col">{t('distill.col.studentSoft', { T: r.temperature })}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows(r.teacherView) }, (_, c) => (
              <tr key={c} className={c === r.label ? 'distill-true' : undefined}>
                <th scope="row">{names[c] ?? c}</th>
                <td>{r.label === null ? '—' : c === r.label ? '1' : '0'}</td>
                <td>
                  <Bar p={r.teacherView!.hard[c]} kind="teacherHard" />
                </td>
                <td data-testid="distill-teacher-soft">
                  <Bar p={r.teacherView!.soft[c]} kind="teacherSoft" />
                </td>
                <td>
                  <Bar p={r.studentView!.soft[c]} kind="student" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="hint">{t('distill.compare')}</p>
    </div>
  );
}
