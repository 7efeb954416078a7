// The service worker of Gradient Garden (the constants above come from scripts/pwa.mjs).
//   install   precache every entry of this version (nothing waits on the network later)
//   activate  delete other versions' precaches and data no longer listed; take the open pages
//   fetch     the page: network first (a fresh version when online), the cached page when not;
//             hashed assets and the other precached files: cache first;
//             data/ (MNIST): cache first, kept on first use under its revision
//   message   SKIP_WAITING: the learner chose to reload into this version (never automatic)
/* eslint-disable no-undef */
const scope = new URL(self.registration.scope);
const abs = (path) => new URL(path, scope).href;
const precacheUrls = new Set(PRECACHE_ENTRIES.map((e) => abs(e.url)));
const dataKeys = new Map(RUNTIME_DATA.map((e) => [abs(e.url), `${abs(e.url)}?rev=${e.revision}`]));
const INDEX = abs('index.html');
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(PRECACHE).then((cache) =>
      Promise.all(
        PRECACHE_ENTRIES.map(async (e) => {
          // Revisioned (unhashed) files are fetched past the HTTP cache, so a stale copy is never kept.
          const response = await fetch(abs(e.url), { cache: e.revision ? 'no-cache' : 'default' });
          if (!response.ok) throw new Error(`precache ${e.url}: HTTP ${response.status}`);
          await cache.put(abs(e.url), response);
        }),
      ),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('gg-precache-') && name !== PRECACHE) await caches.delete(name);
      }
      const data = await caches.open(DATA_CACHE);
      const keep = new Set(dataKeys.values());
      for (const request of await data.keys()) if (!keep.has(request.url)) await data.delete(request);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

async function fromNetworkOrPage(request) {
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS)),
    ]);
    return response;
  } catch (err) {
    const cached = await caches.match(INDEX, { cacheName: PRECACHE });
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request.url, { cacheName: PRECACHE });
  return cached ?? fetch(request);
}

async function dataFirst(request, key) {
  const cache = await caches.open(DATA_CACHE);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  // Only a whole, successful body is kept (never a range or an error page).
  if (response.status === 200) await cache.put(key, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(fromNetworkOrPage(request));
    return;
  }
  const bare = `${url.origin}${url.pathname}`;
  if (dataKeys.has(bare)) {
    event.respondWith(dataFirst(request, dataKeys.get(bare)));
    return;
  }
  if (precacheUrls.has(bare)) event.respondWith(cacheFirst(request));
});
