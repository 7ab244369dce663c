import type { Article, Update } from '../../domain/types.js';
import { blockInputOf } from '../../domain/snapshots.js';
import { dayKey } from '../../render/dates.js';

// Domain objects → the JSON API's documents. Pure: no request, no database. Blocks come out in the same
// shape they go in (blockInputOf, as the forms and imports write them), so a client can read an update,
// change it and send it back.

/** One update. A day-precision update's `datedAt` is its date in the article's zone (`YYYY-MM-DD`). */
export function updateJson(update: Update, timeZone: string) {
  return {
    id: update.id,
    articleId: update.articleId,
    version: update.version,
    datedAt: update.precision === 'day' ? dayKey(update.datedAt, timeZone) : update.datedAt,
    precision: update.precision,
    headline: update.headline,
    pinned: update.pinned,
    keyEvent: update.keyEvent,
    status: update.status,
    firstPublishedAt: update.firstPublishedAt,
    lastEditedAt: update.lastEditedAt,
    blocks: update.blocks.map(blockInputOf),
    corrections: (update.corrections ?? []).map((correction) => ({
      note: correction.note,
      at: correction.at,
    })),
  };
}

/** The public address of an article: absolute when a base URL is configured. */
export function articleUrl(article: Pick<Article, 'slug'>, baseUrl: string | undefined): string {
  return `${baseUrl ?? ''}/articles/${encodeURIComponent(article.slug)}`;
}

/** An article's metadata (lists, conflicts). */
export function articleJson(article: Article, baseUrl: string | undefined) {
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    status: article.status,
    live: article.live,
    locale: article.locale,
    timeZone: article.timeZone,
    tags: article.tags,
    version: article.version,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    publishedAt: article.publishedAt,
    coverageStartedAt: article.coverageStartedAt,
    coverageEndedAt: article.coverageEndedAt,
    url: articleUrl(article, baseUrl),
  };
}

/** An article with its updates in the editors' order. */
export function articleWithUpdatesJson(article: Article, updates: Update[], baseUrl: string | undefined) {
  return {
    ...articleJson(article, baseUrl),
    updates: updates.map((update) => updateJson(update, article.timeZone)),
  };
}
