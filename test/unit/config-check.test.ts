import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkConfig } from '../../src/config-check.js';
import { loadConfig } from '../../src/config.js';

const GOOD = 'f3a9c2d81b7e46a5b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5';

function problems(env: NodeJS.ProcessEnv): string[] {
  return checkConfig(
    loadConfig(env, () => 'x'.repeat(64)),
    env,
  ).problems;
}

describe('production configuration check', () => {
  it('when everything is set well, then no problems', () => {
    assert.deepEqual(
      problems({
        NODE_ENV: 'production',
        DATELINE_SESSION_SECRET: GOOD,
        DATELINE_BASE_URL: 'https://news.example',
      }),
      [],
    );
  });

  const bad: [string, NodeJS.ProcessEnv, RegExp][] = [
    ['the secret is missing', {}, /DATELINE_SESSION_SECRET is not set/],
    ['the secret is short', { DATELINE_SESSION_SECRET: 'abc123' }, /weak/],
    ['the secret repeats one character', { DATELINE_SESSION_SECRET: 'a'.repeat(64) }, /weak/],
    ['the secret is a known default', { DATELINE_SESSION_SECRET: `changeme${GOOD}` }, /weak/],
    [
      'every proxy is trusted',
      { DATELINE_SESSION_SECRET: GOOD, DATELINE_TRUST_PROXY: 'on' },
      /DATELINE_TRUST_PROXY=on/,
    ],
    [
      'the base URL is plain http',
      { DATELINE_SESSION_SECRET: GOOD, DATELINE_BASE_URL: 'http://news.example' },
      /https/,
    ],
    [
      'the admin password is trivial',
      { DATELINE_SESSION_SECRET: GOOD, DATELINE_ADMIN_PASSWORD: 'aaaaaaaaaaaaaaaa' },
      /too simple/,
    ],
  ];
  for (const [when, env, message] of bad) {
    it(`when ${when}, then production refuses with a fix`, () => {
      const found = problems({ NODE_ENV: 'production', ...env });
      assert.ok(
        found.some((p) => message.test(p)),
        JSON.stringify(found),
      );
    });
  }

  it('when not in production, then nothing is refused', () => {
    assert.deepEqual(problems({ DATELINE_SESSION_SECRET: 'short' }), []);
  });
});
