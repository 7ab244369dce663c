import type { ArticleEvent } from '../db/events-repo.js';
import type { Repos } from '../db/repos.js';
import type { Article } from '../domain/types.js';
import { pagesById, updateHref } from '../render/article-page.js';
import { keyEventLinks, updateView } from '../render/article-view.js';
import { messages } from '../render/i18n.js';
import { renderView } from '../render/templates.js';

/** What an open article page receives for one event: enough to apply it without reloading. */
export interface LivePayload {
  type: string;
  version: number;
  live: boolean;
  /** The update the event is about, when there is one. */
  updateId: number | null;
  /** Its server-rendered, sanitised HTML when readers may see it now; null means "remove it". */
  html: string | null;
  /** Every public update id in the editors' order (the pinned one in its place), to place and move them. */
  order: number[];
  pinnedId: number | null;
  /** The rendered key-events box (empty string when there are none). */
  keyEventsHtml: string;
}

/** Renders an event against the article's current state (so a replay never shows stale text). */
export function buildPayload(repos: Repos, article: Article, event: ArticleEvent, now: string): LivePayload {
  const updates = repos.updates.listForArticle(article.id, false);
  const update = event.updateId === null ? undefined : updates.find((u) => u.id === event.updateId);
  const t = messages(article.locale);
  const pinned = updates.find((u) => u.pinned);
  const pages = pagesById(updates.filter((u) => u !== pinned).map((u) => u.id));
  return {
    type: event.type,
    version: article.version,
    live: article.live,
    updateId: event.updateId,
    html: update
      ? renderView('partials/update', { update: updateView(article, update, now), article, t })
      : null,
    order: updates.map((u) => u.id),
    pinnedId: pinned?.id ?? null,
    keyEventsHtml: renderView('partials/key-events', {
      article,
      t,
      // Live pages are page 1 of a long story: key events further down link to their own page.
      keyEvents: keyEventLinks(article, updates, now, (id) => updateHref(id, pages, 1, (p) => `?page=${p}`)),
    }),
  };
}
