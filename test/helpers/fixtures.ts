import { createArticle, setArticleStatus } from '../../src/services/articles.js';
import type { ServiceContext } from '../../src/services/context.js';
import { postUpdate } from '../../src/services/updates.js';
import type { UpdateInput } from '../../src/domain/update-input.js';
import { actor } from './db.js';

export const QA_UPDATE: UpdateInput = {
  datedAt: '2026-12-08T14:04:00.000Z',
  precision: 'minute',
  headline: 'Systemen är tillbaka',
  blocks: [
    { type: 'text', markdown: 'Efter sex dygn fungerar **allt** igen.' },
    {
      type: 'qa',
      question: 'När förstod ni hur allvarligt det var?',
      answer: 'Redan första natten.',
      speaker: 'Karin Berg',
      asker: null,
    },
    {
      type: 'qa',
      question: 'Betalade ni lösensumman?',
      answer: 'Nej, aldrig.',
      speaker: 'Karin Berg',
      asker: null,
    },
    { type: 'quote', text: 'Vi ber våra kunder om ursäkt.', source: 'Pressmeddelande från Nordhall IT' },
  ],
};

/** A Swedish article with one published day-precision update and one published minute update. */
export function seedArticle(
  ctx: ServiceContext,
  opts: { publish?: boolean; slug?: string; authorId?: number | null } = {},
) {
  const editor = actor('editor', opts.authorId ?? null);
  const created = createArticle(ctx, editor, {
    title: 'It-attack slår ut a-kassor',
    slug: opts.slug ?? 'it-attack',
    summary: 'Tusentals medlemmar kan inte söka ersättning.',
    tags: [{ slug: 'it-sakerhet', name: 'IT-säkerhet' }],
    locale: 'sv',
    timeZone: 'Europe/Stockholm',
    live: true,
  });
  if (!created.ok) throw new Error('fixture article failed');
  const id = created.article.id;
  const day = postUpdate(
    ctx,
    editor,
    id,
    {
      datedAt: '2026-12-01T23:00:00.000Z',
      precision: 'day',
      headline: null,
      blocks: [{ type: 'text', markdown: 'Attacken upptäcktes under natten.' }],
    },
    true,
  ).update;
  const minute = postUpdate(ctx, editor, id, QA_UPDATE, true).update;
  if (opts.publish ?? true) setArticleStatus(ctx, editor, id, 'published');
  return { articleId: id, dayUpdateId: day.id, minuteUpdateId: minute.id };
}
