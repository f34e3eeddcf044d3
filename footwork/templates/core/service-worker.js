/*
 * Footwork's service worker (hand-written; served by footwork.core.installable from /service-worker.js).
 *
 * Caches, each named with this deployment's version so a new worker drops the old ones when it takes over:
 *   footwork-static-<v>   the static files every page needs, cached at install, then cache-first;
 *   footwork-pages-<v>    the runner's pages and day documents (/today/, the players, the check-in and the red-flag
 *                         screens, GET /api/v1/today and /schedule): network-first, the cached copy when offline;
 *   footwork-media-<v>    exercises' photos and videos seen in cached players, capped (FootworkSync.MEDIA_CAP_BYTES),
 *                         the least recently cached evicted first.
 * Writes never pass through a cache: offline, the pages queue them in IndexedDB (outbox.js), and this worker only
 * wakes them (or sends the queue itself) on a Background Sync event.
 */
'use strict';

const VERSION = '{{ version|escapejs }}';
const STATIC_FILES = [{% for url in static_files %}'{{ url|escapejs }}', {% endfor %}];
const STATIC_CACHE = `footwork-static-${VERSION}`;
const PAGES_CACHE = `footwork-pages-${VERSION}`;
const MEDIA_CACHE = `footwork-media-${VERSION}`;
const CURRENT = [STATIC_CACHE, PAGES_CACHE, MEDIA_CACHE];
// The pages a runner's offline day needs, and the documents behind them (GET only; anything else goes to the network).
const PAGE_PATHS = [/^\/today\/$/, /^\/today\/session\//, /^\/flare-up\/([a-z_]+\/)?$/, /^\/api\/v1\/(today|schedule)$/];

// The sync rules and the queue the pages use too (one copy of each rule).
importScripts('{{ sync_rules|escapejs }}', '{{ outbox|escapejs }}');

self.addEventListener('install', (event) => {
  // Past the browser's HTTP cache: a file's name need not change between deployments (development, DEBUG).
  const fresh = STATIC_FILES.map((url) => new Request(url, { cache: 'reload' }));
  event.waitUntil(caches.open(STATIC_CACHE).then((cache) => cache.addAll(fresh)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const old = names.filter((name) => name.startsWith('footwork-') && !CURRENT.includes(name));
      // The pages cached by the old worker, fetched again (they name this deployment's static files).
      const pages = [];
      for (const name of old.filter((item) => item.startsWith('footwork-pages-'))) {
        const cache = await caches.open(name);
        pages.push(...(await cache.keys()).map((request) => request.url));
      }
      await self.clients.claim();
      await warm(pages).catch(() => {});
      await Promise.all(old.map((name) => caches.delete(name)));
    })(),
  );
});

const isPage = (url) => url.origin === self.location.origin && PAGE_PATHS.some((re) => re.test(url.pathname));

async function put(cacheName, request, response) {
  if (!response || response.status !== 200 || response.redirected || response.type !== 'basic') return;
  const cache = await caches.open(cacheName);
  await cache.put(request, response);
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    await put(PAGES_CACHE, request, response.clone());
    return response;
  } catch (error) {
    // Vary (Cookie, HX-Request) would tell a warmed copy from a navigation's: one runner's phone, one copy.
    const cached = await caches.match(request, { cacheName: PAGES_CACHE, ignoreVary: true });
    if (cached) return cached;
    if (request.mode === 'navigate') return offlinePage();
    throw error;
  }
}

async function cacheFirst(cacheName, request) {
  const cached = await caches.match(request, { cacheName });
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheName === STATIC_CACHE) await put(cacheName, request, response.clone());
  return response;
}

function offlinePage() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Footwork</title>
<link rel="stylesheet" href="${STATIC_FILES.find((url) => url.endsWith('app.css'))}"></head>
<body><main id="main"><h1>No signal</h1><p>This page was not saved on this phone. Today's session, the morning
check-in and the safety questions work offline once opened with a signal.</p><p><a class="button primary"
href="/today/">Today</a></p></main></body></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/static/')) event.respondWith(cacheFirst(STATIC_CACHE, request));
  else if (url.pathname.startsWith('/media/') && !request.headers.has('range')) {
    event.respondWith(cacheFirst(MEDIA_CACHE, request));
  } else if (isPage(url)) event.respondWith(networkFirst(request));
});

// The pages' and players' photos and videos, and the players linked from a page, one level deep.
const LINKED = /(?:href|src)="(\/(?:today\/session\/[^"]+|flare-up\/[a-z_]+\/|media\/[^"]+))"/g;

async function warm(urls) {
  const seen = new Set();
  const media = [];
  const fetchPage = async (path, follow) => {
    const url = new URL(path, self.location.origin);
    if (seen.has(url.href)) return;
    seen.add(url.href);
    if (url.pathname.startsWith('/media/')) {
      media.push(url.href);
      return;
    }
    if (!isPage(url)) return;
    const response = await fetch(url.href, { credentials: 'same-origin' });
    if (response.status !== 200 || response.redirected) return;
    await put(PAGES_CACHE, url.href, response.clone());
    if (!follow || !(response.headers.get('Content-Type') || '').includes('text/html')) return;
    const html = await response.text();
    for (const match of html.matchAll(LINKED)) await fetchPage(match[1].replace(/&amp;/g, '&'), false);
  };
  for (const path of urls) await fetchPage(path, true).catch(() => {});
  await keepMedia(media);
}

async function keepMedia(urls) {
  const cache = await caches.open(MEDIA_CACHE);
  const index = await FootworkOutbox.mediaIndex();
  for (const url of urls) {
    if (index.some((item) => item.url === url)) continue;
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (response.status !== 200) continue;
      const blob = await response.clone().blob();
      await cache.put(url, response);
      index.push({ url, bytes: blob.size, at: Date.now() });
    } catch (_) {
      break; // the signal went: the rest next time
    }
  }
  const evicted = FootworkSync.evict(index, FootworkSync.MEDIA_CAP_BYTES);
  for (const url of evicted) await cache.delete(url);
  await FootworkOutbox.setMediaIndex(index.filter((item) => !evicted.includes(item.url)));
}

async function clearPersonal() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => !name.startsWith('footwork-static-')).map((name) => caches.delete(name)));
  await FootworkOutbox.clear();
}

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'warm') event.waitUntil(warm(data.urls || []));
  else if (data.type === 'skip-waiting') self.skipWaiting();
  else if (data.type === 'clear-personal') {
    event.waitUntil(clearPersonal().then(() => event.source && event.source.postMessage({ type: 'cleared' })));
  }
});

// Background Sync (Chromium): the queue goes when the signal comes back, even with no Footwork page open.
self.addEventListener('sync', (event) => {
  if (event.tag === FootworkOutbox.SYNC_TAG) event.waitUntil(FootworkOutbox.flush());
});
