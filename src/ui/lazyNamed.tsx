import { lazy, type ComponentType } from 'react';

/** Every lazily loaded component's loader, so `preloadLazy` can fetch them all. */
const loaders: Array<() => Promise<unknown>> = [];

/**
 * A component that loads with its own chunk on first render (inside a Suspense boundary) and
 * renders at once, without suspending, once that chunk has arrived — or once `preloadLazy` fetched
 * it (the component tests do, so they need not wait for each panel).
 */
export function lazyNamed<M, P extends object>(load: () => Promise<M>, pick: (m: M) => ComponentType<P>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  const fetch = () =>
    load().then((m) => {
      loaded = pick(m);
      return { default: loaded };
    });
  loaders.push(fetch);
  const Lazy = lazy(fetch);
  function LazyNamed(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return LazyNamed;
}

/** Fetch every lazily loaded component declared so far. */
export function preloadLazy(): Promise<unknown> {
  return Promise.all(loaders.map((l) => l()));
}
