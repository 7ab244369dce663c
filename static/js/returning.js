// Article pages: small enhancements for returning readers and long stories. The page works without it.
// - Remembers the reader's last visit of this article (localStorage) and offers a link to the same page
//   with `?since=` that last visit, which marks the updates published since then (server-rendered).
// - An old link to `/articles/slug#update-N` whose update is on another page of a long story goes to the
//   update's own page, which links to the page of the story that holds it.

const slot = document.getElementById('returning');

if (slot instanceof HTMLElement) {
  const path = slot.dataset.articlePath ?? '';
  followOldAnchor(path);
  offerSinceLastVisit(slot, path);
}

/** @param {string} path */
function followOldAnchor(path) {
  const match = /^#update-(\d+)$/.exec(window.location.hash);
  if (!match || !path || document.getElementById(`update-${match[1]}`)) return;
  window.location.replace(`${path}/updates/${match[1]}`);
}

/** @param {HTMLElement} holder @param {string} path */
function offerSinceLastVisit(holder, path) {
  const key = `dateline:last-visit:${path}`;
  let previous = null;
  try {
    previous = window.localStorage.getItem(key);
    window.localStorage.setItem(key, new Date().toISOString());
  } catch {
    return; // storage is off: nothing to remember
  }
  if (!previous || Number.isNaN(Date.parse(previous)) || holder.hasAttribute('data-since-given')) return;
  const url = new URL(window.location.href);
  url.hash = '';
  url.searchParams.delete('page');
  url.searchParams.set('since', previous);
  const p = document.createElement('p');
  p.className = 'since-note since-note--offer';
  const a = document.createElement('a');
  a.href = url.pathname + url.search;
  a.textContent = holder.dataset.sinceLabel ?? '';
  p.append(a);
  holder.append(p);
}
