// The live desk's new-update composer: Ctrl+Enter (Cmd+Enter) submits it, and an unsent draft is kept
// in this browser's localStorage so that a reload, a crash or a closed tab does not lose it.
// Without this script the form works as before. Its words come from the form's data-msg-* attributes,
// rendered from the desk's catalogue in the user's language (src/render/i18n/desk-*.ts).

import { fill } from './catalogue.js';

const form = document.querySelector('form[data-composer]');
if (form instanceof HTMLFormElement) setUp(form);

/** @param {HTMLFormElement} form */
function setUp(form) {
  const key = `dateline:composer:${form.dataset.composer}`;
  const words = form.dataset;
  const FIELD = /^(date|time|headline|blocks\.\d{1,3}\.[a-z]+)$/;

  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.isComposing) return;
    const button =
      form.querySelector('button[name="action"][value="publish"]') ??
      form.querySelector('button[name="action"][value="save"]:not(.implicit-submit)');
    if (!(button instanceof HTMLButtonElement)) return;
    event.preventDefault();
    form.requestSubmit(button);
  });

  form.addEventListener('input', save);
  form.addEventListener('change', save);
  form.addEventListener('submit', (event) => {
    const action = event.submitter instanceof HTMLButtonElement ? event.submitter.value : '';
    // The draft is dropped once the desk comes back with the new update (see below); a 422 page
    // shows the text again and the draft follows it.
    if (action === 'publish' || action === 'save') write({ ...snapshot(), pending: true });
  });

  const stored = read();
  const fresh = contentEmpty(currentFields());
  if (stored?.pending && fresh && /^#update-\d+$/.test(window.location.hash)) {
    // The desk redirected to the update it just stored: the draft was sent.
    remove();
  } else if (stored && !contentEmpty(stored.fields)) {
    if (fresh) restore(stored);
    else save(); // the server re-rendered the form with text (422, block added): that text wins
  } else if (!fresh) {
    save();
  } else if (stored) {
    remove();
  }

  // ---------- Storage ----------

  /** @returns {HTMLInputElement[] | (HTMLInputElement | HTMLTextAreaElement)[]} */
  function fieldElements() {
    return /** @type {(HTMLInputElement | HTMLTextAreaElement)[]} */ (
      [...form.elements].filter(
        (el) => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && FIELD.test(el.name),
      )
    );
  }

  /** @returns {[string, string][]} */
  function currentFields() {
    return fieldElements().map((el) => [el.name, el.value]);
  }

  function snapshot() {
    return { savedAt: new Date().toISOString(), fields: currentFields(), pending: false };
  }

  function save() {
    const draft = snapshot();
    if (contentEmpty(draft.fields)) remove();
    else write(draft);
  }

  /** @returns {{ savedAt: string, fields: [string, string][], pending: boolean } | null} */
  function read() {
    try {
      const raw = window.localStorage.getItem(key);
      const value = raw === null ? null : JSON.parse(raw);
      if (!value || !Array.isArray(value.fields)) return null;
      const fields = value.fields.filter(
        (/** @type {unknown} */ f) =>
          Array.isArray(f) && typeof f[0] === 'string' && typeof f[1] === 'string' && FIELD.test(f[0]),
      );
      return { savedAt: String(value.savedAt ?? ''), fields, pending: value.pending === true };
    } catch {
      return null;
    }
  }

  /** @param {object} draft */
  function write(draft) {
    try {
      window.localStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the form still works, only without a safety net.
    }
  }

  function remove() {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // see write()
    }
  }

  /** True when the headline and every block field (not its type) are blank. */
  function contentEmpty(/** @type {[string, string][]} */ fields) {
    return fields.every(
      ([name, value]) =>
        !(name === 'headline' || (name.startsWith('blocks.') && !name.endsWith('.type'))) ||
        value.trim() === '',
    );
  }

  function blockTypes(/** @type {[string, string][]} */ fields) {
    return fields
      .filter(([name]) => /^blocks\.\d+\.type$/.test(name))
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
  }

  // ---------- Restoring ----------

  /** @param {{ savedAt: string, fields: [string, string][] }} draft */
  function restore(draft) {
    if (blockTypes(draft.fields) === blockTypes(currentFields())) {
      for (const [name, value] of draft.fields) {
        const el = form.elements.namedItem(name);
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.value = value;
      }
      notice(words.msgRestored ?? '', null);
      return;
    }
    // The draft has other blocks than this form: the server builds the form again from it.
    const blocks = draft.fields.filter(([name]) => name.endsWith('.type')).length;
    const one = new Intl.PluralRules(document.documentElement.lang || 'en').select(blocks) === 'one';
    const template = one ? words.msgKeptOne : words.msgKeptOther;
    const count = new Intl.NumberFormat(document.documentElement.lang || 'en').format(blocks);
    notice(fill(template, { n: count }), () => rebuild(draft));
  }

  /** Sends the draft as a "move block" request, which re-renders the composer holding every block. */
  function rebuild(/** @type {{ fields: [string, string][] }} */ draft) {
    for (const [name, value] of draft.fields) {
      const el = form.elements.namedItem(name);
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.value = value;
      else {
        const hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = name;
        hidden.value = value;
        form.append(hidden);
      }
    }
    const button = document.createElement('button');
    button.type = 'submit';
    button.name = 'action';
    button.value = 'up:0';
    button.hidden = true;
    form.append(button);
    form.requestSubmit(button);
  }

  /** A note above the form, with Discard (and Restore when the draft needs the server). */
  function notice(/** @type {string} */ text, /** @type {(() => void) | null} */ onRestore) {
    const box = document.createElement('div');
    box.className = 'draft-notice';
    box.setAttribute('role', 'status');
    const message = document.createElement('p');
    message.className = 'draft-notice__text';
    message.textContent = text;
    box.append(message);
    if (onRestore)
      box.append(button(words.msgRestore ?? '', onRestore, 'button button--small button--primary'));
    box.append(
      button(
        words.msgDiscard ?? '',
        () => {
          form.reset();
          remove();
          box.remove();
          form.querySelector('textarea, input:not([type="hidden"])')?.focus();
        },
        'button button--small',
      ),
    );
    form.before(box);
  }

  function button(
    /** @type {string} */ label,
    /** @type {() => void} */ onClick,
    /** @type {string} */ className,
  ) {
    const el = document.createElement('button');
    el.type = 'button';
    el.className = className;
    el.textContent = label;
    el.addEventListener('click', onClick);
    return el;
  }
}
