import type { Article, Update } from '../domain/types.js';
import { segmentBlocks } from './article-view.js';
import { updateText } from './plain-text.js';

// What the write side renders once a change is committed (src/app.ts, ServiceContext.onUpdatesWritten):
// the Markdown of the update's blocks, as its page (HTML: text, questions, answers with the Swedish dash)
// and its JSON-LD and descriptions (plain text) will ask for it, so that no reader's view parses Markdown.
// Both are kept per source (render/markdown.ts, render/plain-text.ts): blocks that did not change cost a
// lookup each. Content another process writes (`dateline import-json`, the seeders) reaches the server
// through the database only: its first view parses it.

/** Renders the Markdown of an update's blocks into the kept results its pages will use. */
export function prepareUpdate(article: Pick<Article, 'locale'>, update: Update): void {
  segmentBlocks(update.blocks, article.locale);
  updateText(update);
}
