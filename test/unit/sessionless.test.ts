import assert from 'node:assert/strict';
import type { Request } from 'express';
import { describe, it } from 'node:test';
import { isAnonymousPageView } from '../../src/http/sessionless.js';

const COOKIE = 'dateline.sid';

function req(method: string, path: string, headers: Record<string, string> = {}): Request {
  return { method, path, headers } as unknown as Request;
}

describe('isAnonymousPageView (no session for a reader page view)', () => {
  const cases: [string, Request, boolean][] = [
    ['the front page', req('GET', '/'), true],
    ['an article', req('GET', '/articles/it-attack'), true],
    ['an article, HEAD', req('HEAD', '/articles/it-attack'), true],
    ['an article with a trailing slash', req('GET', '/articles/it-attack/'), true],
    ['one update', req('GET', '/articles/it-attack/updates/12'), true],
    ['another cookie only', req('GET', '/articles/it-attack', { cookie: 'theme=dark' }), true],
    ['with the session cookie', req('GET', '/articles/it-attack', { cookie: `${COOKIE}=s%3Aabc` }), false],
    ['with Authorization', req('GET', '/articles/it-attack', { authorization: 'Bearer dl_x' }), false],
    ['a POST', req('POST', '/articles/it-attack'), false],
    ['the login page (its form needs a session)', req('GET', '/login'), false],
    ['the desk', req('GET', '/desk'), false],
    ['an event stream', req('GET', '/articles/it-attack/events'), false],
    ['a feed', req('GET', '/articles/it-attack/feed.xml'), false],
  ];
  for (const [name, request, expected] of cases) {
    it(`${name}: ${expected ? 'no session' : 'session'}`, () => {
      assert.equal(isAnonymousPageView(request, COOKIE), expected);
    });
  }
});
