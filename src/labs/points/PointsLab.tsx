import { DataPanel } from '../../panels/DataPanel';
import { BackpropProvider, useBackpropMode } from './BackpropContext';
import { NetworkPanel } from './NetworkPanel';
import { OutputPanel } from './OutputPanel';

function Columns() {
  // The step-through needs the room of the data column, which it does not use.
  const { open } = useBackpropMode();
  return (
    <main className={`columns${open ? ' backprop-open' : ''}`}>
      {open ? null : <DataPanel />}
      <NetworkPanel />
      <OutputPanel />
    </main>
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
