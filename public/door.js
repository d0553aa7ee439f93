// The door page without network. Every mark and walk-in form gets a random key (the server
// applies a key once). Offline, a tap is queued on the phone (localStorage), shown on its row,
// and counted in the "hors ligne — N en attente" banner; when the network returns the queue is
// sent in order, then the page reloads with what the server holds. The service worker keeps
// the page itself, so it also opens again without network. On a course, each date has its own
// page (`?seance=`), queue and offline copy, and every queued tap carries its date (`dateId`).
// The "Retirer" undo fades away after a few seconds (it stays while it has the focus).
// Without this script the page works as plain forms, and the undo stays.
(() => {
  const list = document.querySelector('[data-door-list]');
  const banner = document.querySelector('[data-offline]');
  if (!list || !banner) return;
  // The page of this date: its path, and `?seance=` on a course (not the notices after a tap).
  const seance = new URLSearchParams(location.search).get('seance');
  const page = seance ? `${location.pathname}?seance=${encodeURIComponent(seance)}` : location.pathname;
  const storeKey = seance ? `door-queue:${page}` : `door-queue:${location.pathname}`;
  const load = () => {
    try {
      return JSON.parse(localStorage.getItem(storeKey) || '[]');
    } catch {
      return [];
    }
  };
  const save = (queue) => localStorage.setItem(storeKey, JSON.stringify(queue));
  const randomKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

  function showBanner() {
    const n = load().length;
    const text = n === 0 ? banner.dataset.zero : n === 1 ? banner.dataset.one : banner.dataset.many.replace('{n}', String(n));
    banner.textContent = text;
    banner.hidden = navigator.onLine && n === 0;
  }

  // What a queued tap looks like on the page until the server has it.
  function showQueued(fields) {
    const get = (name) => fields.find(([k]) => k === name)?.[1] ?? '';
    if (get('intent') === 'walk-in') {
      const li = document.createElement('li');
      li.className = 'door-row is-present';
      const who = document.createElement('strong');
      who.textContent = `${get('firstName')} ${get('lastName')} — ${banner.dataset.pending}`;
      li.append(who);
      list.append(li);
      return;
    }
    const row = document.getElementById(`r-${get('registrationId')}`);
    if (!row) return;
    row.className = `door-row is-${get('status') || 'present'}`;
    const marks = row.querySelector('.marks');
    if (marks) {
      const state = document.createElement('p');
      state.className = 'state';
      state.textContent = `✓ ${banner.dataset[get('status') || 'present'] ?? ''} — ${banner.dataset.pending}`;
      marks.replaceChildren(state);
    }
  }

  let sending = false;
  async function flush() {
    if (sending || !navigator.onLine) return;
    let queue = load();
    if (!queue.length) return;
    sending = true;
    try {
      while (queue.length) {
        const item = queue[0];
        let res;
        try {
          res = await fetch(item.action, {
            method: 'POST',
            body: new URLSearchParams(item.fields),
            redirect: 'manual',
            credentials: 'same-origin',
          });
        } catch {
          break; // still no network: try again on the next "online"
        }
        // A refusal (closed, cancelled, bad input) will not pass later either: drop it.
        if (res.status >= 500 || res.status === 429) break;
        queue = load().slice(1);
        save(queue);
      }
    } finally {
      sending = false;
    }
    if (!load().length) location.replace(page);
    else showBanner();
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || '').toLowerCase() !== 'post') return;
    const intent = form.querySelector('[name="intent"]')?.value;
    if (intent !== 'mark' && intent !== 'walk-in') return;
    let key = form.querySelector('[name="key"]');
    if (!key) {
      key = document.createElement('input');
      key.type = 'hidden';
      key.name = 'key';
      form.append(key);
    }
    key.value = randomKey();
    if (navigator.onLine) return;
    event.preventDefault();
    const fields = [...new FormData(form)].filter(([, v]) => typeof v === 'string');
    // The button pressed names the status (one form holds every mark of a row); added by hand,
    // as `new FormData(form, submitter)` is missing from phones a few years old.
    const by = event.submitter;
    if (by?.name) fields.push([by.name, by.value]);
    fields.push(['at', String(Date.now())]);
    save([...load(), { action: form.action || page, fields }]);
    showQueued(fields);
    if (intent === 'walk-in') form.reset();
    showBanner();
  });

  // The undo is for a slip just made: after ~8 s it fades away, unless it has the focus.
  const undo = document.querySelector('form.undo');
  if (undo) {
    const fade = () => {
      if (undo.contains(document.activeElement))
        return void undo.addEventListener('focusout', () => setTimeout(fade, 2000), { once: true });
      const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
      undo.style.transition = still ? '' : 'opacity 0.6s';
      undo.style.opacity = '0';
      setTimeout(() => (undo.hidden = true), still ? 0 : 600);
    };
    setTimeout(fade, 8000);
  }

  addEventListener('online', flush);
  addEventListener('offline', showBanner);
  for (const item of load()) showQueued(item.fields);
  showBanner();
  flush();

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker
      .register('/door-sw.js', { scope: '/formateur/' })
      .then(() => caches.open('door-v1'))
      .then((cache) => cache.addAll([page, '/door.js']))
      .catch(() => {});
  }
})();
