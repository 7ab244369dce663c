// Presence on the desk: every 20 s this page tells the server it is still open (and, on an edit page,
// which update it edits), and the answer — everyone else seen on the article in the last 45 s — replaces
// the "Also here: …" line on the live desk, or the "… is editing this update" warning on an edit page.
// Without this script the list rendered with the page stays as it was at load. A warning, never a lock.
// The sentences come from the box's data-msg-* attributes, in the user's desk language.

import { fill } from './catalogue.js';

const box = document.getElementById('presence');
if (box instanceof HTMLElement && box.dataset.presenceUrl) start(box, box.dataset.presenceUrl);

/**
 * @typedef {{ userId: number, name: string, updateId: number | null, since: string,
 *   sinceLabel: string, updateLabel: string | null }} Other
 */

/** @param {HTMLElement} box @param {string} url */
function start(box, url) {
  const updateId = Number(box.dataset.updateId ?? '') || null;
  const every = Number(box.dataset.heartbeatMs) || 20_000;
  const words = box.dataset;
  let busy = false;

  async function beat() {
    if (busy) return;
    busy = true;
    try {
      const body = new URLSearchParams({ _csrf: csrfToken() });
      if (updateId !== null) body.set('updateId', String(updateId));
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      if (response.ok) render(/** @type {Other[]} */ (await response.json()));
    } catch {
      // Offline or the server restarted: the next beat tries again.
    } finally {
      busy = false;
    }
  }

  /** @param {Other[]} others */
  function render(others) {
    const relevant = updateId === null ? others : others.filter((other) => other.updateId === updateId);
    const nodes = updateId === null ? deskLine(relevant) : warnings(relevant);
    // Rewrite only on a change, so the status region does not announce the same names every 20 s.
    const text = (/** @type {string | null} */ value) => (value ?? '').replace(/\s+/g, ' ').trim();
    if (text(nodes.map((node) => node.textContent).join(' ')) === text(box.textContent)) return;
    box.replaceChildren(...nodes);
  }

  /** "Also here: Anna Berg (editing <a>Headline</a> since 14.02), Bo Ek." @param {Other[]} others */
  function deskLine(others) {
    if (others.length === 0) return [];
    const line = document.createElement('p');
    line.className = 'presence__line';
    line.append(words.msgAlsoHere ?? '');
    others.forEach((other, index) => {
      if (index > 0) line.append(', ');
      line.append(other.name);
      if (other.updateId !== null) {
        const link = document.createElement('a');
        link.href = `#update-${other.updateId}`;
        link.textContent = other.updateLabel ?? fill(words.msgUpdate, { id: String(other.updateId) });
        line.append(words.msgEditingLink ?? '', link, fill(words.msgSince, { since: other.sinceLabel }));
      }
    });
    line.append('.');
    return [line];
  }

  /** One warning per person editing this update. @param {Other[]} others */
  function warnings(others) {
    return others.map((other) => {
      const warning = document.createElement('p');
      warning.className = 'alert alert--warning presence__warning';
      warning.textContent = fill(words.msgWarning, { name: other.name, since: other.sinceLabel });
      return warning;
    });
  }

  // Loading the page counted as the first heartbeat; the script keeps it fresh.
  setInterval(() => void beat(), every);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void beat();
  });
}

function csrfToken() {
  const input = document.querySelector('input[name="_csrf"]');
  return input instanceof HTMLInputElement ? input.value : '';
}
