import type { Actor } from '../domain/types.js';
import { parseTags } from '../domain/article-input.js';
import { createArticle, setArticleStatus } from '../services/articles.js';
import type { ServiceContext } from '../services/context.js';
import { postUpdate } from '../services/updates.js';
import { demoArticles, demoPeople } from './demo-content.js';

/** True when the database has no articles and no users yet (a first start). */
export function isFreshDatabase(ctx: ServiceContext): boolean {
  return ctx.repos.articles.listAll().length === 0 && ctx.repos.users.count() === 0;
}

/** Seeds the demo stories through the same services the desk uses, published, as the system. */
export function seedDemoContent(ctx: ServiceContext): void {
  const system: Actor = { userId: null, label: 'system:seed', role: 'admin', ip: null };
  const now = ctx.clock().toISOString();
  for (const person of demoPeople) {
    if (!ctx.repos.people.findByName(person.name)) ctx.repos.people.insert(person, now);
  }
  for (const demo of demoArticles) {
    const created = createArticle(ctx, system, {
      title: demo.title,
      slug: demo.slug,
      summary: demo.summary,
      tags: parseTags(demo.tags.join(',')),
      locale: demo.locale,
      timeZone: demo.timeZone,
      live: demo.live,
    });
    if (!created.ok) throw new Error(`demo article ${demo.slug} could not be created`);
    for (const update of demo.updates) {
      postUpdate(ctx, system, created.article.id, update, true);
    }
    setArticleStatus(ctx, system, created.article.id, 'published');
  }
}
