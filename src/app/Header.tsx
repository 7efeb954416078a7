import { Suspense, useRef, useState } from 'react';
import { lazyNamed } from '../ui/lazyNamed';
import { decodeSavedFile } from '../models/weightsFile';
import { startName } from '../models/runStart';
import { missingTableNotice, renamedNotice } from '../store/notices';
import { LOCALES, useT, type Locale } from '../i18n';
import { useAppStore, useAppStoreApi } from '../store/context';
import { useLessonsApi } from '../lessons/context';
import { openDecoded } from '../lessons/teacher/openTeacherLesson';
import { decodeTeacherFile, looksLikeLessonFile } from '../lessons/teacher/teacherLesson';
import { selectActiveRun } from '../store/selectors';
import { useHidden } from '../panels/useHidden';
import type { BackendPreference } from '../training/protocol';
// The code exporters (PyTorch, Keras, train.py) load when the dialog first opens.
const CodeDialog = lazyNamed(() => import('./CodeDialog'), (m) => m.CodeDialog);
import { downloadSavedFile } from './download';
// The Share dialog (teacher controls, challenges, the editor's rules) loads when first opened.
const ShareDialog = lazyNamed(() => import('./ShareDialog'), (m) => m.ShareDialog);
import { openHandInFile } from '../lessons/challenge/handInLink';
import { TemplateDialog } from './TemplateDialog';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '中文' };

