// First: zod must be jitless before any module builds a schema (models/noEval.ts).
import './models/noEval';
import { restoreOwnMedia } from './store/ownMediaSlice';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { isFirstVisit, readLessonLink } from './lessons/progress';
import { createAppStore } from './store/createAppStore';
import { loadStartup } from './store/persistence';
import { handInErrorNotice, readHandInLink } from './lessons/challenge/handInLink';
import { missingTableNotice } from './store/notices';
import { restoreTableSource } from './store/tableSlice';
import './app/styles.css';
import { startOffline } from './app/offline/updates';
import './app/a11y.css';

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// Read before anything is saved: autosave writes the work and preferences soon after the start.
const firstVisit = isFirstVisit(safeStorage(), window.location);
const { initial, notice: startNotice } = loadStartup({ hash: window.location.hash, search: window.location.search, storage: safeStorage(), languages: navigator.languages ?? [navigator.language] });
// A student's hand-in link opens on the teacher's page with its Experiment and challenge, to re-run;
// a bad one is reported and the saved work stays.
const handIn = readHandInLink(window.location.hash);
if (handIn?.ok) Object.assign(initial, { experiment: handIn.value.experiment, challenge: handIn.value.challenge, handIn: handIn.value });
const notice = handIn && !handIn.ok ? handInErrorNotice(handIn.error) : startNotice;
const table = restoreTableSource(safeStorage());
const store = createAppStore({ ...initial, table, ownMedia: restoreOwnMedia(safeStorage()), storage: safeStorage() });
const tableNotice = missingTableNotice(store.getState().experiment, table?.table ?? null);
if (notice ?? tableNotice) store.getState().notify(notice ?? tableNotice);

const params = new URLSearchParams(window.location.search);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} storage={safeStorage()} engineHost={params.get('engine') === 'main' ? 'main' : 'worker'} lessonLink={readLessonLink(window.location.search)} firstVisit={firstVisit} />
  </StrictMode>,
);

// The offline app (service worker): production builds only, never in dev or tests.
if (import.meta.env.PROD) startOffline(import.meta.env.BASE_URL);
