import type { ArticleListing } from '../db/articles-repo.js';
import type { TagLink } from '../db/tags-repo.js';
import { formatStamp } from './article-view.js';
import { messages } from './i18n.js';

/** An article in a list (front page, tag page), for `partials/article-card.ejs`: in its own language. */
export function articleCard(article: ArticleListing, tagLinks: TagLink[]) {
  return {
    ...article,
    lastActivityLabel: formatStamp(article.lastActivityAt, article),
    t: messages(article.locale),
    tagLinks,
  };
}
