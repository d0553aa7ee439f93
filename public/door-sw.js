// Keeps the door page (and its script) for when the school has no network: network first,
// the last copy when there is none. Only the attendance pages, never other staff pages.
const CACHE = 'door-v1';
const DOOR = /^\/formateur\/sessions\/\d+\/presences$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!DOOR.test(url.pathname) && url.pathname !== '/door.js') return;
  const key = new Request(url.origin + url.pathname);
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
        }
        return response;
      })
      .catch(() => caches.match(key).then((cached) => cached || Response.error())),
  );
});
