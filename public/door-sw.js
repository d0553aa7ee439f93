// Keeps the door page (and its script) for when the school has no network: network first,
// the last copy when there is none. Only the attendance pages, never other staff pages. Each
// date of a course (`?seance=`) is its own copy; the notices after a tap are not part of it.
const CACHE = 'door-v1';
const DOOR = /^\/formateur\/sessions\/\d+\/presences$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!DOOR.test(url.pathname) && url.pathname !== '/door.js') return;
  const seance = url.searchParams.get('seance');
  const key = new Request(url.origin + url.pathname + (seance ? `?seance=${encodeURIComponent(seance)}` : ''));
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
