// One page of an article as the reader route shows it. A long story has thousands of updates, and a page
// shows fifty: the page is planned on a light index of every visible update (no blocks, no corrections),
// and only the updates it shows are loaded with their content. The key-events box, the byline, the
// "new since" marks and the JSON-LD dates need no content; the corrections list reads the article's
// corrections by themselves.
import type { UpdateSummary } from '../db/update-rows.js';
import type { Correction, Update } from '../domain/types.js';
import { planPage, type PageRequest } from '../render/article-page.js';
import type { ServiceContext } from '../services/context.js';

export interface StoryPage {
  /** Every update the viewer may see, without content, in the editors' order. */
  index: UpdateSummary[];
  /** The pinned update with its content, when this page shows it (page 1, all updates). */
  pinned: Update | undefined;
  /** The page's updates with their content, in the reader's order. */
  onPage: Update[];
  pages: number;
  /** The page of each listed update, by id. */
  pageOf: Map<number, number>;
  /** The updates that have corrections, with them, in the editors' order: the corrections list. */
  corrected: (UpdateSummary & { corrections: Correction[] })[];
}

type ReadPage = (articleId: number, includeDrafts: boolean, view: PageRequest) => StoryPage | undefined;

// The read transaction of each set of repositories (one database's), made once: better-sqlite3 builds a
// transaction function and its variants on every db.transaction call, a measurable part of a cache miss.
const readers = new WeakMap<ServiceContext['repos'], ReadPage>();

/** Reads one page in one read transaction: the index and the content come from the same snapshot. */
function pageReader(ctx: ServiceContext): ReadPage {
  let read = readers.get(ctx.repos);
  if (!read) {
    const { updates } = ctx.repos;
    read = ctx.db.transaction((articleId: number, includeDrafts: boolean, view: PageRequest) => {
      const index = updates.listIndex(articleId, includeDrafts);
      const plan = planPage(index, view);
      if (view.page > plan.pages) return undefined;
      const pinned = view.page === 1 ? plan.pinned : undefined;
      const corrections = updates.correctionsByUpdate(articleId);
      const loaded = updates.withContent(pinned ? [pinned, ...plan.onPage] : plan.onPage, corrections);
      return {
        index,
        pinned: pinned && loaded[0],
        onPage: pinned ? loaded.slice(1) : loaded,
        pages: plan.pages,
        pageOf: plan.pageOf,
        corrected: index.flatMap((u) => {
          const list = corrections.get(u.id);
          return list ? [{ ...u, corrections: list }] : [];
        }),
      };
    });
    readers.set(ctx.repos, read);
  }
  return read;
}

/** The page the reader asked for; undefined when it is past the last page. */
export function readStoryPage(
  ctx: ServiceContext,
  articleId: number,
  includeDrafts: boolean,
  view: PageRequest,
): StoryPage | undefined {
  return pageReader(ctx)(articleId, includeDrafts, view);
}

/** The page of the unfiltered story, in the editors' order, that shows the update (1 for the pinned one). */
export function storyPageOf(
  ctx: ServiceContext,
  articleId: number,
  includeDrafts: boolean,
  updateId: number,
) {
  const index = ctx.repos.updates.listIndex(articleId, includeDrafts);
  return planPage(index, { order: 'editors', filter: 'all', page: 1 }).pageOf.get(updateId) ?? 1;
}
