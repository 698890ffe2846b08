// Headroom's service worker: precaches the page's static files so it reloads with the
// network gone. The cache name carries a content hash of those files, written at build time
// (web/stamp_sw.cmake replaces @HEADROOM_BUILD_ID@), so a new build gets a fresh cache and
// the old one is deleted when it activates. Same-origin GETs only; nothing else is touched.
const BUILD_ID = '@HEADROOM_BUILD_ID@';
const CACHE = 'headroom-' + BUILD_ID;
const FILES = ['./', 'index.html', 'headroom.js', 'headroom.wasm', 'manifest.webmanifest',
               'icon.svg', 'icon-192.png', 'icon-512.png'];

// The precache revalidates ('no-cache') rather than reloads: the visit that installs the worker
// has just fetched these files, so the server answers 304 and they are not downloaded twice
// (a first visit sent 2.2 MB instead of 1.1 MB with 'reload'), and no stale HTTP-cache copy
// can slip in.
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('headroom-') && k !== CACHE)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// Cache first (the files of one build never change), the network for anything not cached.
// The hash is never part of a request, and a query string does not make another file.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE).then((cache) =>
    cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request))));
});
