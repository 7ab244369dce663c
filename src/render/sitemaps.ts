// sitemap.xml, the Google News sitemap and robots.txt. Pure: the route passes in the published articles
// and the site's origin.
//
// Decisions:
// - sitemap.xml lists the front page and every published article with its last public activity as
//   <lastmod> (the newest published or edited update, else the publication); tag pages and update
//   permalinks are left out (the article is the canonical page of its updates). An article whose
//   translation is published too lists both languages as <xhtml:link rel="alternate" hreflang> (Google's
//   sitemap form of hreflang), itself included.
// - news-sitemap.xml lists the articles first published in the last two days, as Google News asks, with
//   the publication name, the article's language and title.
// - robots.txt allows everything but the desk and the API and names both sitemaps (absolute URLs, so only
//   when the origin is known).
import type { Article } from '../domain/types.js';
import { messages } from './i18n.js';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text for XML content or attributes: escaped, without the control characters XML 1.0 forbids. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char)
  );
}

const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';

type Listed = Pick<Article, 'id' | 'slug' | 'title' | 'locale' | 'publishedAt' | 'translationId'> & {
  lastActivityAt: string;
};

/** The hreflang alternates of a listed article: itself and its translation, when both are listed. */
function alternatesXml(origin: string, article: Listed, byId: Map<number, Listed>): string {
  const partner = article.translationId === null ? undefined : byId.get(article.translationId);
  if (!partner) return '';
  return [article, partner]
    .map(
      (a) =>
        `<xhtml:link rel="alternate" hreflang="${a.locale}" href="${xmlText(`${origin}/articles/${a.slug}`)}"/>`,
    )
    .join('');
}

/** The sitemap of the front page and every published article. */
export function sitemapXml(origin: string, articles: Listed[]): string {
  const newest = articles
    .map((a) => a.lastActivityAt)
    .sort()
    .at(-1);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const urls = [
    `  <url><loc>${xmlText(`${origin}/`)}</loc>${newest ? `<lastmod>${newest}</lastmod>` : ''}</url>`,
    ...articles.map(
      (a) =>
        `  <url><loc>${xmlText(`${origin}/articles/${a.slug}`)}</loc><lastmod>${xmlText(a.lastActivityAt)}</lastmod>${alternatesXml(origin, a, byId)}</url>`,
    ),
  ];
  return `${HEADER}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}

/** True when the article was first published within the two days before `now`. */
export function isRecentNews(article: Pick<Article, 'publishedAt'>, now: string): boolean {
  if (article.publishedAt === null) return false;
  const age = Date.parse(now) - Date.parse(article.publishedAt);
  return age >= 0 && age <= NEWS_WINDOW_MS;
}

/** The Google News sitemap: articles first published in the last two days. */
export function newsSitemapXml(origin: string, articles: Listed[], now: string): string {
  const name = xmlText(messages('sv').siteName);
  const urls = articles
    .filter((a) => isRecentNews(a, now))
    .map(
      (a) => `  <url>
    <loc>${xmlText(`${origin}/articles/${a.slug}`)}</loc>
    <news:news>
      <news:publication><news:name>${name}</news:name><news:language>${a.locale}</news:language></news:publication>
      <news:publication_date>${xmlText(a.publishedAt ?? '')}</news:publication_date>
      <news:title>${xmlText(a.title)}</news:title>
    </news:news>
  </url>`,
    );
  return `${HEADER}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('\n')}${urls.length > 0 ? '\n' : ''}</urlset>\n`;
}

/** robots.txt: everything but the desk and the API; the sitemaps when the origin is known. */
export function robotsTxt(origin: string | null): string {
  const lines = ['User-agent: *', 'Allow: /', 'Disallow: /desk', 'Disallow: /api', ''];
  if (origin) lines.push(`Sitemap: ${origin}/sitemap.xml`, `Sitemap: ${origin}/news-sitemap.xml`, '');
  return lines.join('\n');
}
