import type { Role } from '../domain/types.js';

// Who may call what: one row per route, read by the access middleware and enumerated by the tests.
// Deny by default: createApp refuses to start when a registered route has no row here.
// Object-level rules (a journalist's own articles and drafts) are enforced again in the services.

export type Audience = 'anonymous' | Role;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AccessRule {
  method: Method;
  path: string;
  allow: readonly Audience[];
}

export const EVERYONE: readonly Audience[] = ['anonymous', 'journalist', 'editor', 'admin'];
export const STAFF: readonly Audience[] = ['journalist', 'editor', 'admin'];
export const EDITORS: readonly Audience[] = ['editor', 'admin'];
export const ADMINS: readonly Audience[] = ['admin'];

const rule = (method: Method, path: string, allow: readonly Audience[]): AccessRule => ({
  method,
  path,
  allow,
});

/** Literal paths come before parameterised ones that could also match them. */
export const ACCESS_TABLE: readonly AccessRule[] = [
  // Readers
  rule('GET', '/', EVERYONE),
  rule('GET', '/healthz', EVERYONE),
  rule('GET', '/articles/:slug', EVERYONE),
  rule('GET', '/articles/:slug/updates/:id', EVERYONE),
  rule('GET', '/articles/:slug/events', EVERYONE),
  // Readers: discovery (search, tags, feeds, sitemaps)
  rule('GET', '/search', EVERYONE),
  rule('GET', '/tags/:tag', EVERYONE),
  rule('GET', '/feed.atom', EVERYONE),
  rule('GET', '/feed.rss', EVERYONE),
  rule('GET', '/feed.json', EVERYONE),
  rule('GET', '/articles/:slug/feed.atom', EVERYONE),
  rule('GET', '/articles/:slug/feed.rss', EVERYONE),
  rule('GET', '/articles/:slug/feed.json', EVERYONE),
  rule('GET', '/sitemap.xml', EVERYONE),
  rule('GET', '/news-sitemap.xml', EVERYONE),
  rule('GET', '/robots.txt', EVERYONE),
  // Sessions
  rule('GET', '/login', EVERYONE),
  rule('POST', '/login', EVERYONE),
  rule('POST', '/logout', STAFF),
  // Desk: articles
  rule('GET', '/desk', STAFF),
  rule('GET', '/desk/articles/new', STAFF),
  rule('POST', '/desk/articles', STAFF),
  rule('GET', '/desk/articles/:id', STAFF),
  rule('GET', '/desk/articles/:id/edit', STAFF),
  rule('POST', '/desk/articles/:id/edit', STAFF),
  rule('POST', '/desk/articles/:id/publish', EDITORS),
  rule('POST', '/desk/articles/:id/unpublish', EDITORS),
  rule('POST', '/desk/articles/:id/order', EDITORS),
  rule('POST', '/desk/articles/:id/end-coverage', EDITORS),
  rule('POST', '/desk/articles/:id/settings', EDITORS),
  // Desk: who else has the article open (a heartbeat; see src/live/presence.ts)
  rule('POST', '/desk/articles/:id/presence', STAFF),
  // Desk: updates
  rule('POST', '/desk/articles/:id/updates', STAFF),
  rule('GET', '/desk/updates/:id/edit', STAFF),
  rule('POST', '/desk/updates/:id/edit', STAFF),
  rule('POST', '/desk/updates/:id/publish', EDITORS),
  rule('POST', '/desk/updates/:id/unpublish', EDITORS),
  rule('POST', '/desk/updates/:id/move', STAFF),
  rule('POST', '/desk/updates/:id/pin', EDITORS),
  rule('POST', '/desk/updates/:id/key-event', EDITORS),
  rule('POST', '/desk/updates/:id/delete', STAFF),
  // Desk: history (object-level: the article must be workable; restoring a published update is for
  // editors, a draft for anyone who may edit it: see domain/permissions.ts canRestoreRevision)
  rule('GET', '/desk/articles/:id/history', STAFF),
  rule('GET', '/desk/updates/:id/history', STAFF),
  rule('GET', '/desk/updates/:id/diff', STAFF),
  rule('POST', '/desk/updates/:id/restore', STAFF),
  rule('POST', '/desk/updates/:id/undelete', EDITORS),
  rule('POST', '/desk/updates/:id/purge', ADMINS),
  // Desk: transcript import
  rule('GET', '/desk/import', STAFF),
  rule('POST', '/desk/import/preview', STAFF),
  rule('POST', '/desk/import/save', STAFF),
  // Desk: discovery (search over drafts too, tag management)
  rule('GET', '/desk/search', STAFF),
  rule('GET', '/desk/tags', STAFF),
  rule('POST', '/desk/tags/:id/rename', EDITORS),
  rule('POST', '/desk/tags/:id/merge', EDITORS),
  // Desk: the speaker register
  rule('GET', '/desk/people', STAFF),
  rule('GET', '/desk/people/new', STAFF),
  rule('POST', '/desk/people', STAFF),
  rule('GET', '/desk/people/:id', STAFF),
  rule('POST', '/desk/people/:id', STAFF),
  rule('POST', '/desk/people/:id/merge', EDITORS),
  // Desk: one's own account
  rule('GET', '/desk/account', STAFF),
  rule('POST', '/desk/account/password', STAFF),
  rule('POST', '/desk/account/locale', STAFF),
  // Desk: one's API tokens (admins see and revoke everyone's)
  rule('GET', '/desk/tokens', STAFF),
  rule('POST', '/desk/tokens', STAFF),
  rule('POST', '/desk/tokens/:id/revoke', STAFF),
  // JSON API: bearer tokens only (the session never authenticates here); anonymous calls get 401
  rule('GET', '/api/v1/articles', STAFF),
  rule('POST', '/api/v1/articles', STAFF),
  rule('GET', '/api/v1/articles/:id', STAFF),
  rule('PATCH', '/api/v1/articles/:id', STAFF),
  rule('POST', '/api/v1/articles/:id/publish', EDITORS),
  rule('POST', '/api/v1/articles/:id/unpublish', EDITORS),
  rule('POST', '/api/v1/articles/:id/updates', STAFF),
  rule('PUT', '/api/v1/articles/:id/order', EDITORS),
  rule('PATCH', '/api/v1/updates/:id', STAFF),
  rule('DELETE', '/api/v1/updates/:id', STAFF),
  rule('POST', '/api/v1/import', STAFF),
  // Admin: accounts and the audit log
  rule('GET', '/desk/users', ADMINS),
  rule('GET', '/desk/users/new', ADMINS),
  rule('POST', '/desk/users', ADMINS),
  rule('POST', '/desk/users/:id/disable', ADMINS),
  rule('POST', '/desk/users/:id/enable', ADMINS),
  rule('POST', '/desk/users/:id/role', ADMINS),
  rule('POST', '/desk/users/:id/reset-password', ADMINS),
  rule('GET', '/desk/audit', ADMINS),
];

/** True for methods that change state (CSRF-protected, audited when refused). */
export function isStateChanging(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
