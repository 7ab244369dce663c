import { Router, type Request, type Response } from 'express';
import type { SearchScope } from '../db/search-repo.js';
import { parseSearchQuery } from '../domain/search.js';
import type { Locale } from '../domain/types.js';
import { formatStamp } from '../render/article-view.js';
import { messages, type Messages } from '../render/i18n.js';
import { escapeHtml, snippetHtml } from '../render/search-view.js';
import type { ServiceContext } from '../services/context.js';
import { searchArticles } from '../services/search.js';
import { actorOf, deskOf, staff } from './auth.js';
import { HttpError } from './errors.js';
import { intQuery } from './forms.js';
import { siteLocale } from './site-locale.js';

export const SEARCH_PAGE_SIZE = 10;

/** `?q=`: missing is ''; repeated or array-shaped is a 400. */
function queryText(req: Request): string {
  const q = req.query.q;
  if (q === undefined) return '';
  if (typeof q !== 'string') throw new HttpError(400, '"q" must be given once, as text.');
  return q;
}

/** One result, ready for the views: every string in an `…Html` field is already safe HTML. */
interface ResultView {
  articleId: number;
  slug: string;
  locale: Locale;
  live: boolean;
  draft: boolean;
  titleHtml: string;
  snippetHtml: string;
  updateId: number | null;
  updateLabel: string | null;
  updateDraft: boolean;
  matchesLabel: string;
}

type Outcome =
  | { kind: 'none' }
  | { kind: 'message'; message: string }
  | { kind: 'results'; total: number; page: number; pages: number; results: ResultView[] };

/** Runs a search for one page; user mistakes become a friendly message, never an error. */
function runSearch(ctx: ServiceContext, q: string, page: number, scope: SearchScope, t: Messages): Outcome {
  if (q.trim() === '') return { kind: 'none' };
  const parsed = parseSearchQuery(q);
  if (!parsed.ok) {
    const message =
      parsed.reason === 'too_long'
        ? t.searchTooLong
        : parsed.reason === 'too_many_terms'
          ? t.searchTooManyTerms
          : t.searchEmpty;
    return { kind: 'message', message };
  }
  let found;
  try {
    found = searchArticles(ctx, parsed.match, scope, SEARCH_PAGE_SIZE, (page - 1) * SEARCH_PAGE_SIZE);
  } catch (err) {
    // Quoting makes FTS5 syntax errors impossible in principle; if one happens anyway, say so kindly.
    if (err instanceof Error && /fts5|syntax/i.test(err.message))
      return { kind: 'message', message: t.searchFailed };
    throw err;
  }
  const pages = Math.max(1, Math.ceil(found.total / SEARCH_PAGE_SIZE));
  if (page > pages) throw new HttpError(404, 'There is no such page of results.');
  const results = found.hits.flatMap((hit): ResultView[] => {
    const article = ctx.repos.articles.findById(hit.articleId);
    if (!article) return [];
    const update = hit.updateId === null ? undefined : ctx.repos.updates.findById(hit.updateId);
    return [
      {
        articleId: article.id,
        slug: article.slug,
        locale: article.locale,
        live: article.live,
        draft: article.status !== 'published',
        titleHtml: hit.titleMarked === null ? escapeHtml(article.title) : snippetHtml(hit.titleMarked),
        snippetHtml: snippetHtml(hit.snippet),
        updateId: update?.id ?? null,
        updateLabel: update ? (update.headline ?? formatStamp(update.datedAt, article)) : null,
        updateDraft: update !== undefined && update.status !== 'published',
        matchesLabel: t.matchesInArticle(hit.matches),
      },
    ];
  });
  return { kind: 'results', total: found.total, page, pages, results };
}

function pagerLink(base: string, q: string, page: number): string {
  return `${base}?${new URLSearchParams({ q, ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;
}

/** `GET /search` for readers (published content only) and `GET /desk/search` for staff (drafts too). */
export function searchRoutes(ctx: ServiceContext): Router {
  const router = Router();

  const render = (
    req: Request,
    res: Response,
    view: { name: string; base: string; lang: Locale },
    scope: SearchScope,
  ) => {
    const t = messages(view.lang);
    const q = queryText(req);
    const page = intQuery(req, 'page', 1);
    const outcome = runSearch(ctx, q, page, scope, t);
    const links =
      outcome.kind === 'results'
        ? {
            prev: outcome.page > 1 ? pagerLink(view.base, q, outcome.page - 1) : null,
            next: outcome.page < outcome.pages ? pagerLink(view.base, q, outcome.page + 1) : null,
          }
        : { prev: null, next: null };
    res.render(view.name, { q, outcome, links, t, lang: view.lang });
  };

  router.get('/search', (req, res) => {
    const locale = siteLocale(req, res);
    res.vary('Cookie');
    res.set(
      'Cache-Control',
      req.user ? 'private, no-store' : 'public, max-age=60, stale-while-revalidate=300',
    );
    render(req, res, { name: 'reader/search', base: '/search', lang: locale }, { kind: 'public' });
  });

  router.get('/desk/search', (req, res) => {
    const user = staff(req);
    const scope: SearchScope = {
      kind: 'staff',
      everyArticle: user.role === 'editor' || user.role === 'admin',
      userId: actorOf(req).userId,
    };
    // The desk speaks the account's language, the reader strings of the results too.
    render(req, res, { name: 'desk/search', base: '/desk/search', lang: deskOf(res).lang }, scope);
  });

  return router;
}
