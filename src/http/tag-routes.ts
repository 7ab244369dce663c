import { Router, type Request } from 'express';
import { LIMITS, PAGE_SIZE } from '../domain/limits.js';
import { canPublish } from '../domain/permissions.js';
import { slugify, SLUG_PATTERN } from '../domain/slug.js';
import { messages } from '../render/i18n.js';
import { articleCard } from '../render/listing-view.js';
import { siteOrigin } from '../render/site-urls.js';
import type { ServiceContext } from '../services/context.js';
import { mergeTags, renameTag, requireTag } from '../services/tags.js';
import { actorOf, staff } from './auth.js';
import { HttpError } from './errors.js';
import { bodyField, idParam, intQuery } from './forms.js';
import { siteLocale } from './site-locale.js';

/** Tag pages for readers (`/tags/:tag`) and tag management in the desk (list; rename and merge: editors). */
export function tagRoutes(ctx: ServiceContext, options: { baseUrl?: string | undefined } = {}): Router {
  const router = Router();

  router.get('/tags/:tag', (req, res) => {
    const slug = req.params.tag;
    const tag =
      typeof slug === 'string' && SLUG_PATTERN.test(slug) ? ctx.repos.tags.findBySlug(slug) : undefined;
    // A tag only drafts carry is not public: it answers like a missing one.
    const total = tag ? ctx.repos.articles.countPublishedWithTag(tag.id) : 0;
    if (!tag || total === 0) throw new HttpError(404, 'There is no topic at this address.');
    const page = intQuery(req, 'page', 1);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pages) throw new HttpError(404, 'There is no such page.');
    const lang = siteLocale(req, res);
    const articles = ctx.repos.articles
      .listPublishedWithTag(tag.id, PAGE_SIZE, (page - 1) * PAGE_SIZE)
      .map((article) => articleCard(article, ctx.repos.tags.forArticle(article.id)));
    const origin = siteOrigin({ baseUrl: options.baseUrl, protocol: req.protocol, host: req.host });
    res.vary('Cookie');
    res.set(
      'Cache-Control',
      req.user ? 'private, no-store' : 'public, max-age=60, stale-while-revalidate=300',
    );
    res.render('reader/tag', {
      tag,
      articles,
      page,
      pages,
      lang,
      t: messages(lang),
      canonicalUrl: origin ? `${origin}/tags/${tag.slug}${page > 1 ? `?page=${page}` : ''}` : null,
    });
  });

  const renderList = (
    req: Request,
    failed: { id: number; name: string; message: string; kind: 'rename' | 'merge' } | null,
  ) => ({
    tags: ctx.repos.tags.listWithUsage(),
    editor: canPublish(staff(req).role),
    failed,
    limits: LIMITS,
  });

  router.get('/desk/tags', (req, res) => {
    res.render('desk/tags', renderList(req, null));
  });

  router.post('/desk/tags/:id/rename', (req, res) => {
    const id = idParam(req);
    const name = bodyField(req, 'name');
    const result = renameTag(ctx, actorOf(req), id, name);
    if (!result.ok) {
      res
        .status(422)
        .render(
          'desk/tags',
          renderList(req, { id, name, message: result.errors.name ?? '', kind: 'rename' }),
        );
      return;
    }
    res.redirect(303, `/desk/tags#tag-${id}`);
  });

  router.post('/desk/tags/:id/merge', (req, res) => {
    const from = requireTag(ctx, idParam(req));
    const name = bodyField(req, 'into');
    const into = ctx.repos.tags.findBySlug(slugify(name, LIMITS.tag));
    if (!into || name.trim() === '') {
      const message = `There is no tag called "${name.trim()}" to merge into.`;
      res
        .status(422)
        .render('desk/tags', renderList(req, { id: from.id, name: from.name, message, kind: 'merge' }));
      return;
    }
    const kept = mergeTags(ctx, actorOf(req), from.id, into.id);
    res.redirect(303, `/desk/tags#tag-${kept.id}`);
  });

  return router;
}
