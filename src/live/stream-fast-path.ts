import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Repos } from '../db/repos.js';
import type { LiveHub } from './hub.js';

// A reader's event stream (GET /articles/:slug/events) opened without Express: a stream lives for
// hours, and every object the Express stack hangs on a request (router state, the session, the request
// logger, parsed query) lives as long. At 10,000 readers that was several KiB per connection. Only the
// plain case is taken here: a published article and a well-formed (or no) resume id; anything else falls
// through to the Express route (src/http/live-routes.ts), which answers 400/404 the usual way.

const EVENTS_PATH = /^\/articles\/([a-z0-9-]{1,200})\/events(?:\?(.*))?$/;

/** The id to resume after, null for none, undefined when malformed (Express answers that). */
function resumeId(
  header: string | string[] | undefined,
  query: string | undefined,
): number | null | undefined {
  if (Array.isArray(header)) return undefined;
  const fromQuery = query === undefined ? [] : new URLSearchParams(query).getAll('lastEventId');
  if (fromQuery.length > 1) return undefined;
  const raw = header ?? fromQuery[0];
  if (raw === undefined || raw === '') return null;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** Opens the stream when the request is a plain reader stream; false leaves it to Express. */
export function liveStreams(repos: Repos, hub: LiveHub) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const match = EVENTS_PATH.exec(req.url ?? '');
    if (!match?.[1]) return false;
    const resume = resumeId(req.headers['last-event-id'], match[2]);
    if (resume === undefined) return false;
    const article = repos.articles.findBySlug(match[1]);
    if (!article || article.status !== 'published') return false;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Request-Id', randomUUID());
    hub.subscribe(article, res, resume);
    return true;
  };
}
