// What `partials/head.ejs` says about a reader page to crawlers and link previews: the canonical URL,
// OpenGraph and Twitter meta tags, and the page's JSON-LD ready to embed. Pure: the route passes in the
// article, its updates and where the site is. A draft update's own page gets no JSON-LD and no dates.
import type { Article, Locale, Update } from '../domain/types.js';
import { messages } from './i18n.js';
import { articleJsonLdScript, jsonLdScript, updateJsonLd, type PageUpdates } from './json-ld.js';
import { excerpt, updateText } from './plain-text.js';
import { siteOrigin, urlsFor, type SiteLocation } from './site-urls.js';
import { isPublished, updateHeadline, updateModified, updatePublished } from './update-stamps.js';

/** One `<meta>` element: OpenGraph uses `property`, Twitter uses `name`. */
export interface MetaTag {
  attribute: 'property' | 'name';
  key: string;
  content: string;
}

/** The optional locals of `partials/head.ejs` that describe a page to crawlers and link previews. */
export interface PageHead {
  canonicalUrl: string | null;
  metaTags: MetaTag[];
  /** Already escaped by `jsonLdScript`, for `<%- %>` inside `<script type="application/ld+json">`. */
  jsonLd: string | null;
}

const SITE_NAME = messages('sv').siteName;
const OG_LOCALES: Record<Locale, string> = { sv: 'sv_SE', en: 'en_GB' };
const DESCRIPTION_MAX = 200;

/** The OpenGraph tags that have content, and a Twitter summary card. */
function metaTags(fields: {
  title: string;
  description: string;
  url: string | null;
  locale: Locale;
  published: string | null | undefined;
  modified: string | null | undefined;
  tags: string[];
}): MetaTag[] {
  const og = (key: string, content: string | null | undefined): MetaTag[] =>
    content ? [{ attribute: 'property', key, content }] : [];
  return [
    ...og('og:type', 'article'),
    ...og('og:title', fields.title),
    ...og('og:description', fields.description),
    ...og('og:url', fields.url),
    ...og('og:site_name', SITE_NAME),
    ...og('og:locale', OG_LOCALES[fields.locale]),
    ...og('article:published_time', fields.published),
    ...og('article:modified_time', fields.modified),
    ...fields.tags.flatMap((tag) => og('article:tag', tag)),
    { attribute: 'name', key: 'twitter:card', content: 'summary' },
  ];
}

/** Everything `partials/head.ejs` needs for an article page; drafts among `updates` are left out. */
export function articlePageHead(article: Article, updates: PageUpdates, site: SiteLocation): PageHead {
  const origin = siteOrigin(site);
  const { node: data, script } = articleJsonLdScript(article, updates, origin);
  const canonicalUrl = origin ? urlsFor(article, origin).article : null;
  return {
    canonicalUrl,
    metaTags: metaTags({
      title: article.title,
      description: article.summary,
      url: canonicalUrl,
      locale: article.locale,
      published: article.publishedAt,
      modified: typeof data.dateModified === 'string' ? data.dateModified : article.updatedAt,
      tags: article.tags,
    }),
    jsonLd: script,
  };
}

/** Everything `partials/head.ejs` needs for one update's page (no JSON-LD for a draft update). */
export function updatePageHead(article: Article, update: Update, site: SiteLocation): PageHead {
  const origin = siteOrigin(site);
  const data = updateJsonLd(article, update, origin);
  const canonicalUrl = origin ? urlsFor(article, origin).permalink(update) : null;
  const published = isPublished(update);
  return {
    canonicalUrl,
    metaTags: metaTags({
      title: `${updateHeadline(article, update)} – ${article.title}`,
      description: excerpt(updateText(update), DESCRIPTION_MAX) || article.summary,
      url: canonicalUrl,
      locale: article.locale,
      published: published ? updatePublished(update) : null,
      modified: published ? updateModified(update) : null,
      tags: article.tags,
    }),
    jsonLd: data ? jsonLdScript(data) : null,
  };
}
