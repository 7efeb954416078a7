import { DataPanel } from '../../panels/DataPanel';
import { NetworkPanel } from './NetworkPanel';
import { OutputPanel } from './OutputPanel';

/** The 2-D playground: data and features, the network diagram, the output plane and curves. */
export function PointsLab() {
  return (
    <main className="columns">
      <DataPanel />
      <NetworkPanel />
      <OutputPanel />
    </main>
  );
}
