import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUpdatesRepo } from '../../src/db/updates-repo.js';
import type { Update } from '../../src/domain/types.js';
import { freshContext } from '../helpers/db.js';
import { recordReads } from '../helpers/read-recorder.js';
import { variedStory } from '../helpers/varied-story.js';

/** An update without its content, as the index holds it. */
const summary = ({ blocks: _blocks, corrections: _corrections, ...rest }: Update) => rest;

/** A few updates out of the editors' order: corrected, draft, quoted and plain ones. */
function sample(full: Update[]): Update[] {
  const picks = [
    full.findLast((u) => (u.corrections ?? []).length > 0),
    full.find((u) => u.status === 'draft'),
    full[0],
    full.find((u) => u.blocks.some((b) => b.type === 'quote')),
    full.find((u) => (u.corrections ?? []).length > 0),
  ];
  return picks.filter((u) => u !== undefined);
}

describe('the light index and page contents of a long story', () => {
  it('when the index is read, then it is the full list without blocks and corrections, drafts as asked', () => {
    const ctx = freshContext();
    const story = variedStory(ctx, 200);
    for (const drafts of [false, true]) {
      const index = ctx.repos.updates.listIndex(story.articleId, drafts);
      assert.deepEqual(index, ctx.repos.updates.listForArticle(story.articleId, drafts).map(summary));
      assert.ok(index.every((u) => !('blocks' in u) && !('corrections' in u)));
      assert.ok(!index.some((u) => u.id === story.removedId), 'a removed update is not indexed');
      assert.equal(
        index.some((u) => story.draftIds.includes(u.id)),
        drafts,
      );
    }
  });

  it('when chosen updates get their content, then they equal the full list entries, in the order given', () => {
    const ctx = freshContext();
    const story = variedStory(ctx, 200);
    const chosen = sample(ctx.repos.updates.listForArticle(story.articleId, true));
    assert.equal(chosen.length, 5);
    const corrections = ctx.repos.updates.correctionsByUpdate(story.articleId);
    const loaded = ctx.repos.updates.withContent(chosen.map(summary), corrections);
    assert.deepEqual(loaded, chosen);
    assert.deepEqual(ctx.repos.updates.withContent([], corrections), []);
  });

  it('when content is loaded for a few updates, then only their blocks are read, in one statement', () => {
    const ctx = freshContext();
    const story = variedStory(ctx, 200);
    const recorder = recordReads(ctx.db);
    const updates = createUpdatesRepo(ctx.db);
    const chosen = sample(updates.listForArticle(story.articleId, true));
    const corrections = updates.correctionsByUpdate(story.articleId);
    recorder.clear();
    const loaded = updates.withContent(chosen.map(summary), corrections);
    const ids = new Set(chosen.map((u) => u.id));
    const blockReads = recorder.reads.filter((r) => r.sql.includes('FROM blocks'));
    const read = blockReads.flatMap((r) => r.rows as { update_id: number }[]);
    assert.equal(blockReads.length, 1, 'one statement for the blocks');
    assert.equal(recorder.reads.length, 1, 'and nothing else');
    assert.ok(read.every((row) => ids.has(row.update_id)));
    assert.equal(
      read.length,
      loaded.reduce((n, u) => n + u.blocks.length, 0),
    );
  });

  it('when the corrections are read by update, then every public note is there, a removed update’s too', () => {
    const ctx = freshContext();
    const story = variedStory(ctx, 200);
    const byUpdate = ctx.repos.updates.correctionsByUpdate(story.articleId);
    assert.ok(byUpdate.has(story.removedId), 'the caller matches them to the index');
    for (const update of ctx.repos.updates.listForArticle(story.articleId, true)) {
      assert.deepEqual(byUpdate.get(update.id) ?? [], update.corrections);
    }
  });
});
