// An update's HTML as the article page shows it (`partials/update`), rendered once per content and kept.
//
// Decisions:
// - A change re-renders the whole article page, but it changes one update: the others are taken from
//   here, so a cache miss renders one fragment instead of all of them (shaping an update and running its
//   template were half of a miss).
// - The key is everything the fragment is made of, not a version number: the whole update as read
//   (fields, blocks with their speakers as they are now, corrections), the article fields the view reads
//   (slug, language, zone), the current year in the zone (headings leave out the current year) and the
//   template's own options. A renamed speaker, a new correction or an edited block changes the key, so a
//   kept fragment can never be stale, and no write path has to remember to forget one.
// - Bounded by characters (keys and HTML), least recently used first out.
// - Nothing is kept while the test-only Markdown control is on (src/render/markdown.ts).
import type { Article, Update } from '../domain/types.js';
import { updateView } from './article-view.js';
import { yearIn } from './dates.js';
import { messages } from './i18n.js';
import { unsafePositiveControl } from './markdown.js';
import { StringMemo } from './memo.js';
import { renderView } from './templates.js';

const FRAGMENT_CHARS = 8 * 1024 * 1024;

const fragments = new StringMemo(FRAGMENT_CHARS);

/** How the page shows the update: marked new since the reader's last visit, and its heading level. */
export interface FragmentOptions {
  isNew?: boolean;
  headingLevel?: number;
}

/** What a fragment is made of; two calls with the same key render the same HTML. */
function fragmentKey(article: Article, update: Update, now: string, options: FragmentOptions): string {
  const { slug, locale, timeZone } = article;
  const { isNew = false, headingLevel = null } = options;
  return JSON.stringify([slug, locale, timeZone, yearIn(now, timeZone), isNew, headingLevel, update]);
}

/** The update's `partials/update` HTML; `now` decides whether headings need a year. */
export function updateHtml(
  article: Article,
  update: Update,
  now: string,
  options: FragmentOptions = {},
): string {
  const render = () =>
    renderView('partials/update', {
      update: { ...updateView(article, update, now), isNew: options.isNew ?? false },
      article,
      t: messages(article.locale),
      headingLevel: options.headingLevel,
    });
  if (unsafePositiveControl()) return render();
  const key = fragmentKey(article, update, now, options);
  return fragments.get(key) ?? fragments.set(key, render());
}

/** The characters kept (for tests of the bound). */
export function keptFragmentChars(): number {
  return fragments.size;
}
