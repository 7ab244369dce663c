import type { Article, Update } from '../domain/types.js';
import { prepareBlogPosting } from './json-ld.js';
import { updateText } from './plain-text.js';
import { updateHtml } from './update-html.js';

// What the write side renders once a change is committed (src/app.ts, ServiceContext.onUpdatesWritten),
// so that the first view after it (a cache miss, issue 9) finds the changed update ready: its fragment as
// the article page shows it (render/update-html.ts), which parses its Markdown (answers with the Swedish
// dash), its plain text (JSON-LD, descriptions) and, when the site's origin is configured
// (DATELINE_BASE_URL; otherwise links follow each request's origin), its JSON-LD BlogPosting. All are kept
// with the update they were made from and used only while the update read later is equal, so preparing
// can never make a page stale; an update whose blocks did not change finds their HTML kept (it is read
// with the blocks a page kept, db/updates-repo.ts findById). A view no longer parses Markdown; content
// another process writes (`dateline import-json`, the seeders) reaches the server through the database
// only, and its first view renders it.

/** Renders and keeps what an article page will show of a changed update (`now`: the commit's time). */
export function prepareUpdate(article: Article, update: Update, now: string, origin: string | null): void {
  updateHtml(article, update, now);
  // A BlogPosting holds the update's plain text; without one, the text is made on its own.
  if (origin === null || !prepareBlogPosting(article, update, origin)) updateText(update);
}
