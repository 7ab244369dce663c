import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import { deleteUpdate, editUpdate, moveUpdate, postUpdate } from '../../src/services/updates.js';
import { actor, freshContext } from '../helpers/db.js';

const ARTICLE = {
  title: 'It-attack slår ut a-kassor',
  slug: 'it-attack',
  summary: 'Kunder offline i flera dagar.',
  tags: [{ slug: 'it-sakerhet', name: 'IT-säkerhet' }],
  locale: 'sv' as const,
  timeZone: 'Europe/Stockholm',
  live: true,
};

const UPDATE = {
  datedAt: '2026-12-08T14:04:00.000Z',
  precision: 'minute' as const,
  headline: 'Systemen tillbaka',
  blocks: [
    { type: 'text' as const, markdown: 'Nu fungerar **allt** igen.' },
    {
      type: 'qa' as const,
      question: 'När var ni säkra?',
      answer: 'I morse.',
      speaker: 'Karin Berg',
      asker: null,
    },
    { type: 'quote' as const, text: 'Vi beklagar.', source: 'Pressmeddelande' },
  ],
};

function count(ctx: ReturnType<typeof freshContext>, table: string): number {
  return (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function setup() {
  const ctx = freshContext();
  const created = createArticle(ctx, actor('editor'), ARTICLE);
  assert.ok(created.ok);
  return { ctx, article: created.article };
}

describe('repositories round-trip', () => {
  it('when an article with tags is created, then it reads back the same', () => {
    const { ctx, article } = setup();
    const read = ctx.repos.articles.findBySlug('it-attack');
    assert.equal(read?.title, ARTICLE.title);
    assert.deepEqual(read?.tags, ['IT-säkerhet']);
    assert.equal(read?.status, 'draft');
    assert.equal(read?.live, true);
    assert.equal(read?.version, article.version);
  });

  it('when an update with three kinds of block is posted, then blocks and speaker read back in order', () => {
    const { ctx, article } = setup();
    const { update } = postUpdate(ctx, actor('editor'), article.id, UPDATE, true);
    const read = ctx.repos.updates.findById(update.id);
    assert.equal(read?.headline, 'Systemen tillbaka');
    assert.equal(read?.precision, 'minute');
    assert.equal(read?.status, 'published');
    assert.deepEqual(
      read?.blocks.map((b) => b.type),
      ['text', 'qa', 'quote'],
    );
    const qa = read?.blocks[1];
    assert.equal(qa?.type === 'qa' && qa.speaker?.name, 'Karin Berg');
    assert.equal(ctx.repos.people.list().length, 1, 'the new speaker joined the register');
  });

  it('when a block breaks its type constraint, then the database refuses it', () => {
    const { ctx, article } = setup();
    const { update } = postUpdate(ctx, actor('editor'), article.id, UPDATE, false);
    assert.throws(() =>
      ctx.db
        .prepare("INSERT INTO blocks (update_id, position, type, markdown) VALUES (?, 9, 'qa', 'x')")
        .run(update.id),
    );
  });
});

describe('the one-transaction write path', () => {
  it('when a change succeeds, then content, revision, event and audit rows are written together', () => {
    const { ctx, article } = setup();
    setArticleStatus(ctx, actor('editor'), article.id, 'published');
    const before = {
      revisions: count(ctx, 'revisions'),
      events: count(ctx, 'events'),
      audit: count(ctx, 'audit_log'),
    };
    postUpdate(ctx, actor('editor'), article.id, UPDATE, true);
    assert.equal(count(ctx, 'revisions'), before.revisions + 1);
    assert.equal(count(ctx, 'events'), before.events + 1);
    assert.equal(count(ctx, 'audit_log'), before.audit + 1);
  });

  it('when the audit insert fails, then no content change is left behind', () => {
    const { ctx, article } = setup();
    setArticleStatus(ctx, actor('editor'), article.id, 'published');
    const { update } = postUpdate(ctx, actor('editor'), article.id, UPDATE, true);
    postUpdate(ctx, actor('editor'), article.id, { ...UPDATE, datedAt: '2026-12-01T10:00:00.000Z' }, true);
    const snapshot = () => ({
      updates: count(ctx, 'updates'),
      blocks: count(ctx, 'blocks'),
      people: count(ctx, 'people'),
      revisions: count(ctx, 'revisions'),
      events: count(ctx, 'events'),
      version: ctx.repos.articles.findById(article.id)?.version,
      content: JSON.stringify(ctx.repos.updates.listForArticle(article.id, true)),
    });
    const before = snapshot();
    ctx.db.exec(
      "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    const other = {
      ...UPDATE,
      blocks: [{ type: 'qa' as const, question: 'Ny?', answer: 'Ja.', speaker: 'Ny Person', asker: null }],
    };
    assert.throws(() => postUpdate(ctx, actor('editor'), article.id, other, true), /disk on fire/);
    assert.throws(() => editUpdate(ctx, actor('editor'), update.id, update.version, other), /disk on fire/);
    assert.throws(() => moveUpdate(ctx, actor('editor'), update.id, 1), /disk on fire/);
    assert.throws(() => deleteUpdate(ctx, actor('editor'), update.id), /disk on fire/);
    assert.deepEqual(snapshot(), before);
  });

  it('when a draft article changes, then a revision and audit row are written but no reader event', () => {
    const { ctx, article } = setup();
    const events = count(ctx, 'events');
    postUpdate(ctx, actor('editor'), article.id, UPDATE, false);
    assert.equal(count(ctx, 'events'), events);
    assert.ok(count(ctx, 'revisions') >= 2);
  });

  it('when a stale version is saved, then it is refused and nothing changes', () => {
    const { ctx, article } = setup();
    const { update } = postUpdate(ctx, actor('editor'), article.id, UPDATE, false);
    editUpdate(ctx, actor('editor'), update.id, update.version, { ...UPDATE, headline: 'Först' });
    assert.throws(
      () => editUpdate(ctx, actor('editor'), update.id, update.version, { ...UPDATE, headline: 'Sent' }),
      (err: Error & { code?: string }) => err.code === 'conflict',
    );
    assert.equal(ctx.repos.updates.findById(update.id)?.headline, 'Först');
  });

  it('when the audit log is updated or deleted, then the database refuses', () => {
    const { ctx } = setup();
    assert.throws(() => ctx.db.exec("UPDATE audit_log SET action = 'x'"), /append-only/);
    assert.throws(() => ctx.db.exec('DELETE FROM audit_log'), /append-only/);
  });
});

describe('editorial order', () => {
  it('when updates are posted out of date order, then they are placed newest first by date', () => {
    const { ctx, article } = setup();
    const post = (datedAt: string) =>
      postUpdate(ctx, actor('editor'), article.id, { ...UPDATE, datedAt }, true).update.id;
    const dec4 = post('2026-12-04T10:00:00.000Z');
    const dec8 = post('2026-12-08T10:00:00.000Z');
    const dec6 = post('2026-12-06T10:00:00.000Z');
    assert.deepEqual(
      ctx.repos.updates.listForArticle(article.id, true).map((u) => u.id),
      [dec8, dec6, dec4],
    );
  });

  it('when an update is moved many times between close neighbours, then order stays exact', () => {
    const { ctx, article } = setup();
    const ids = ['01', '02', '03'].map(
      (day) =>
        postUpdate(
          ctx,
          actor('editor'),
          article.id,
          { ...UPDATE, datedAt: `2026-12-${day}T10:00:00.000Z` },
          true,
        ).update.id,
    );
    // ids are in oldest-first order; the list shows [03, 02, 01]. Shuffle the bottom two 80 times.
    for (let i = 0; i < 80; i += 1) moveUpdate(ctx, actor('editor'), ids[0] as number, i % 2 === 0 ? -1 : 1);
    const order = ctx.repos.updates.listForArticle(article.id, true).map((u) => u.id);
    assert.deepEqual(order, [ids[2], ids[1], ids[0]]);
    const positions = ctx.repos.updates.positions(article.id).map((p) => p.position);
    assert.ok(
      positions.every((p, i) => i === 0 || p > (positions[i - 1] as number)),
      'positions strictly increase',
    );
  });

  it('when a journalist moves a published update, then it is forbidden', () => {
    const { ctx, article } = setup();
    const { update } = postUpdate(ctx, actor('editor'), article.id, UPDATE, true);
    const journalist = ctx.repos.users.insert(
      { email: 'j@example.com', displayName: 'J', role: 'journalist', passwordHash: 'x' },
      '2026-12-01T00:00:00.000Z',
    );
    const isCode = (code: string) => (err: Error & { code?: string }) => err.code === code;
    // Not on the (draft) article: it does not exist for them.
    assert.throws(() => moveUpdate(ctx, actor('journalist', journalist), update.id, 1), isCode('not_found'));
    ctx.repos.articles.setMembers(article.id, [journalist], '2026-12-01T00:00:00.000Z');
    // On the article, but the update is published: only editors move it.
    assert.throws(() => moveUpdate(ctx, actor('journalist', journalist), update.id, 1), isCode('forbidden'));
  });
});
