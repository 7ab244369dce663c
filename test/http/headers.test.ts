import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { addUser, loginAs, testApp } from '../helpers/app.js';
import { seedArticle } from '../helpers/fixtures.js';

const EXPECTED_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
];

function assertSecurityHeaders(res: request.Response, where: string) {
  const csp = res.headers['content-security-policy'] ?? '';
  assert.deepEqual(
    csp
      .split(';')
      .map((d: string) => d.trim())
      .sort(),
    [...EXPECTED_CSP].sort(),
    `${where}: CSP`,
  );
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, where);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', where);
  assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin', where);
  assert.equal(res.headers['x-powered-by'], undefined, where);
  assert.match(res.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/, `${where}: request id`);
}

describe('security headers on every page type', () => {
  it('when reader, desk, error, static and health responses are fetched, then each carries the full set', async () => {
    const { app, ctx, close } = testApp();
    try {
      const { minuteUpdateId } = seedArticle(ctx);
      await addUser(ctx, 'admin');
      const { agent } = await loginAs(app, 'admin@example.com');
      const anonymous = [
        '/',
        '/articles/it-attack',
        `/articles/it-attack/updates/${minuteUpdateId}`,
        '/login',
        '/healthz',
        '/static/css/site.css',
        '/nowhere',
      ];
      for (const path of anonymous) assertSecurityHeaders(await request(app).get(path), path);
      const desk = ['/desk', '/desk/articles/new', '/desk/users', '/desk/audit', '/desk/account'];
      for (const path of desk) {
        const res = await agent.get(path);
        assert.equal(res.status, 200, path);
        assertSecurityHeaders(res, path);
        assert.equal(res.headers['cache-control'], 'private, no-store', path);
      }
      const hsts = await request(app).get('/');
      assert.equal(hsts.headers['strict-transport-security'], undefined, 'no HSTS outside production');
    } finally {
      close();
    }
  });

  it('when running in production, then HSTS is sent and the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/', async () => {
    const { app, ctx, close } = testApp(undefined, {
      NODE_ENV: 'production',
      DATELINE_SESSION_SECRET: 'f3a9c2d81b7e46a5b0c9d8e7f6a5b4c3',
      DATELINE_TRUST_PROXY: 'loopback',
    });
    try {
      await addUser(ctx, 'editor');
      const res = await request(app).get('/login').set('X-Forwarded-Proto', 'https');
      assert.match(res.headers['strict-transport-security'] ?? '', /max-age=\d+/);
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('__Host-dateline.sid='),
      );
      assert.ok(cookie, 'the __Host- session cookie is set');
      for (const part of ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax'])
        assert.ok(cookie.includes(part), part);
      assert.doesNotMatch(cookie, /Domain=/i);
    } finally {
      close();
    }
  });
});
