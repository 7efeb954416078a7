// First: it configures zod before any module that parses is evaluated.
import '../models/noEval';
import { lazy, Suspense, useEffect, useState } from 'react';
import { analyze } from '../models/analysis';
import { openTemplate } from '../models/openTemplate';
import { templateById } from '../models/templates';
import { decodeLink, hasLinkState } from '../models/codec';
import { DEFAULT_EDITOR_POLICY } from '../models/editorPolicy';
import { LocaleContext, translate, useT } from '../i18n';
import { StoreContext, useAppStore } from '../store/context';
import type { AppStore } from '../store/createAppStore';
import { connectEngine } from '../store/engineBridge';
import { renamedNotice } from '../store/notices';
import { shareUrl, type KeyValueStorage } from '../store/persistence';
import { createAutosave, type Autosave } from '../store/autosave';
import { openTabChannel, type TabChannel } from '../store/tabChannel';
import { modalityOf } from '../models/spec';
import { LABS, RaceLab } from '../labs';
import { curriculumNow, loadCurriculum, useCurriculum } from '../lessons/curriculum';
import type { Lesson } from '../lessons/format';
import { LessonsContext, useLessons } from '../lessons/context';
import { LessonMap } from '../lessons/LessonMap';
import { LessonPanel } from '../lessons/LessonPanel';
import { createLessonStore, type LessonStore } from '../lessons/lessonStore';
import type { LessonLink } from '../lessons/progress';
import { useLessonAddress } from '../lessons/useLessonAddress';
import { WelcomeCard } from '../lessons/WelcomeCard';
import { openFromAddress, useTeacherLessonLinks } from '../lessons/teacher/openTeacherLesson';
import { LessonEditor } from '../lessons/teacher/LessonEditorGate';
import { Header } from './Header';
import { Classroom } from './Classroom';
import { NoticeBanner } from './NoticeBanner';
import { UpdateNotice } from './offline/UpdateNotice';
import { SaveNotice } from './SaveNotice';
import { TrainingBar } from './TrainingBar';
import { DynamicsPanel } from '../panels/DynamicsPanel';
import { ToolsPanel } from '../panels/tools/ToolsPanel';
import { ChallengeArea } from './challenge/ChallengeArea';

// The graph editor (React Flow, dagre) loads on its first visit: the playground does not need it.
const EditorView = lazy(() => import('../editor/EditorView'));

export interface AppProps {
  store: AppStore;
  storage: KeyValueStorage | null;
  /** Where the engine runs; 'none' for component tests that need no training. */
  engineHost?: 'worker' | 'main' | 'none';
  /** How this tab talks to the site's other tabs about the saved work (tests pass a fake). */
  openTabChannel?: () => TabChannel | null;
  /** What the address asks of the lessons (`?lessons`, `?lesson=<id>&step=<n>`). */
  lessonLink?: LessonLink;
  /** Nothing saved and no link: offer lesson 1 (main.tsx decides, before autosave writes anything). */
  firstVisit?: boolean;
}

/** The lessons' store, with the address's lesson opened (or an unknown id reported) once. */
function useLessonStore(store: AppStore, storage: KeyValueStorage | null, link: LessonLink | undefined, firstVisit: boolean): LessonStore {
  const [lessons] = useState(() => createLessonStore(storage, { mapOpen: link?.map ?? false, welcome: firstVisit }));
  useLessonAddress(lessons);
  useTeacherLessonLinks(lessons, store);
  useEffect(() => {
    // A teacher's lesson (lessons/teacher): from the link's fragment or remembered by its id.
    if (openFromAddress(lessons, store, window.location.hash, link)) return;
    const wanted = link?.lesson;
    if (!wanted) return;
    const open = (list: readonly Lesson[]) => {
      const lesson = list.find((l) => l.id === wanted);
      if (lesson) lessons.getState().start(lesson.id, Math.min(link.step, lesson.steps.length - 1));
      else store.getState().notify({ kind: 'warning', key: 'lessons.unknown', vars: { id: wanted.slice(0, 64) } });
    };
    // At once when the curriculum is already here (tests preload it), else once its chunk arrives.
    const now = curriculumNow();
    if (now) return open(now);
    let live = true;
    void loadCurriculum().then((list) => live && open(list));
    return () => {
      live = false;
    };
  }, [lessons, store, link]);
  return lessons;
}

