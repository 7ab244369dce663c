// Live article pages: applies the Server-Sent Events of the story (new, edited, removed, pinned and
// reordered updates, the key-events box, the end of coverage) without reloading. New updates never
// shift the page under a reader who has scrolled: they wait behind a banner instead.
// Where an update goes in the list (order, day sections) is worked out in live-layout.js.
// The page is complete without this script; a reload shows the same content.

import { desiredOrder, layout } from './live-layout.js';

const container = document.getElementById('live-updates');

// Every event type the services write for readers; `message` catches unnamed events.
const EVENT_TYPES = [
  'message',
  'update.published',
  'update.edited',
  'update.unpublished',
  'update.removed',
  'update.restored',
  'update.pinned',
  'update.unpinned',
  'update.key_event',
  'article.reordered',
  'article.created',
  'article.edited',
  'article.published',
  'article.unpublished',
  'article.archived',
  'article.coverage_ended',
  'article.settings',
];

const MIN_RETRY_MS = 1000;
const MAX_RETRY_MS = 30000;

if (container && container.dataset.eventsUrl) start(container);

/** @param {HTMLElement} list */
function start(list) {
  const data = list.dataset;
  const config = {
    eventsUrl: data.eventsUrl ?? '',
    order: data.order === 'newest' || data.order === 'oldest' ? data.order : 'editors',
    filter: data.filter === 'key' ? 'key' : 'all',
    newOne: data.newOne ?? '1',
    newMany: data.newMany ?? '{n}',
    show: data.show ?? '',
    coverageEnded: data.coverageEnded ?? '',
    pinned: data.pinned ?? '',
    noUpdates: data.noUpdates ?? '',
    // A long story's page with more pages after it: an update that belongs below its end is not shown here.
    hasLaterPages: Number(data.page ?? '1') < Number(data.pages ?? '1'),
  };
  const story = list.closest('article.story') ?? document.body;
  const status = document.getElementById('live-status');
  const baseTitle = document.title;

  /** Updates that arrived while the reader was scrolled away, by id (insertion order kept). */
  const queue = new Map();
  /** The latest editors' order and pinned update the server told us about. */
  let editorsOrder = /** @type {number[] | null} */ (null);
  let pinnedId = /** @type {number | null} */ (null);
  let lastEventId = data.lastEventId ?? '';
  let banner = /** @type {HTMLButtonElement | null} */ (null);
  let source = /** @type {EventSource | null} */ (null);
  let retryTimer = 0;
  let attempt = 0;

  connect();
  window.addEventListener('pagehide', () => {
    window.clearTimeout(retryTimer);
    source?.close();
    source = null;
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && source === null) connect();
  });

  // ---------- The stream ----------

  function connect() {
    const url = new URL(config.eventsUrl, window.location.href);
    if (lastEventId !== '') url.searchParams.set('lastEventId', lastEventId);
    const es = new EventSource(url);
    source = es;
    es.addEventListener('open', () => {
      attempt = 0;
    });
    for (const type of EVENT_TYPES) es.addEventListener(type, onEvent);
    es.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself (sending Last-Event-ID). CLOSED: it gave up.
      if (es.readyState !== EventSource.CLOSED || source !== es) return;
      es.close();
      source = null;
      const ceiling = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** attempt);
      attempt += 1;
      const delay = ceiling / 2 + Math.random() * (ceiling / 2);
      retryTimer = window.setTimeout(connect, delay);
    });
  }

  /** @param {MessageEvent} event */
  function onEvent(event) {
    const id = event.lastEventId;
    // A replay after a reconnect may repeat what this page already applied.
    if (id !== '' && /^\d+$/.test(id)) {
      if (lastEventId !== '' && Number(id) <= Number(lastEventId)) return;
      lastEventId = id;
    }
    let payload;
    try {
      payload = JSON.parse(event.data);
    } catch {
      return;
    }
    if (payload && typeof payload === 'object') apply(payload);
  }

  // ---------- Applying one event ----------

  /** @param {{ updateId?: number | null, html?: string | null, order?: number[], pinnedId?: number | null, keyEventsHtml?: string, live?: boolean }} payload */
  function apply(payload) {
    if (Array.isArray(payload.order)) editorsOrder = payload.order.map(Number);
    if (payload.pinnedId !== undefined) pinnedId = payload.pinnedId;
    if (typeof payload.keyEventsHtml === 'string') replaceKeyEvents(payload.keyEventsHtml);
    if (payload.live === false) endCoverage();

    /** @type {HTMLElement[]} */
    const arrived = [];
    const updateId = typeof payload.updateId === 'number' ? payload.updateId : null;
    if (updateId !== null) {
      const existing = findUpdate(updateId);
      let fresh = typeof payload.html === 'string' ? parseUpdate(payload.html) : null;
      if (fresh && config.filter === 'key' && !fresh.hasAttribute('data-key-event')) fresh = null;
      if (fresh === null) {
        existing?.remove();
        queue.delete(updateId);
      } else if (existing) {
        if (existing.hasAttribute('tabindex')) fresh.setAttribute('tabindex', '-1');
        existing.replaceWith(fresh);
      } else if (belongsOnLaterPage(fresh)) {
        queue.delete(updateId);
      } else if (queue.size > 0 || !atTop()) {
        // Once some wait behind the banner, later ones join them: the banner shows them in order.
        queue.set(updateId, fresh);
      } else {
        arrived.push(fresh);
      }
    }
    place(arrived);
    renderBanner();
    if (arrived.length > 0) announce(countLabel(arrived.length));
  }

  /** What decides the list's order: the reader's choice and the server's latest word. */
  function view() {
    return { order: config.order, filter: config.filter, editorsOrder, pinnedId };
  }

  /** Puts new updates (and moved pinned ones) where the server's page would have them. */
  function place(/** @type {HTMLElement[]} */ arrived) {
    if (config.filter === 'all') syncPinned(arrived);
    const extra = arrived.filter((el) => !el.isConnected);
    layout(list, desiredOrder(list, view(), extra), config.noUpdates);
  }

  /** True for an update that would come after the last one of this page, when later pages exist. */
  function belongsOnLaterPage(/** @type {HTMLElement} */ el) {
    return config.hasLaterPages && desiredOrder(list, view(), [el]).at(-1) === el;
  }

  /** True while the top of the list is on screen: new updates can go straight in. */
  function atTop() {
    return list.getBoundingClientRect().top >= 0;
  }

  // ---------- Pinned update ----------

  /** Moves the pinned update into the pinned section above the list, and an unpinned one back. */
  function syncPinned(/** @type {HTMLElement[]} */ arrived) {
    let section = story.querySelector('section.pinned');
    const current = section?.querySelector('article.update');
    if (current instanceof HTMLElement && Number(current.dataset.updateId) !== pinnedId) {
      // Its own html may still say "pinned" when another update was pinned in its place.
      current.classList.remove('update--pinned');
      current.querySelector('.badge--pinned')?.remove();
      list.append(current);
    }
    if (pinnedId !== null) {
      const pinned = findUpdate(pinnedId) ?? arrived.find((el) => el.dataset.updateId === String(pinnedId));
      if (pinned && !section?.contains(pinned)) {
        if (!section) section = createPinnedSection(pinned);
        section.append(pinned);
      }
    }
    if (section && !section.querySelector('article.update')) section.remove();
  }

  /** @param {HTMLElement} update */
  function createPinnedSection(update) {
    const section = document.createElement('section');
    section.className = 'pinned';
    section.setAttribute('aria-labelledby', 'pinned-heading');
    const heading = document.createElement('h2');
    heading.id = 'pinned-heading';
    heading.className = 'visually-hidden';
    heading.textContent = config.pinned || update.querySelector('.badge--pinned')?.textContent || '';
    section.append(heading);
    const updates = list.closest('section.story__updates') ?? list;
    updates.before(section);
    return section;
  }

  // ---------- Banner, title and announcements ----------

  function renderBanner() {
    const n = queue.size;
    if (n === 0) {
      banner?.remove();
      banner = null;
      document.title = baseTitle;
      return;
    }
    const text = countLabel(n);
    if (!banner) {
      banner = document.createElement('button');
      banner.type = 'button';
      banner.className = 'live-banner';
      banner.addEventListener('click', showQueued);
      (status ?? list).before(banner);
    }
    const changed = banner.dataset.count !== String(n);
    banner.dataset.count = String(n);
    banner.replaceChildren(
      textSpan('live-banner__count', text),
      ' ',
      textSpan('live-banner__action', config.show),
    );
    document.title = `(${n}) ${baseTitle}`;
    if (changed) announce(text);
  }

  /** The banner's click: the queued updates go in, and the reader is taken to them. */
  function showQueued() {
    const arrived = [...queue.values()];
    queue.clear();
    place(arrived);
    renderBanner();
    const first = arrived
      .filter((el) => el.isConnected)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
    (list.closest('section.story__updates') ?? list).scrollIntoView({ block: 'start' });
    if (!first) return;
    first.setAttribute('tabindex', '-1');
    const box = first.getBoundingClientRect();
    const visible = box.top >= 0 && box.top < window.innerHeight;
    first.focus({ preventScroll: visible });
  }

  /** @param {number} n */
  function countLabel(n) {
    return n === 1 ? config.newOne : config.newMany.replace('{n}', String(n));
  }

  /** @param {string} className @param {string} text */
  function textSpan(className, text) {
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    return span;
  }

  /** Says `text` politely through #live-status (cleared first so a repeat is read again). */
  function announce(/** @type {string} */ text) {
    if (!status) return;
    let slot = status.querySelector('.live-status__announcement');
    if (!slot) {
      slot = textSpan('live-status__announcement visually-hidden', '');
      status.append(slot);
    }
    const target = slot;
    target.textContent = '';
    window.setTimeout(() => {
      target.textContent = text;
    }, 100);
  }

  function endCoverage() {
    for (const badge of story.querySelectorAll('.badge--live')) badge.remove();
    if (!status || status.querySelector('.live-status__ended') || !config.coverageEnded) return;
    const p = document.createElement('p');
    p.className = 'live-status__ended';
    p.textContent = config.coverageEnded;
    status.prepend(p);
  }

  // ---------- Key events box ----------

  /** @param {string} html */
  function replaceKeyEvents(html) {
    const current = story.querySelector('nav.key-events');
    const fresh = html.trim() === '' ? null : parseFirst(html, 'nav.key-events');
    if (!fresh) {
      current?.remove();
      return;
    }
    if (current) {
      if (current.outerHTML !== fresh.outerHTML) current.replaceWith(fresh);
      return;
    }
    const header = story.querySelector('.story__header');
    if (header) header.after(fresh);
    else story.prepend(fresh);
  }

  // ---------- Helpers ----------

  /** The update with this id on the page (in the list or the pinned section). */
  function findUpdate(/** @type {number} */ id) {
    const el = document.getElementById(`update-${id}`);
    return el instanceof HTMLElement && el.matches('article.update') && story.contains(el) ? el : null;
  }

  /** @param {string} html */
  function parseUpdate(html) {
    return parseFirst(html, 'article.update');
  }

  /** The first element matching `selector` in server-rendered (sanitised) HTML. */
  function parseFirst(/** @type {string} */ html, /** @type {string} */ selector) {
    const template = document.createElement('template');
    template.innerHTML = html;
    const el = template.content.querySelector(selector);
    return el instanceof HTMLElement ? el : null;
  }
}
