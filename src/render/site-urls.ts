// Where the site is and the absolute URLs of its pages, for canonical links, JSON-LD and feeds.
//
// Decisions:
// - Absolute URLs come from DATELINE_BASE_URL when it is set. Otherwise they are built from the request's
//   protocol and host, which a client can choose (Host, or X-Forwarded-* behind a trusted proxy): set the
//   base URL in production so canonical links never depend on request headers. A host that does not look
//   like a host name is ignored and URLs stay relative (no canonical link, no og:url).
import type { Article, Update } from '../domain/types.js';

/** Where the site is: the configured base URL, else the request's protocol and host. */
export interface SiteLocation {
  baseUrl?: string | undefined;
  protocol?: string | undefined;
  host?: string | undefined;
}

// A host name, IPv4 or bracketed IPv6 address, with an optional port; anything else is not trusted.
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** "https://news.example" from the base URL, or from a plausible request protocol and host; else null. */
export function siteOrigin(site: SiteLocation): string | null {
  if (site.baseUrl) return site.baseUrl.replace(/\/+$/, '');
  const { protocol, host } = site;
  if ((protocol !== 'http' && protocol !== 'https') || !host || !HOST_PATTERN.test(host)) return null;
  return `${protocol}://${host.toLowerCase()}`;
}

/** An article's page, an update's anchor on it and an update's own page; absolute if the origin is known. */
export function urlsFor(article: Article, origin: string | null) {
  const prefix = origin ?? '';
  const articleUrl = `${prefix}/articles/${article.slug}`;
  return {
    article: articleUrl,
    anchor: (update: Update) => `${articleUrl}#update-${update.id}`,
    permalink: (update: Update) => `${articleUrl}/updates/${update.id}`,
  };
}
