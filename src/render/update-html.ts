// An update's HTML as the article page shows it (`partials/update`), rendered once per content and kept.
//
// Decisions:
// - A change re-renders the whole article page, but it changes one update: the others are taken from
//   here, so a cache miss renders one fragment instead of all of them (shaping an update and running its
//   template were half of a miss).
// - A fragment is kept with the update it was made from and used only while the update as read now is
//   equal to it in every field (blocks with their speakers as they are now, corrections, author name),
//   under a key of what else it is made of (update id, slug, language, zone, the current year in the zone,
//   since headings leave that year out, and the template's options). A renamed speaker, a new correction
//   or an edited block makes the update differ, so a kept fragment can never be stale, and no write path
//   has to remember to forget one.
// - Bounded by characters (keys and HTML), least recently used first out.
// - Nothing is kept while the test-only Markdown control is on (src/render/markdown.ts).
import type { Article, Update } from '../domain/types.js';
import { updateView } from './article-view.js';
import { yearIn } from './dates.js';
import { messages } from './i18n.js';
import { unsafePositiveControl } from './markdown.js';
import { InputMemo } from './memo.js';
import { renderView } from './templates.js';

const FRAGMENT_CHARS = 8 * 1024 * 1024;

const fragments = new InputMemo<Update>(FRAGMENT_CHARS);
let rendered = 0;

/** How the page shows the update: marked new since the reader's last visit, and its heading level. */
export interface FragmentOptions {
  isNew?: boolean;
  headingLevel?: number;
}

/** What a fragment is made of besides the update itself. */
function fragmentKey(article: Article, update: Update, now: string, options: FragmentOptions): string {
  const { slug, locale, timeZone } = article;
  const { isNew = false, headingLevel = 3 } = options;
  // Slugs, language codes and zone names have no spaces or newlines.
  return `${update.id} ${slug} ${locale} ${timeZone} ${yearIn(now, timeZone)} ${isNew ? 1 : 0} ${headingLevel}`;
}

/** The update's `partials/update` HTML; `now` decides whether headings need a year. */
export function updateHtml(
  article: Article,
  update: Update,
  now: string,
  options: FragmentOptions = {},
): string {
  const render = () => {
    rendered += 1;
    return renderView('partials/update', {
      update: { ...updateView(article, update, now), isNew: options.isNew ?? false },
      article,
      t: messages(article.locale),
      headingLevel: options.headingLevel,
    });
  };
  if (unsafePositiveControl()) return render();
  return fragments.get(fragmentKey(article, update, now, options), update, render);
}

/** How many fragments this process has rendered (a view that renders none found them all kept). */
export function fragmentsRendered(): number {
  return rendered;
}

/** The characters kept (for tests of the bound). */
export function keptFragmentChars(): number {
  return fragments.size;
}
