import assert from 'node:assert/strict';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { actor } from './db.js';

const START = Date.parse('2026-10-01T00:00:00.000Z');
/** The instant `i` minutes into the story. */
export const storyMinute = (i: number) => new Date(START + i * 60_000).toISOString();

export interface VariedStory {
  articleId: number;
  slug: string;
  /** Update ids in the order they were written (oldest first), the removed and draft ones included. */
  ids: number[];
  pinnedId: number;
  removedId: number;
  draftIds: number[];
}

/**
 * A live story of `total` updates with what long stories have: several authors, headlines or none, day
 * and minute precision, equal times, an editors' order that is not the dates' order, drafts, a removed
 * update, key events, an old pinned update (a key event too), quotes and attributed answers, edits and corrections.
 * Written straight through the repositories in one transaction (the services would take minutes).
 */
export function variedStory(ctx: ServiceContext, total: number, slug = 'varied'): VariedStory {
  const editor = actor('editor');
  const created = createArticle(ctx, editor, {
    title: 'Den brokiga krisen',
    slug,
    summary: 'Många uppdateringar av alla slag.',
    tags: [{ slug: 'kris', name: 'Kris' }],
    locale: 'sv',
    timeZone: 'Europe/Stockholm',
    live: true,
  });
  assert.ok(created.ok);
  const articleId = created.article.id;
  const { updates, revisions } = ctx.repos;
  const story = ctx.db.transaction(() => {
    const now = storyMinute(0);
    const authors = ['Anna Ek', 'Bo Lind', 'Cecilia Holm'].map((displayName, n) =>
      ctx.repos.users.insert(
        { email: `author${n}@example.com`, displayName, role: 'journalist', passwordHash: 'x' },
        now,
      ),
    );
    const speaker = ctx.repos.people.insert(
      { name: 'Karin Berg', title: 'operativ chef', organisation: 'Nordhall IT' },
      now,
    );
    const ids = Array.from({ length: total }, (_, i) => {
      // Every seventh shares its time with the one before; every 13th swaps places with it.
      const at = storyMinute(i % 7 === 6 ? i - 1 : i);
      const id = updates.insert(
        {
          articleId,
          datedAt: at,
          precision: i % 11 === 0 ? 'day' : 'minute',
          headline: i % 3 === 0 ? null : `Uppdatering ${i}`,
          authorId: i % 4 === 3 ? null : (authors[i % 4] ?? null),
          status: i % 97 === 50 ? 'draft' : 'published',
          position: (total - i + (i % 13 === 12 ? 1.5 : 0)) * 1024,
        },
        at,
      );
      updates.replaceBlocks(id, [
        { type: 'text', markdown: `Läget efter **${i}** minuter.` },
        { type: 'qa', question: 'Hur går det?', answer: `Svar ${i}.`, speakerId: speaker.id, asker: null },
        ...(i % 5 === 0
          ? [
              {
                type: 'quote' as const,
                text: `Uttalande ${i}.`,
                source: i % 10 === 0 ? null : 'Nordhall IT',
                speakerId: i % 10 === 0 ? speaker.id : null,
              },
            ]
          : []),
      ]);
      return id;
    });
    const at = (n: number) => ids[n] ?? 0;
    for (let n = 8; n < total; n += 29) updates.updateFields(at(n), 1, fieldsOf(n), storyMinute(n + 30));
    // The first correction is of the removed update, the second of a draft: readers see neither.
    for (let n = 9; n < total; n += 41) {
      const note = `Rättat: siffran i uppdatering ${n}.`;
      const when = storyMinute(n + (n % 2 === 0 ? 45 : 3000));
      revisions.insert({
        articleId,
        updateId: at(n),
        kind: 'correction',
        note,
        snapshot: {},
        authorId: null,
        at: when,
      });
    }
    for (let n = 30; n < total; n += 150) updates.setKeyEvent(at(n), true);
    const pinnedId = at(30 + 150 * Math.floor(total / 450)); // a key event too
    const removedId = at(9);
    updates.setPinned(articleId, pinnedId, true);
    updates.softDelete(removedId, storyMinute(total));
    const draftIds = ids.filter((_, i) => i % 97 === 50);
    return { ids, pinnedId, removedId, draftIds };
  })();
  setArticleStatus(ctx, editor, articleId, 'published');
  return { articleId, slug, ...story };
}

function fieldsOf(n: number) {
  return { datedAt: storyMinute(n), precision: 'minute' as const, headline: `Uppdatering ${n}, rättad` };
}