/** Which backend runs, where, and why: always visible, as the issue asks. */
function BackendBadge() {
  const t = useT();
  const run = useAppStore(selectActiveRun);
  const pref = useAppStore((s) => s.backendPref);
  const setPref = useAppStore((s) => s.setBackendPref);
  const label = run.backend ? t(run.backend === 'webgl' ? 'backend.webgl' : 'backend.cpu') : t('backend.starting');
  const where = run.host ? t(run.host === 'main' ? 'host.main' : 'host.worker') : '';
  const note = run.backendNote ? t(`backendNote.${run.backendNote}`) : '';
  // A teacher's link may take the choice away; what it runs on still shows.
  const hideChoice = useHidden('backend');
  return (
    <div className="backend" data-tour="backend">
      {hideChoice ? null : (
        <label>
          {t('hdr.backend')}{' '}
          <select value={pref} onChange={(e) => setPref(e.target.value as BackendPreference)} data-testid="backend-pref">
            {(['auto', 'webgl', 'cpu'] as const).map((b) => (
              <option key={b} value={b}>
                {t(`backend.${b}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <span className={`badge badge-${run.backend ?? 'none'}`} data-testid="backend" data-backend={run.backend ?? ''} data-host={run.host ?? ''} title={[where, note].filter(Boolean).join(' — ')}>
        {label}
        {run.host === 'main' ? ' ⚠' : ''}
      </span>
      {run.host === 'main' ? <span className="backend-host" data-testid="backend-host">{where}</span> : null}
    </div>
  );
}

function FileButtons() {
  const t = useT();
  const hideSave = useHidden('saveFile');
  const hideOpen = useHidden('openFile');
  const store = useAppStoreApi();
  const lessons = useLessonsApi();
  const input = useRef<HTMLInputElement>(null);
  // A trained network is saved with its weights, so opening the file continues from there.
  const save = async () => {
    const s = store.getState();
    const experiment = s.experiment;
    const weights = selectActiveRun(s).step > 0 ? await s.saveWeights() : null;
    // A table the Experiment trains on travels in the file beside it (links only name it).
    const table = experiment.dataset.kind === 'table' && s.tableSource && s.table?.hash === experiment.dataset.table?.hash ? s.tableSource : null;
    // So do the learner's own images or text that it names.
    const ownImages = experiment.dataset.kind === 'ownImages' ? s.ownImages : null;
    const ownText = experiment.dataset.kind === 'charLm' && experiment.dataset.text ? s.ownText : null;
    const ownSentences = experiment.dataset.kind === 'sentiment' && experiment.dataset.sentences ? s.ownSentences : null;
    downloadSavedFile(experiment, weights, { table, pinned: s.pinned, ownImages, ownText, ownSentences });
  };
  const open = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    // A student's hand-in opens as one, to re-run (lessons/challenge).
    if (openHandInFile(store, text)) {
      if (input.current) input.current.value = '';
      return;
    }
    // A teacher's lesson file opened here plays as a lesson (lessons/teacher), never as an Experiment.
    if (lessons && looksLikeLessonFile(text)) {
      if (input.current) input.current.value = '';
      openDecoded(lessons, store, decodeTeacherFile(text));
      return;
    }
    const decoded = decodeSavedFile(text);
    const s = store.getState();
    if (!decoded.ok) s.notify({ kind: 'error', key: 'notice.badFile', cause: decoded.error });
    else {
      const { experiment, weights, weightsError, pinned, pinnedError, table, ownImages, ownText, ownSentences, ownError } = decoded.value;
      if (ownImages) s.loadOwnImages(ownImages);
      if (ownText) s.loadOwnText(ownText);
      if (ownSentences) s.loadOwnSentences(ownSentences);
      // The file's table first (the engine gets the rows before the Experiment that names them).
      if (table && !s.loadTable(table.text, table.name)) {
        if (input.current) input.current.value = '';
        return;
      }
      s.apply({ type: 'replace', experiment });
      // A file with pinned runs brings them; one without leaves the learner's own pinned runs alone.
      if (pinned) s.setPinned(pinned);
      // After the replace: the engine rebuilds the network first, then writes the weights into it.
      if (weights) s.loadWeights(weights, { kind: 'file', name: startName(file.name) });
      if (ownError) s.notify({ kind: 'warning', key: 'notice.badFile', cause: ownError });
      else if (weightsError) s.notify({ kind: 'warning', key: 'notice.weightsBad', cause: weightsError });
      else if (pinnedError) s.notify({ kind: 'warning', key: 'notice.pinnedFileBad', cause: pinnedError });
      else s.notify(renamedNotice(decoded.renamed) ?? missingTableNotice(experiment, store.getState().table) ?? (pinned?.length ? { kind: 'info', key: 'notice.pinnedFromFile', vars: { n: pinned.length } } : null));
    }
    if (input.current) input.current.value = '';
  };
  return (
    <>
      {hideSave ? null : (
        <button type="button" className="hdr-secondary" onClick={() => void save()} title={t('hdr.exportHint')} data-testid="header-save">
          {t('hdr.export')}
        </button>
      )}
      {hideOpen ? null : (
        <button type="button" className="hdr-secondary" onClick={() => input.current?.click()} data-testid="header-open">
          {t('hdr.import')}
        </button>
      )}
      <input ref={input} type="file" accept="application/json,.json" hidden data-testid="file-input" onChange={(e) => void open(e.target.files?.[0])} />
    </>
  );
}

export function Header() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const setLocale = useAppStore((s) => s.setLocale);
  const canUndo = useAppStore((s) => s.past.length > 0);
  const canRedo = useAppStore((s) => s.future.length > 0);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const [sharing, setSharing] = useState(false);
  const [picking, setPicking] = useState(false);
  const [coding, setCoding] = useState(false);
  const lessons = useLessonsApi();
  const presenter = useAppStore((s) => s.presenter);
  const setPresenter = useAppStore((s) => s.setPresenter);
  const setOverlay = useAppStore((s) => s.setOverlay);
  const hide = useAppStore((s) => s.hide);
  const hidden = new Set(hide);
  const teacherStart = useAppStore((s) => s.teacherStart);
  const store = useAppStoreApi();
  // The experiment exactly as the teacher's link opened it (one undoable step; the run starts over).
  const backToTeacher = () => {
    const s = store.getState();
    if (!s.teacherStart) return;
    s.apply({ type: 'replace', experiment: s.teacherStart });
    s.reset();
    s.notify({ kind: 'info', key: 'notice.teacherStart' });
  };
  return (
    <header className="header">
      <div className="brand">
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </div>
      <div className="header-actions">
        {teacherStart ? (
          <button type="button" className="teacher-back" onClick={backToTeacher} title={t('teacher.backHint')} data-testid="teacher-back">
            {t('teacher.back')}
          </button>
        ) : null}
        {lessons && !hidden.has('lessons') ? (
          <button type="button" className="primary lessons-button" onClick={() => lessons.getState().openMap()} data-testid="lessons-button">
            {t('lessons.button')}
          </button>
        ) : null}
        <button type="button" className={`present-toggle${presenter ? ' on' : ''}`} aria-pressed={presenter} onClick={() => setPresenter(!presenter)} title={t('present.hint')} data-testid="present">
          {presenter ? t('present.off') : t('present.on')}
        </button>
        {presenter ? (
          <>
            <button type="button" onClick={() => setOverlay('qr')} data-testid="present-qr">
              {t('present.qr')}
            </button>
            <button type="button" onClick={() => setOverlay('keys')} data-testid="present-keys">
              {t('present.keys')}
            </button>
          </>
        ) : null}
        <BackendBadge />
        <button type="button" className="hdr-secondary" onClick={undo} disabled={!canUndo} title="Ctrl+Z" data-testid="undo">
          {t('hdr.undo')}
        </button>
        <button type="button" className="hdr-secondary" onClick={redo} disabled={!canRedo} title="Ctrl+Shift+Z">
          {t('hdr.redo')}
        </button>
        {hidden.has('templates') ? null : (
          <button type="button" className="hdr-secondary" onClick={() => setPicking(true)} data-testid="templates" data-tour="templates">
            {t('tpl.button')}
          </button>
        )}
        {hidden.has('code') ? null : (
          <button type="button" className="hdr-secondary" onClick={() => setCoding(true)} data-testid="code-button">
            {t('code.button')}
          </button>
        )}
        <FileButtons />
        {hidden.has('share') ? null : (
          <button type="button" className="primary" onClick={() => setSharing(true)} data-testid="share">
            {t('hdr.share')}
          </button>
        )}
        <label className="language">
          <span className="visually-hidden">{t('hdr.language')}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('hdr.language')} data-testid="language">
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {sharing ? (
        <Suspense fallback={null}>
          <ShareDialog onClose={() => setSharing(false)} />
        </Suspense>
      ) : null}
      {picking ? <TemplateDialog onClose={() => setPicking(false)} /> : null}
      {coding ? (
        <Suspense fallback={null}>
          <CodeDialog onClose={() => setCoding(false)} />
        </Suspense>
      ) : null}
    </header>
  );
}
