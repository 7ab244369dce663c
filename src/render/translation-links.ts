import type { Article } from '../domain/types.js';
import { messages } from './i18n.js';
import { siteOrigin, type SiteLocation } from './site-urls.js';

/** The same story in the other language, as the article page shows and announces it. */
export interface TranslationLinks {
  /** `<link rel="alternate" hreflang>` for both languages, the page itself included (as Google asks). */
  hreflang: { lang: string; href: string }[];
  /** The visible link, worded in the translation's own language ("Read this story in English"). */
  link: { lang: string; href: string; text: string };
}

/**
 * Links between an article and its translation, only when both are public: a draft is never announced.
 * URLs are absolute when the site's origin is known (hreflang wants absolute URLs), else root-relative.
 */
export function translationLinks(
  article: Article,
  partner: Article | undefined,
  site: SiteLocation,
): TranslationLinks | null {
  if (!partner || article.status !== 'published' || partner.status !== 'published') return null;
  const origin = siteOrigin(site) ?? '';
  const href = (a: Article) => `${origin}/articles/${a.slug}`;
  return {
    hreflang: [article, partner].map((a) => ({ lang: a.locale, href: href(a) })),
    link: {
      lang: partner.locale,
      href: `/articles/${partner.slug}`,
      text: messages(partner.locale).readInThisLanguage,
    },
  };
}
