import type { Actor, Article } from '../domain/types.js';
import type { FieldErrors } from '../domain/validation.js';
import { canWorkOnArticle } from './article-access.js';
import type { ServiceContext } from './context.js';
import { isPublic, recordChange } from './journal.js';

// The same story in two languages: both articles point at each other, so either page can offer the other
// (hreflang alternates, the reader's language link, sitemap alternates). Linking A to B unlinks A's and
// B's previous partners; every article whose link changes gets a new version and a revision, like any
// other change, so cached pages and history follow.

/** What the form asked for: `undefined` keeps the link, `null` removes it, a slug links that article. */
export type TranslationRequest = string | null | undefined;

/**
 * Finds the article a translation slug names, checked before anything is written. Only articles the
 * actor may work on can be linked (someone else's draft answers like a missing one), and only in the
 * other language.
 */
export function resolveTranslation(
  ctx: ServiceContext,
  actor: Actor,
  request: TranslationRequest,
  self: { id: number | null; locale: string },
): { ok: true; partner: Article | null | undefined } | { ok: false; errors: FieldErrors } {
  if (request === undefined || request === null) return { ok: true, partner: request };
  const partner = ctx.repos.articles.findBySlug(request);
  const refuse = (message: string) => ({ ok: false as const, errors: { translation: message } });
  if (!partner || !canWorkOnArticle(ctx, actor, partner))
    return refuse('No article you can work on has this slug.');
  if (partner.id === self.id) return refuse('An article cannot be its own translation.');
  if (partner.locale === self.locale) return refuse('The translation must be in the other language.');
  return { ok: true, partner };
}

/** Links `article` to `partner` (or unlinks it), inside the caller's transaction. */
export function applyTranslation(
  ctx: ServiceContext,
  actor: Actor,
  article: Article,
  partner: Article | null | undefined,
  now: string,
): void {
  if (partner === undefined) return;
  const target = partner?.id ?? null;
  if (article.translationId === target) return;
  const changed = new Set<number>([article.id]);
  if (article.translationId !== null) changed.add(article.translationId);
  if (partner) {
    changed.add(partner.id);
    if (partner.translationId !== null) changed.add(partner.translationId);
  }
  // Unlink everyone involved, then link the pair: no article is left pointing at a former partner.
  for (const id of changed) ctx.repos.articles.setTranslation(id, null, now);
  if (partner) {
    ctx.repos.articles.setTranslation(article.id, partner.id, now);
    ctx.repos.articles.setTranslation(partner.id, article.id, now);
  }
  for (const id of changed) {
    if (id === article.id) continue; // the caller records the article's own change
    const other = ctx.repos.articles.findById(id);
    if (!other) continue;
    recordChange(ctx, {
      actor,
      article: other,
      kind: 'edit',
      event: 'article.edited',
      wasPublic: isPublic(other),
      now,
    });
  }
}

/** The article's translation, if it has one. */
export function translationOf(ctx: ServiceContext, article: Article): Article | undefined {
  return article.translationId === null ? undefined : ctx.repos.articles.findById(article.translationId);
}
