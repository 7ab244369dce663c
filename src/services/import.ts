import { LIMITS } from '../domain/limits.js';
import { slugify, uniqueSlug } from '../domain/slug.js';
import type { Actor, Article, Locale } from '../domain/types.js';
import type { UpdateInput } from '../domain/update-input.js';
import { requireArticle, requireWorkableArticle } from './article-access.js';
import { createArticle } from './articles.js';
import { inTransaction, ServiceError, type ServiceContext } from './context.js';
import { mayPublishDirectly, postUpdate } from './updates.js';

/** Where imported updates go: a new draft article, or an existing one the actor works on. */
export type ImportTarget = { title: string; locale: Locale; timeZone: string } | { articleId: number };

// Room for the `-N` that uniqueSlug may append.
const SLUG_BASE_LENGTH = LIMITS.slug - 8;

/**
 * Imports a confirmed transcript in one transaction: creates the draft article (not live; its slug
 * derived from the title and made unique) or checks access to the existing one, then posts every
 * update as the composer would (revisions, events, audit rows, speakers joining the register).
 * `publish` publishes the updates (not the article) and is refused with 403 unless the actor may
 * publish directly on that article. Returns the article as it is afterwards.
 */
export function importTranscript(
  ctx: ServiceContext,
  actor: Actor,
  input: { target: ImportTarget; updates: UpdateInput[]; publish: boolean },
): Article {
  return inTransaction(ctx, () => {
    const { target } = input;
    let article: Article;
    if ('articleId' in target) article = requireWorkableArticle(ctx, actor, target.articleId);
    else {
      const slug = uniqueSlug(slugify(target.title, SLUG_BASE_LENGTH), (s) =>
        ctx.repos.articles.slugTaken(s),
      );
      const created = createArticle(ctx, actor, {
        title: target.title,
        slug,
        summary: '',
        tags: [],
        locale: target.locale,
        timeZone: target.timeZone,
        live: false,
      });
      if (!created.ok)
        throw new Error(`import could not create its article: ${JSON.stringify(created.errors)}`);
      article = created.article;
    }
    if (input.publish && !mayPublishDirectly(actor, article)) {
      throw new ServiceError('forbidden', 'Only editors can publish updates on this article.');
    }
    for (const update of input.updates) postUpdate(ctx, actor, article.id, update, input.publish);
    return requireArticle(ctx, article.id);
  });
}