/**
 * Autosave (with its notices) and the address bar: kept a live share link, and a link pasted into
 * this tab is taken. The autosave controller lives as long as the App; it starts with the effect.
 */
function useUrlAndAutosave(store: AppStore, storage: KeyValueStorage | null, openChannel: () => TabChannel | null): Autosave {
  const [autosave] = useState(() => createAutosave({ store, storage, openChannel, lifecycle: window }));
  useEffect(() => autosave.start(), [autosave]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      // replaceState does not fire hashchange, so our own updates are not read back.
      window.history.replaceState(null, '', shareUrl(window.location.href, store.getState()));
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.experiment === prev.experiment && s.view === prev.view && s.hide === prev.hide && s.challenge === prev.challenge && s.editorPolicy === prev.editorPolicy) return;
      clearTimeout(timer);
      timer = setTimeout(flush, 250);
    });
    // A reload right after an edit still reloads it.
    const onPageHide = () => timer !== undefined && flush();
    window.addEventListener('pagehide', onPageHide);
    const onHashChange = () => {
      if (!hasLinkState(window.location.hash)) return;
      const decoded = decodeLink(window.location.hash);
      const s = store.getState();
      if (!decoded.ok) {
        s.notify({ kind: 'error', key: 'notice.badLink', cause: decoded.error });
        window.history.replaceState(null, '', shareUrl(window.location.href, s));
        return;
      }
      s.apply({ type: 'replace', experiment: decoded.value.experiment });
      s.setView(decoded.value.view);
      s.setHide(decoded.value.hide);
      s.setChallenge(decoded.value.challenge ?? null);
      s.setEditorPolicy(decoded.value.editor ?? DEFAULT_EDITOR_POLICY);
      s.notify(renamedNotice(decoded.renamed));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [store]);
  return autosave;
}

function useShortcuts(store: AppStore) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A control that handled the key itself (a diagram link opening on Space) keeps it.
      if (e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target && (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable)) return;
      // Space and the other single keys (play, step, reset, lessons, presenter) are app/Classroom.tsx's.
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) store.getState().redo();
        else store.getState().undo();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        store.getState().redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

const TAB_LABEL = { playground: 'editor.tab.playground', graph: 'editor.tab.graph', race: 'race.tab' } as const;

/** Playground / Graph editor: two views of the one Experiment; the optimizer race beside them. */
function ViewTabs() {
  const t = useT();
  const tab = useAppStore((s) => s.editorTab);
  const setTab = useAppStore((s) => s.setEditorTab);
  // A teacher's link may keep students on the lab: the editor and race tabs go.
  const hide = useAppStore((s) => s.hide);
  const tabs = (['playground', 'graph', 'race'] as const).filter((id) => !(id === 'graph' && hide.includes('tabGraph')) && !(id === 'race' && hide.includes('tabRace')));
  if (tabs.length === 1 && tab === 'playground') return null;
  return (
    <div className="view-tabs segmented" role="tablist" aria-label={t('editor.tabs')} data-tour="lab-tabs">
      {tabs.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`tab-${id}`}
          aria-selected={tab === id}
          aria-controls={`pane-${id}`}
          className={tab === id ? 'on' : ''}
          onClick={() => setTab(id)}
          data-testid={`tab-${id}`}
        >
          {t(TAB_LABEL[id])}
        </button>
      ))}
    </div>
  );
}

/**
 * "Skip to the lab": the first stop of Tab, visible only when focused. It moves focus itself rather
 * than following href="#lab", which would replace the link state the app keeps in the fragment.
 */
function SkipLink() {
  const t = useT();
  return (
    <a
      className="skip-link"
      href="#lab"
      data-testid="skip-link"
      onClick={(e) => {
        e.preventDefault();
        document.getElementById('lab')?.focus();
      }}
    >
      {t('a11y.skip')}
    </a>
  );
}

