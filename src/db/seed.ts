import { randomBytes } from 'node:crypto';
import type { Actor } from '../domain/types.js';
import { parseTags } from '../domain/article-input.js';
import { createUser } from '../services/accounts.js';
import { createArticle, setArticleStatus } from '../services/articles.js';
import type { ServiceContext } from '../services/context.js';
import { setKeyEvent } from '../services/live.js';
import { postUpdate } from '../services/updates.js';
import { demoArticles, demoPeople } from './demo-content.js';

/** True when the database has no articles and no users yet (a first start). */
export function isFreshDatabase(ctx: ServiceContext): boolean {
  return ctx.repos.articles.listAll().length === 0 && ctx.repos.users.count() === 0;
}

/**
 * The demo stories' byline: a newsroom account that cannot log in (disabled, unknown password).
 * A shared desk byline is how many newsrooms sign agency-style live copy.
 */
async function bylineAccount(ctx: ServiceContext, system: Actor): Promise<number> {
  const result = await createUser(ctx, system, {
    email: 'redaktionen@dateline.invalid',
    displayName: 'Dateline-redaktionen',
    role: 'journalist',
    password: randomBytes(24).toString('base64url'),
  });
  if (!result.ok) throw new Error('the demo byline account could not be created');
  ctx.repos.users.setDisabled(result.user.id, true, ctx.clock().toISOString());
  return result.user.id;
}

/** Seeds the demo stories through the same services the desk uses, published. */
export async function seedDemoContent(ctx: ServiceContext): Promise<void> {
  const system: Actor = { userId: null, label: 'system:seed', role: 'admin', ip: null };
  const author: Actor = { ...system, userId: await bylineAccount(ctx, system) };
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
      const posted = postUpdate(ctx, author, created.article.id, update, true).update;
      if (update.keyEvent) setKeyEvent(ctx, system, posted.id, true);
    }
    setArticleStatus(ctx, system, created.article.id, 'published');
  }
}
