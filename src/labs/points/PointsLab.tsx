import { DataPanel } from '../../panels/DataPanel';
import { useT } from '../../i18n';
import { BackpropProvider, useBackpropMode } from './BackpropContext';
import { NetworkPanel } from './NetworkPanel';
import { OutputPanel } from './OutputPanel';

function Columns() {
  // The step-through needs the room of the data column, which it does not use.
  const { open } = useBackpropMode();
  const t = useT();
  // A named region inside the app's one <main> (app/App.tsx).
  return (
    <section className={`columns${open ? ' backprop-open' : ''}`} aria-label={t('a11y.lab.points')}>
      {open ? null : <DataPanel />}
      <NetworkPanel />
      <OutputPanel />
    </section>
  );
}

/** The 2-D playground: data and features, the network diagram, the output plane and curves. */
export function PointsLab() {
  return (
    <BackpropProvider>
      <Columns />
    </BackpropProvider>
  );
}