function Shell({ autosave, lessons }: { autosave: Autosave; lessons: LessonStore }) {
  const locale = useAppStore((s) => s.locale);
  const lessonOpen = useLessons((s) => s.active !== null);
  const lessonFolded = useLessons((s) => s.collapsed);
  const mapOpen = useLessons((s) => s.mapOpen);
  const welcome = useLessons((s) => s.welcome);
  const tab = useAppStore((s) => s.editorTab);
  const presenter = useAppStore((s) => s.presenter);
  // The lessons' text loads on first need (lessons/curriculum.ts), not with the first screen.
  const curriculum = useCurriculum(welcome || mapOpen);
  // Each kind of data has its lab: the 2-D playground, the convolution lab, the sequence lab.
  const Lab = LABS[useAppStore((s) => modalityOf(s.experiment.dataset.kind))];
  // The editor mounts on its first visit, then stays mounted (hidden) like the playground.
  const [editorOpened, setEditorOpened] = useState(tab === 'graph');
  if (tab === 'graph' && !editorOpened) setEditorOpened(true);
  const [raceOpened, setRaceOpened] = useState(tab === 'race');
  if (tab === 'race' && !raceOpened) setRaceOpened(true);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);
  return (
    <LocaleContext.Provider value={locale}>
      <div className={`app-frame${lessonOpen ? ' with-lesson' : ''}${lessonOpen && lessonFolded ? ' lesson-collapsed' : ''}${presenter ? ' presenter' : ''}`}>
        <div className="app" data-testid="app-ready">
          <SkipLink />
          <Header />
          {/* The one main landmark: everything under the header; the lesson panel is an <aside> beside it. */}
          <main id="lab" tabIndex={-1} className="app-main" aria-label={translate(locale, 'a11y.main')}>
          <Classroom />
          <NoticeBanner />
          <UpdateNotice />
          {welcome && !lessonOpen && !presenter && curriculum ? <WelcomeCard lessons={lessons} first={curriculum[0]} /> : null}
          <SaveNotice autosave={autosave} />
          {/* The race has its own play, step and reset: the network's bar would only confuse there. */}
          <div hidden={tab === 'race'}>
            <TrainingBar />
          </div>
          <ChallengeArea />
          <ViewTabs />
          <div className="view-pane" role="tabpanel" id="pane-playground" aria-labelledby="tab-playground" hidden={tab !== 'playground'}>
            <Suspense fallback={<p className="hint lab-loading">…</p>}>
              <Lab />
            </Suspense>
            {/* Inside the network while it trains: under every lab (panels/DynamicsPanel.tsx). */}
            <DynamicsPanel />
            {/* Tools on the trained network (panels/tools): measure, attack, explain, compress. */}
            <ToolsPanel />
          </div>
          <div className="view-pane" role="tabpanel" id="pane-graph" aria-labelledby="tab-graph" hidden={tab !== 'graph'} data-testid="pane-graph">
            {editorOpened ? (
              <Suspense fallback={<p className="hint">…</p>}>
                <EditorView />
              </Suspense>
            ) : null}
          </div>
          <div className="view-pane" role="tabpanel" id="pane-race" aria-labelledby="tab-race" hidden={tab !== 'race'} data-testid="pane-race">
            {raceOpened ? (
              <Suspense fallback={<p className="hint">…</p>}>
                <RaceLab active={tab === 'race'} />
              </Suspense>
            ) : null}
          </div>
          </main>
        </div>
        <LessonPanel lessons={lessons} />
      </div>
      {mapOpen && curriculum ? <LessonMap lessons={lessons} list={curriculum} /> : null}
      <LessonEditor lessons={lessons} />
    </LocaleContext.Provider>
  );
}

/** Open a template as one undoable edit, as the Templates dialog does (test and bench hook). */
function openTemplateById(store: AppStore, id: string): boolean {
  const template = templateById(id);
  if (!template) return false;
  const s = store.getState();
  s.apply({ type: 'replace', experiment: openTemplate(s.experiment, template) });
  return true;
}

export function App({ store, storage, engineHost = 'worker', openTabChannel: openChannel = () => openTabChannel({ storage, events: window }), lessonLink, firstVisit = false }: AppProps) {
  const autosave = useUrlAndAutosave(store, storage, openChannel);
  const lessons = useLessonStore(store, storage, lessonLink, firstVisit);
  useShortcuts(store);
  useEffect(() => {
    // A handle for browser tests and benchmarks: the store, the pure graph analysis and templates.
    (window as unknown as { __gg?: unknown }).__gg = { store, analyze, openTemplate: (id: string) => openTemplateById(store, id) };
    if (engineHost === 'none') return;
    return connectEngine(store, { host: engineHost });
  }, [store, engineHost]);
  return (
    <StoreContext.Provider value={store}>
      <LessonsContext.Provider value={lessons}>
        <Shell autosave={autosave} lessons={lessons} />
      </LessonsContext.Provider>
    </StoreContext.Provider>
  );
}
