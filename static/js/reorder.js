// The live desk's editorial order: drag an update by its handle, or use the keyboard (focus the
// handle, Space or Enter to pick it up, the arrow keys to move it, Space or Enter to drop it, Escape
// to cancel). The whole new order is saved at once; when the server refuses it, the old order
// comes back. The Move up / Move down buttons keep working without this script. What it says comes from
// the list's data-msg-* attributes, in the user's desk language ({label}, {position} … filled in here).

import { fill } from './catalogue.js';

/** The server refused the new order (the message says why); anything else thrown is a lost connection. */
class Refused extends Error {}

const list = document.getElementById('desk-updates');
if (list instanceof HTMLOListElement && list.dataset.orderUrl) setUp(list, list.dataset.orderUrl);

/** @param {HTMLOListElement} list @param {string} orderUrl */
function setUp(list, orderUrl) {
  const words = list.dataset;
  const help = document.createElement('p');
  help.id = 'reorder-help';
  help.className = 'visually-hidden';
  help.textContent = words.msgHelp ?? '';
  const live = document.createElement('div');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  live.id = 'reorder-status';
  list.before(help, live);
  /** Created on the first failure (an empty alert would only confuse). */
  let error = /** @type {HTMLParagraphElement | null} */ (null);

  /** @type {{ item: HTMLLIElement, before: HTMLLIElement[] } | null} */
  let drag = null;
  /** @type {{ item: HTMLLIElement, before: HTMLLIElement[] } | null} */
  let held = null;
  let saving = false;

  for (const item of items()) addHandle(item);

  // ---------- Handles ----------

  /** @param {HTMLLIElement} item */
  function addHandle(item) {
    const handle = document.createElement('button');
    handle.type = 'button';
    handle.className = 'drag-handle';
    handle.setAttribute('aria-label', fill(words.msgHandle, { label: labelOf(item) }));
    handle.setAttribute('aria-describedby', help.id);
    handle.setAttribute('aria-pressed', 'false');
    const grip = document.createElement('span');
    grip.setAttribute('aria-hidden', 'true');
    grip.textContent = '⠿';
    handle.append(grip);
    const meta = item.querySelector('.desk-update__meta');
    if (meta) meta.prepend(handle);
    else item.prepend(handle);

    // Only the handle is draggable: the rest of the update stays selectable (and its links draggable).
    handle.draggable = true;
    item.addEventListener('dragstart', (event) => {
      if (event.target !== handle) return;
      if (saving || held) {
        event.preventDefault();
        return;
      }
      drag = { item, before: items() };
      hideError();
      item.classList.add('desk-update--dragging');
      if (event.dataTransfer) {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', item.dataset.updateId ?? '');
        const box = item.getBoundingClientRect();
        event.dataTransfer.setDragImage(item, event.clientX - box.left, event.clientY - box.top);
      }
    });
    item.addEventListener('dragend', () => {
      item.classList.remove('desk-update--dragging');
      clearIndicator();
      drag = null;
    });

    handle.addEventListener('click', () => {
      if (held && held.item === item) drop();
      else if (!held && !saving) pickUp(item, handle);
    });
    handle.addEventListener('keydown', (event) => {
      if (!held || held.item !== item) return;
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        event.preventDefault();
        step(item, event.key === 'ArrowUp' ? -1 : 1);
        handle.scrollIntoView({ block: 'nearest' });
      } else if (event.key === 'Escape') {
        event.preventDefault();
        cancel();
      }
    });
    handle.addEventListener('blur', () => {
      if (held && held.item === item) cancel();
    });
  }

  // ---------- Mouse: native drag and drop ----------

  list.addEventListener('dragover', (event) => {
    if (!drag) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    showIndicator(dropTarget(event.clientY));
  });
  list.addEventListener('dragleave', (event) => {
    if (drag && !(event.relatedTarget instanceof Node && list.contains(event.relatedTarget)))
      clearIndicator();
  });
  list.addEventListener('drop', (event) => {
    if (!drag) return;
    event.preventDefault();
    const { item, before } = drag;
    const target = dropTarget(event.clientY);
    clearIndicator();
    if (target !== item && target !== item.nextElementSibling) list.insertBefore(item, target);
    void save(before, item);
  });

  /** The item the dragged one would be dropped before (null: at the end). */
  function dropTarget(/** @type {number} */ y) {
    for (const item of items()) {
      if (drag && item === drag.item) continue;
      const box = item.getBoundingClientRect();
      if (y < box.top + box.height / 2) return item;
    }
    return null;
  }

  function showIndicator(/** @type {HTMLLIElement | null} */ target) {
    clearIndicator();
    if (!drag || target === drag.item || target === drag.item.nextElementSibling) return;
    if (target) target.classList.add('desk-update--drop-before');
    else items().at(-1)?.classList.add('desk-update--drop-after');
  }

  function clearIndicator() {
    for (const item of list.querySelectorAll('.desk-update--drop-before, .desk-update--drop-after')) {
      item.classList.remove('desk-update--drop-before', 'desk-update--drop-after');
    }
  }

  // ---------- Keyboard ----------

  function pickUp(/** @type {HTMLLIElement} */ item, /** @type {HTMLButtonElement} */ handle) {
    held = { item, before: items() };
    hideError();
    item.classList.add('desk-update--held');
    handle.setAttribute('aria-pressed', 'true');
    say(fill(words.msgPickedUp, at(item)));
  }

  function step(/** @type {HTMLLIElement} */ item, /** @type {number} */ delta) {
    // The neighbour moves, not the item: the handle keeps its focus.
    const neighbour = delta < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (!(neighbour instanceof HTMLLIElement)) {
      say(fill(words.msgAlreadyAt, at(item)));
      return;
    }
    if (delta < 0) item.after(neighbour);
    else item.before(neighbour);
    say(fill(words.msgMovedTo, at(item)));
  }

  function drop() {
    if (!held) return;
    const { item, before } = held;
    release();
    say(fill(words.msgDropped, at(item)));
    void save(before, item);
  }

  function cancel() {
    if (!held) return;
    const { item, before } = held;
    release();
    putBack(before);
    say(fill(words.msgCancelled, at(item)));
  }

  function release() {
    if (!held) return;
    held.item.classList.remove('desk-update--held');
    held.item.querySelector('.drag-handle')?.setAttribute('aria-pressed', 'false');
    held = null;
  }

  // ---------- Saving ----------

  /** Sends the whole order; on any failure the order from before the move comes back. */
  async function save(/** @type {HTMLLIElement[]} */ before, /** @type {HTMLLIElement} */ moved) {
    const order = items().map((item) => item.dataset.updateId ?? '');
    if (order.join(',') === before.map((item) => item.dataset.updateId ?? '').join(',')) return;
    refreshMoveButtons();
    saving = true;
    list.setAttribute('aria-busy', 'true');
    try {
      const body = new URLSearchParams({ order: order.join(','), _csrf: csrfToken() });
      const response = await fetch(orderUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      if (!response.ok) {
        throw new Refused(
          response.status === 409
            ? (words.msgStale ?? '')
            : fill(words.msgFailed, { status: String(response.status) }),
        );
      }
      say(fill(words.msgSaved, at(moved)));
    } catch (err) {
      putBack(before);
      showError(err instanceof Refused ? err.message : (words.msgOffline ?? ''));
    } finally {
      saving = false;
      list.removeAttribute('aria-busy');
    }
  }

  function putBack(/** @type {HTMLLIElement[]} */ before) {
    const focused = document.activeElement;
    for (const item of before) if (item.parentElement === list) list.append(item);
    refreshMoveButtons();
    if (focused instanceof HTMLElement && focused !== document.activeElement) focused.focus();
  }

  /** The no-JS Move up / Move down buttons: the first cannot go up, the last cannot go down. */
  function refreshMoveButtons() {
    const all = items();
    all.forEach((item, index) => {
      const up = item.querySelector('form[action$="/move"] button[value="up"]');
      const down = item.querySelector('form[action$="/move"] button[value="down"]');
      if (up instanceof HTMLButtonElement) up.disabled = index === 0;
      if (down instanceof HTMLButtonElement) down.disabled = index === all.length - 1;
    });
  }

  function csrfToken() {
    const input = document.querySelector('input[name="_csrf"]');
    return input instanceof HTMLInputElement ? input.value : '';
  }

  // ---------- Helpers ----------

  function items() {
    return /** @type {HTMLLIElement[]} */ ([...list.children].filter((el) => el.matches('li.desk-update')));
  }

  function labelOf(/** @type {HTMLLIElement} */ item) {
    const label = item.querySelector('.update__label')?.textContent?.replace(/\s+/g, ' ').trim();
    return label || `#${item.dataset.updateId ?? ''}`;
  }

  function position(/** @type {HTMLLIElement} */ item) {
    const all = items();
    return fill(words.msgPosition, { index: String(all.indexOf(item) + 1), total: String(all.length) });
  }

  /** The {label} and {position} of an update, for the sentences above. */
  function at(/** @type {HTMLLIElement} */ item) {
    return { label: labelOf(item), position: position(item) };
  }

  function say(/** @type {string} */ text) {
    live.textContent = '';
    window.setTimeout(() => {
      live.textContent = text;
    }, 50);
  }

  function showError(/** @type {string} */ text) {
    if (!error) {
      error = document.createElement('p');
      error.className = 'alert alert--error reorder-error';
      error.setAttribute('role', 'alert');
      list.before(error);
    }
    error.textContent = text;
    error.hidden = false;
  }

  function hideError() {
    if (!error) return;
    error.hidden = true;
    error.textContent = '';
  }
}
