/**
 * The lesson editor: a teacher writes a lesson in the lessons' own format from inside the app —
 * a title, steps of text with formulas (previewed with the lessons' renderer), the current
 * Experiment as a step's setup, a highlight and a check (parsed live) — then tries it, saves it as
 * a file or copies a link. The editor's own words are i18n'd; the lesson is in the teacher's language.
 */

import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { translateDynamic, useLocale, useT, type Locale } from '../../i18n';
import { decodeExperimentFile, encodeExperimentFile } from '../../models/codec';
import { useAppStoreApi } from '../../store/context';
import { useCopy, useModalDialog } from '../../ui/useModalDialog';
import { TOUR_TARGETS, type TourTarget } from '../format';
import type { LessonStore } from '../lessonStore';
import { Markdown } from '../Markdown';
import { emptyDraft, readDraft, rememberOpened, saveDraft } from './draft';
import { problemText } from './problemText';
import { checkTeacherLesson, decodeTeacherFile, encodeTeacherFile, TEACHER_LESSON_LIMITS, teacherLessonUrl, teacherProblems, type TeacherLesson, type TeacherStep } from './teacherLesson';
import { FileButton } from '../../ui/FileButton';
import './teacher.css';

/** Hand the browser a text file to download. */
function download(name: string, text: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A file name from the title: letters and digits (any script), dashes between. */
export function lessonFileName(title: string): string {
  const slug = title.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `lesson-${slug || 'untitled'}.json`;
}

function StepEditor({ step, index, count, lang, onChange, onRemove, onMove }: { step: TeacherStep; index: number; count: number; lang: Locale; onChange(s: TeacherStep): void; onRemove(): void; onMove(by: -1 | 1): void }) {
  const t = useT();
  const locale = useLocale();
  const store = useAppStoreApi();
  const problems = useMemo(() => teacherProblems({ lang, title: 'x', steps: [step] }).map((p) => ({ ...p, step: index + 1 })), [step, lang, index]);
  const capture = () => {
    const decoded = decodeExperimentFile(encodeExperimentFile(store.getState().experiment));
    if (decoded.ok) onChange({ ...step, setup: decoded.value });
  };
  const id = `tlesson-step-${index}`;
  return (
    <li className="tlesson-step" data-testid={`tlesson-step-${index + 1}`}>
      <header className="tlesson-step-head">
        <h3>{t('teacher.step', { n: index + 1 })}</h3>
        <button type="button" className="icon" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t('teacher.step.up', { n: index + 1 })} title={t('teacher.step.up', { n: index + 1 })}>
          ↑
        </button>
        <button type="button" className="icon" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={t('teacher.step.down', { n: index + 1 })} title={t('teacher.step.down', { n: index + 1 })}>
          ↓
        </button>
        <button type="button" className="icon" onClick={onRemove} disabled={count === 1} aria-label={t('teacher.step.remove', { n: index + 1 })} title={t('teacher.step.remove', { n: index + 1 })} data-testid={`tlesson-remove-${index + 1}`}>
          ×
        </button>
      </header>
      <div className="tlesson-text">
        <label htmlFor={`${id}-text`}>{t('teacher.field.text')}</label>
        <textarea
          id={`${id}-text`}
          lang={lang}
          rows={5}
          maxLength={TEACHER_LESSON_LIMITS.text + 100}
          value={step.text}
          placeholder={t('teacher.text.placeholder')}
          onChange={(e) => onChange({ ...step, text: e.target.value })}
          data-testid={`tlesson-text-${index + 1}`}
        />
        <div className="tlesson-preview" aria-label={t('teacher.preview')} lang={lang} data-testid={`tlesson-preview-${index + 1}`}>
          {step.text.trim() ? <Markdown text={step.text} className="lesson-text" /> : <p className="hint">{t('teacher.preview.empty')}</p>}
        </div>
      </div>
      <div className="tlesson-options">
        <div className="tlesson-setup">
          <span className="tlesson-label">{t('teacher.field.setup')}</span>
          {step.setup ? (
            <span data-testid={`tlesson-setup-${index + 1}`}>
              {t('teacher.setup.summary', { dataset: translateDynamic(locale, `ds.${step.setup.dataset.kind}`, undefined, step.setup.dataset.kind), n: step.setup.network.nodes.length })}{' '}
            </span>
          ) : (
            <span className="hint">{t('teacher.setup.none')} </span>
          )}
          <button type="button" onClick={capture} data-testid={`tlesson-capture-${index + 1}`}>
            {step.setup ? t('teacher.setup.recapture') : t('teacher.setup.capture')}
          </button>
          {step.setup ? (
            <button type="button" className="link" onClick={() => onChange({ ...step, setup: undefined })}>
              {t('teacher.setup.remove')}
            </button>
          ) : null}
        </div>
        <label className="tlesson-target">
          <span className="tlesson-label">{t('teacher.field.target')}</span>
          <select value={step.target ?? ''} onChange={(e) => onChange({ ...step, target: (e.target.value || undefined) as TourTarget | undefined })} data-testid={`tlesson-target-${index + 1}`}>
            <option value="">{t('teacher.target.none')}</option>
            {TOUR_TARGETS.map((id) => (
              <option key={id} value={id}>
                {translateDynamic(locale, `teacher.target.${id}`, undefined, id)}
              </option>
            ))}
          </select>
        </label>
        <label className="tlesson-check">
          <span className="tlesson-label">{t('teacher.field.check')}</span>
          <input
            type="text"
            spellCheck={false}
            value={step.check ?? ''}
            placeholder="testAcc >= 0.9"
            aria-invalid={problems.some((p) => p.field === 'check') || undefined}
            onChange={(e) => onChange({ ...step, check: e.target.value.trim() ? e.target.value : undefined })}
            data-testid={`tlesson-check-${index + 1}`}
          />
        </label>
        <p className="hint tlesson-check-hint">{t('teacher.check.hint')}</p>
      </div>
      {problems.length ? (
        <div role="alert">
          <ul className="tlesson-problems" data-testid={`tlesson-problems-${index + 1}`}>
            {problems.map((p, i) => (
              <li key={i}>{problemText(locale, p)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

/** The lesson editor dialog (opened from the lesson map), mounted while it is open. */
export function LessonEditor({ lessons }: { lessons: LessonStore }) {
  const writing = useStore(lessons, (s) => s.writing);
  return writing ? <EditorDialog lessons={lessons} /> : null;
}

export function EditorDialog({ lessons }: { lessons: LessonStore }) {
  const t = useT();
  const locale = useLocale();
  const dialog = useModalDialog();
  const [draft, setDraft] = useState<TeacherLesson>(() => readDraft() ?? emptyDraft(locale));
  const [link, setLink] = useState<{ url: string | null } | null>(null);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const [copied, copy] = useCopy();
  useEffect(() => saveDraft(draft), [draft]);
  const checked = useMemo(() => checkTeacherLesson(draft), [draft]);
  const lessonProblems = checked.ok ? [] : checked.problems.filter((p) => !p.step);
  const update = (next: TeacherLesson) => {
    setDraft(next);
    setLink(null);
  };
  const setStep = (i: number, s: TeacherStep) => update({ ...draft, steps: draft.steps.map((x, j) => (j === i ? s : x)) });
  const close = () => lessons.getState().setWriting(false);
  const tryIt = () => {
    if (!checked.ok) return;
    rememberOpened(checked.teacher);
    lessons.getState().startCustom({ lesson: checked.lesson, lang: checked.teacher.lang });
  };
  const makeLink = () => {
    if (!checked.ok) return;
    const url = teacherLessonUrl(window.location.href, checked.teacher);
    setLink({ url });
    if (url) void copy(url);
  };
  const save = () => checked.ok && download(lessonFileName(draft.title), encodeTeacherFile(checked.teacher));
  const open = async (file: File) => {
    if (file.size > TEACHER_LESSON_LIMITS.file) {
      setFileProblems([translateDynamic(locale, 'teacher.err.tooLarge', { max: TEACHER_LESSON_LIMITS.file })]);
      return;
    }
    const decoded = decodeTeacherFile(await file.text());
    if (decoded.ok) {
      setFileProblems([]);
      update(decoded.teacher);
    } else setFileProblems(decoded.problems.map((p) => problemText(locale, p)));
  };
  return (
    <dialog ref={dialog} className="tlesson-editor" aria-labelledby="tlesson-title" onClose={close} onCancel={close} data-testid="lesson-editor">
      <h2 id="tlesson-title">{t('teacher.editor.title')}</h2>
      <p className="hint">{t('teacher.editor.intro')}</p>
      <div className="tlesson-meta">
        <label>
          {t('teacher.field.title')}
          <input type="text" lang={draft.lang} value={draft.title} maxLength={TEACHER_LESSON_LIMITS.title + 20} onChange={(e) => update({ ...draft, title: e.target.value })} data-testid="tlesson-title" />
        </label>
        <label>
          {t('teacher.lang')}
          <select value={draft.lang} onChange={(e) => update({ ...draft, lang: e.target.value as Locale })} data-testid="tlesson-lang">
            <option value="en">{t('teacher.lang.en')}</option>
            <option value="zh-CN">{t('teacher.lang.zh-CN')}</option>
          </select>
        </label>
      </div>
      <ol className="tlesson-steps">
        {draft.steps.map((s, i) => (
          <StepEditor
            key={i}
            step={s}
            index={i}
            count={draft.steps.length}
            lang={draft.lang}
            onChange={(next) => setStep(i, next)}
            onRemove={() => update({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })}
            onMove={(by) => {
              const steps = [...draft.steps];
              [steps[i], steps[i + by]] = [steps[i + by], steps[i]];
              update({ ...draft, steps });
            }}
          />
        ))}
      </ol>
      <button type="button" onClick={() => update({ ...draft, steps: [...draft.steps, { text: '' }] })} disabled={draft.steps.length >= TEACHER_LESSON_LIMITS.steps} data-testid="tlesson-add-step">
        {t('teacher.step.add')}
      </button>
      {lessonProblems.length || fileProblems.length ? (
        <div role="alert">
          <ul className="tlesson-problems" data-testid="tlesson-problems">
            {[...fileProblems, ...lessonProblems.map((p) => problemText(locale, p))].map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {checked.ok ? <p className="hint" data-testid="tlesson-ready">{t('teacher.ready', { n: draft.steps.length })}</p> : null}
      {link ? (
        link.url ? (
          <label className="share-link">
            {copied ? t('notice.linkCopied') : t('teacher.link')}
            <input readOnly value={link.url} data-testid="tlesson-link" onFocus={(e) => e.target.select()} />
          </label>
        ) : (
          <p className="tlesson-problems" role="alert" data-testid="tlesson-link-too-long">
            {t('teacher.link.tooLong', { max: TEACHER_LESSON_LIMITS.link })}{' '}
            <button type="button" onClick={save}>
              {t('teacher.save')}
            </button>
          </p>
        )
      ) : null}
      <div className="dialog-actions">
        <FileButton accept="application/json,.json" inputTestId="tlesson-file" onFiles={([file]) => void open(file)}>
          {t('teacher.openToEdit')}
        </FileButton>
        <button type="button" onClick={() => (draft.title || draft.steps.some((x) => x.text) ? window.confirm(t('teacher.new.confirm')) : true) && update(emptyDraft(draft.lang))}>
          {t('teacher.new')}
        </button>
        <button type="button" onClick={save} disabled={!checked.ok} data-testid="tlesson-save">
          {t('teacher.save')}
        </button>
        <button type="button" onClick={makeLink} disabled={!checked.ok} data-testid="tlesson-make-link">
          {t('teacher.makeLink')}
        </button>
        <button type="button" className="primary" onClick={tryIt} disabled={!checked.ok} data-testid="tlesson-try">
          {t('teacher.try')}
        </button>
        <button type="button" onClick={close} data-testid="tlesson-close">
          {t('teacher.close')}
        </button>
      </div>
    </dialog>
  );
}

export default LessonEditor;
