/*
 * Footwork with no signal, on every page (base.html): registers the service worker, keeps the coming week's pages
 * on the phone, turns the check-in, the player and the red-flag screen into entries queued on the phone while
 * offline (outbox.js), sends them when the signal returns, shows what was refused with the server's reason until
 * the runner dismisses it, offers a new version, and clears the runner's data from the phone on logging out.
 *
 * Online, every form posts to the server as it always did: only with navigator.onLine false does a submit become a
 * queued entry. Plain ES2020, no dependencies; the words shown are plain sentences, no codes.
 */
(() => {
  'use strict';

  const Sync = window.FootworkSync;
  const Outbox = window.FootworkOutbox;
  if (!Sync || !Outbox || !('indexedDB' in window)) return;

  const main = document.getElementById('main');
  const status = document.getElementById('offline-status');
  const runner = main && main.hasAttribute('data-runner');
  const csrf = () => (document.querySelector('input[name="csrfmiddlewaretoken"]') || {}).value || '';

  const el = (tag, props = {}, children = []) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  };

  const pad = (n) => String(n).padStart(2, '0');
  const localDate = (d = new Date()) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const dayWords = (iso) =>
    new Date(`${iso}T12:00:00`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
  const uuid = () =>
    crypto.randomUUID
      ? crypto.randomUUID()
      : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
          (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16),
        );
  const number = (value) => (value === '' || value == null ? null : Number(value));

  // -------------------------------------------------------------------------------------------------------------
  // What the runner reads: offline or not, entries waiting, refusals with their reasons.
  async function render() {
    if (!status) return;
    const entries = runner ? await Outbox.all() : [];
    const waiting = entries.filter((entry) => entry.state === 'queued');
    const refused = entries.filter((entry) => entry.state === 'refused');
    status.replaceChildren();
    if (!navigator.onLine) {
      status.append(
        el('p', { class: 'notice offline', 'data-testid': 'offline-note' }, [
          el('strong', { text: 'Offline — will sync. ' }),
          'What you log is saved on this phone and sent when it has a signal.',
        ]),
      );
    }
    if (waiting.length) {
      const words = waiting.length === 1 ? '1 entry is' : `${waiting.length} entries are`;
      status.append(
        el('p', { class: 'notice', 'data-testid': 'outbox-waiting' }, [
          `${words} saved on this phone, not sent yet: `,
          waiting.map((entry) => entry.label).join('; '),
          '.',
        ]),
      );
    }
    for (const entry of refused) {
      const dismiss = el('button', { type: 'button', class: 'link', text: 'Dismiss' });
      dismiss.addEventListener('click', () => Outbox.dismiss(entry.id).then(render));
      status.append(
        el('div', { class: 'card notice danger', 'data-testid': 'outbox-refused' }, [
          el('p', {}, [el('strong', { text: `Not saved by Footwork: ${entry.label}. ` }), entry.reason || '']),
          el('p', {}, [
            'It stays here until you dismiss it; enter it again if it still matters. ',
            dismiss,
          ]),
        ]),
      );
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Sending: when the signal returns, the page is shown again, or the worker's Background Sync says so.
  let flushing = null;
  function flush() {
    if (!runner || !navigator.onLine || flushing) return flushing;
    flushing = Outbox.flush()
      .catch(() => 0)
      .then((delivered) => {
        flushing = null;
        render();
        return delivered;
      });
    return flushing;
  }

  async function queue(entry) {
    await Outbox.add({ ...entry, body: { ...entry.body, recorded_at: new Date().toISOString() } });
    try {
      const registration = await navigator.serviceWorker?.ready;
      await registration?.sync?.register(Outbox.SYNC_TAG);
    } catch (_) {
      /* no Background Sync here: the page sends it when online or shown again */
    }
    render();
  }

  const savedNote = (text, testid) =>
    el('section', { class: 'card notice', role: 'status', 'data-testid': testid }, [
      el('p', {}, [el('strong', { text: 'Saved on this phone. ' }), text]),
      el('p', {}, [el('a', { href: '/today/', text: 'Back to today' })]),
    ]);

  // -------------------------------------------------------------------------------------------------------------
  // Offline forms: the same answers, sent later to the API that the page's own view calls the same service as.
  function checkinEntry(form) {
    const data = new FormData(form);
    const body = { client_uuid: uuid(), note: data.get('note') || '' };
    const areas = {};
    for (const [name, value] of data.entries()) {
      const match = /^(.+)_(pain|stiffness)$/.exec(name);
      if (match) (areas[match[1]] = areas[match[1]] || {})[match[2]] = number(value);
    }
    if (Object.keys(areas).length) body.areas = areas;
    else Object.assign(body, { pain: number(data.get('pain')), stiffness: number(data.get('stiffness')) });
    return { kind: 'checkin', label: `Morning check-in, ${dayWords(localDate())}`, url: '/api/v1/checkins', body };
  }

  function screeningEntry(form) {
    const answers = {};
    for (const input of form.querySelectorAll('input[type="radio"]:checked')) answers[input.name] = input.value === 'yes';
    const flagged = Object.values(answers).some(Boolean);
    return {
      kind: flagged ? Sync.REFERRAL : 'screening',
      label: `${form.dataset.label}, ${dayWords(localDate())}`,
      url: '/api/v1/flare-ups',
      body: { area: form.dataset.area, answers, client_uuid: uuid() },
    };
  }

  // The referral in the server's own words (progression/_referral.html and flareup.referral_wording, rendered
  // into the page while it had a signal).
  function showReferral(form, answers) {
    const data = JSON.parse(document.getElementById('offline-referral-data').textContent);
    const flags = Object.entries(answers).filter(([, yes]) => yes).map(([code]) => data.flags[code]);
    const urgency = flags.some((flag) => flag.urgency === 'today') ? 'today' : 'soon';
    const [before, after] = data.wording[urgency];
    const card = document.getElementById(`offline-referral-${urgency}`).content.cloneNode(true);
    card.querySelector('[data-testid="flare-message"]').textContent =
      before + flags.map((flag) => flag.why).join('; ') + after;
    card.querySelector('[data-flags]').replaceChildren(...flags.map((flag) => el('li', { text: `${flag.question} — ${flag.why}` })));
    main.querySelectorAll(':scope > *:not(#offline-status)').forEach((node) => node.remove());
    main.append(card);
  }

  function playerEntry(form) {
    const config = JSON.parse(document.getElementById('player-offline').textContent);
    const sets = [];
    for (const fieldset of form.querySelectorAll('fieldset.set')) {
      const value = (field) => number((fieldset.querySelector(`[data-field="${field}"]`) || {}).value);
      const set = {
        set_number: Number(fieldset.dataset.set),
        side: fieldset.dataset.side,
        reps: value('reps'),
        hold_seconds: value('hold_seconds'),
        jumps: value('jumps'),
        load_kg: value('load_kg'),
        pain_during: value('pain_during'),
      };
      if (set.reps == null && set.hold_seconds == null && set.jumps == null) continue; // untouched: not logged
      if (config.dated_session) set.prescription = Number(fieldset.dataset.prescription);
      else set.exercise = fieldset.dataset.exercise;
      sets.push(set);
    }
    const data = new FormData(form);
    const body = { client_uuid: data.get('client_uuid'), sets, rpe: number(data.get('rpe')), pain_after: number(data.get('pain_after')) };
    if (config.dated_session) body.dated_session = config.dated_session;
    else body.date = config.date;
    const finish = form.querySelector('.step-finish');
    return { kind: 'session', label: finish ? finish.dataset.label : 'Session', url: config.url, body };
  }

  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      const kind = form.dataset.offline || (form.id === 'player' ? 'player' : '');
      if (kind === 'logout') return logOut(event, form);
      if (navigator.onLine || !runner || !kind) return;
      event.preventDefault();
      if (kind === 'checkin') {
        queue(checkinEntry(form));
        form.closest('section').replaceWith(
          savedNote('Your morning check-in is sent when the phone has a signal.', 'checkin-saved-offline'),
        );
      } else if (kind === 'screening') {
        const entry = screeningEntry(form);
        queue(entry);
        if (entry.kind === Sync.REFERRAL) showReferral(form, entry.body.answers);
        else form.replaceWith(savedNote('Your answers are sent when the phone has a signal; your flare-up plan comes then.', 'screening-saved-offline'));
      } else if (kind === 'player') {
        const entry = playerEntry(form);
        if (!entry.body.sets.length) return;
        queue(entry);
        // The form leaves the page, so the player does not ask "leave this page?" on the way back to Today.
        form.replaceWith(savedNote('Session logged on this phone: it is sent when the phone has a signal. Well done!', 'session-saved-offline'));
      }
    },
    true,
  );

  // -------------------------------------------------------------------------------------------------------------
  // Logging out clears this runner's pages, media and queue from the phone; unsent entries are named first.
  async function clearPersonal() {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith('footwork-') && !name.startsWith('footwork-static-')).map((name) => caches.delete(name)));
    await Outbox.clear();
  }

  function logOut(event, form) {
    if (form.dataset.cleared) return;
    event.preventDefault();
    Outbox.all().then((entries) => {
      const go = () => clearPersonal().catch(() => {}).then(() => {
        form.dataset.cleared = '1';
        form.submit();
      });
      if (!entries.length) return go();
      const dialog = el('dialog', { class: 'card', 'data-testid': 'logout-warning' }, [
        el('p', {}, [
          el('strong', { text: `${entries.length === 1 ? '1 entry has' : `${entries.length} entries have`} not reached Footwork yet. ` }),
          'Logging out deletes them from this phone.',
        ]),
      ]);
      const stay = el('button', { type: 'button', class: 'primary', text: 'Stay and send them' });
      const leave = el('button', { type: 'button', text: 'Log out and delete them' });
      stay.addEventListener('click', () => {
        dialog.close();
        dialog.remove();
        flush();
      });
      leave.addEventListener('click', go);
      dialog.append(el('p', {}, [stay, ' ', leave]));
      document.body.append(dialog);
      dialog.showModal();
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // The service worker: installable, the week kept on the phone, and a new version offered, never forced.
  function offerReload(worker) {
    const reload = el('button', { type: 'button', class: 'primary', text: 'Reload' });
    reload.addEventListener('click', () => worker.postMessage({ type: 'skip-waiting' }));
    status?.prepend(el('p', { class: 'notice', 'data-testid': 'new-version' }, ['A new version of Footwork is ready. ', reload]));
  }

  async function warmWeek(registration) {
    if (!runner || !navigator.onLine || !document.querySelector('[data-today]')) return;
    const today = document.querySelector('[data-today]').dataset.today;
    const end = new Date(`${today}T12:00:00`);
    end.setDate(end.getDate() + 7);
    const schedule = `/api/v1/schedule?start=${today}&end=${localDate(end)}`;
    const urls = ['/today/', '/api/v1/today', schedule, '/flare-up/'];
    try {
      const days = await (await fetch(schedule, { credentials: 'same-origin' })).json();
      for (const item of Array.isArray(days) ? days : []) {
        if (['due', 'upcoming'].includes(item.status)) urls.push(`/today/session/${item.date}/`);
      }
    } catch (_) {
      /* the signal went: what is cached stays */
    }
    (registration.active || navigator.serviceWorker.controller)?.postMessage({ type: 'warm', urls: [...new Set(urls)] });
  }

  // A /today/ page kept from an earlier day: say so, and open today's own session if it is on the phone.
  async function staleToday() {
    const heading = document.querySelector('[data-today]');
    if (!heading || navigator.onLine || heading.dataset.today === localDate()) return;
    const path = `/today/session/${localDate()}/`;
    const kept = await caches.match(path);
    status?.append(
      el('p', { class: 'notice', 'data-testid': 'stale-today' }, [
        `This page was saved on ${dayWords(heading.dataset.today)}. `,
        kept ? el('a', { href: path, text: "Open today's session" }) : "Today's session was not saved on this phone.",
      ]),
    );
  }

  async function start() {
    if (runner) await Outbox.setCsrf(csrf()).catch(() => {});
    render();
    staleToday();
    flush();
    if (!('serviceWorker' in navigator)) return;
    const registration = await navigator.serviceWorker.register('/service-worker.js', { scope: '/' });
    const watch = (worker) =>
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offerReload(worker);
      });
    if (registration.waiting && navigator.serviceWorker.controller) offerReload(registration.waiting);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloading || !document.querySelector('[data-testid="new-version"]')) return;
      reloading = true;
      window.location.reload();
    });
    await navigator.serviceWorker.ready;
    warmWeek(await navigator.serviceWorker.ready);
  }

  window.addEventListener('online', () => {
    render();
    flush();
  });
  window.addEventListener('offline', render);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && flush());
  window.addEventListener('focus', flush);
  Outbox.channel?.addEventListener('message', render);
  // For the browser tests and the curious: the queue and a way to send it now.
  window.FootworkOffline = { flush, render, entries: () => Outbox.all() };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
