// Where updates go in a live article's list (used by live.js): the order the server's page would show
// them in, and day sections around runs of the same day, changed by moving only what is out of place.

/**
 * @typedef {{ order: 'editors' | 'newest' | 'oldest', filter: 'all' | 'key',
 *   editorsOrder: number[] | null, pinnedId: number | null }} View
 */

let sectionCount = 0;

/**
 * The updates the list should show, top to bottom: those on the page plus `extra`.
 * @param {HTMLElement} list @param {View} view @param {HTMLElement[]} extra
 */
export function desiredOrder(list, view, extra) {
  const isPinned = (/** @type {Element} */ el) =>
    view.pinnedId !== null && el.getAttribute('data-update-id') === String(view.pinnedId);
  const present = [...list.querySelectorAll('article.update')].filter(
    (el) => el instanceof HTMLElement && !(view.filter === 'all' && isPinned(el)),
  );
  const all = /** @type {HTMLElement[]} */ ([...present, ...extra]);
  const byId = new Map(all.map((el) => [Number(el.dataset.updateId), el]));
  /** @type {HTMLElement[]} */
  let ordered = [];
  for (const id of view.editorsOrder ?? []) {
    const el = byId.get(id);
    if (el) {
      ordered.push(el);
      byId.delete(id);
    }
  }
  // Anything the server did not list (a draft an editor sees) keeps its place after its neighbour.
  for (const el of byId.values()) {
    const at = all.indexOf(el);
    let after = -1;
    for (let i = at - 1; i >= 0 && after === -1; i -= 1)
      after = ordered.indexOf(/** @type {HTMLElement} */ (all[i]));
    ordered.splice(after + 1, 0, el);
  }
  if (view.order !== 'editors') {
    const sign = view.order === 'newest' ? -1 : 1;
    // Stable: equal times keep the editors' order, as on the server.
    ordered = ordered
      .map((el, index) => ({ el, index, at: el.dataset.datedAt ?? '' }))
      .sort((a, b) => (a.at === b.at ? a.index - b.index : a.at < b.at ? -sign : sign))
      .map((item) => item.el);
  }
  return ordered;
}

/**
 * Arranges `updates` under day headings (one section per run of the same day), moving only the
 * elements that are out of place so that the reader's scroll position is kept (scroll anchoring).
 * @param {HTMLElement} list @param {HTMLElement[]} updates @param {string} noUpdates text when empty
 */
export function layout(list, updates, noUpdates) {
  /** @type {{ day: string, label: string, items: HTMLElement[] }[]} */
  const runs = [];
  for (const el of updates) {
    const day = el.dataset.day ?? '';
    const last = runs.at(-1);
    if (last && last.day === day) last.items.push(el);
    else runs.push({ day, label: el.dataset.dayLabel ?? day, items: [el] });
  }
  const existing = /** @type {HTMLElement[]} */ ([...list.querySelectorAll(':scope > section.day')]);
  const used = new Set();
  const sections = runs.map((run) => {
    const holder = run.items
      .map((el) => el.parentElement)
      .find(
        (p) =>
          p &&
          p.parentElement === list &&
          p.matches('section.day') &&
          p.dataset.day === run.day &&
          !used.has(p),
      );
    const section =
      holder ?? existing.find((s) => !used.has(s) && s.dataset.day === run.day) ?? createDaySection(run);
    used.add(section);
    return section;
  });

  let cursor = nextUsedSection(list.querySelector(':scope > section.day'), used);
  for (const section of sections) {
    if (section === cursor) cursor = nextUsedSection(cursor.nextElementSibling, used);
    else list.insertBefore(section, cursor);
  }
  runs.forEach((run, index) => {
    const section = /** @type {HTMLElement} */ (sections[index]);
    let at = section.querySelector(':scope > .day__heading')?.nextElementSibling ?? null;
    for (const item of run.items) {
      if (item === at) at = at.nextElementSibling;
      else section.insertBefore(item, at);
    }
  });
  for (const section of existing) if (!used.has(section)) section.remove();

  const empty = list.querySelector(':scope > p.empty');
  if (updates.length > 0) empty?.remove();
  else if (!empty && noUpdates) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = noUpdates;
    list.append(p);
  }
}

/** @param {Element | null} from @param {Set<unknown>} used */
function nextUsedSection(from, used) {
  let el = from;
  while (el && !(el.matches('section.day') && used.has(el))) el = el.nextElementSibling;
  return el;
}

/** @param {{ day: string, label: string }} run */
function createDaySection(run) {
  sectionCount += 1;
  const id = `day-${run.day}-live-${sectionCount}`;
  const section = document.createElement('section');
  section.className = 'day';
  section.dataset.day = run.day;
  section.setAttribute('aria-labelledby', id);
  const heading = document.createElement('h2');
  heading.className = 'day__heading';
  heading.id = id;
  heading.textContent = run.label;
  section.append(heading);
  return section;
}
