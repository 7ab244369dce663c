// `dateline reindex`: rebuilds the full-text search index from the articles and updates.
import { refreshSearch } from '../services/search.js';
import { options, withContext } from './common.js';

/** Empties and rebuilds the search index in one transaction; prints how many articles it holds. */
export async function reindexCommand(args: string[]): Promise<void> {
  options(args, {});
  const { articles, documents } = await withContext((ctx) => {
    const articles = ctx.db.transaction(() => ctx.repos.search.rebuild())();
    refreshSearch(ctx);
    return { articles, documents: ctx.repos.search.documentCount() };
  });
  console.log(`search index rebuilt: ${articles} articles, ${documents} documents`);
}
