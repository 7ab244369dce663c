import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { apiApp, apiError } from './api-helpers.js';

const FIXTURES = new URL('../fixtures/transcripts/', import.meta.url);

describe('POST /api/v1/import', () => {
  let api: Awaited<ReturnType<typeof apiApp>>;
  before(async () => {
    api = await apiApp();
  });
  after(() => api.close());

  it('when a fixture transcript is sent, then the answer is exactly the dry-run JSON', async () => {
    const index = JSON.parse(readFileSync(new URL('fixtures.json', FIXTURES), 'utf8')) as {
      file: string;
      year: number;
      locale: 'sv' | 'en';
    }[];
    for (const fixture of index) {
      const text = readFileSync(new URL(fixture.file, FIXTURES), 'utf8');
      const expected: unknown = JSON.parse(
        readFileSync(new URL(fixture.file.replace(/\.txt$/, '.expected.json'), FIXTURES), 'utf8'),
      );
      const res = await api
        .as('journalist')
        .post('/api/v1/import')
        .send({ text, year: fixture.year, locale: fixture.locale });
      assert.equal(res.status, 200, fixture.file);
      assert.deepEqual(res.body, expected, fixture.file);
    }
  });

  it('when the text is empty, binary or the wrong type, then 422 / 422 / 400 with a message', async () => {
    const empty = await api.as('editor').post('/api/v1/import').send({ text: '  ' });
    assert.equal(empty.status, 422);
    assert.equal(apiError(empty.body).fields?.text, 'Send the transcript text.');
    const binary = await api.as('editor').post('/api/v1/import').send({ text: 'PK\u0003\u0004\u0000\u0000' });
    assert.equal(binary.status, 422);
    assert.match(apiError(binary.body).fields?.text ?? '', /binary/);
    const wrong = await api.as('editor').post('/api/v1/import').send({ text: 42 });
    assert.equal(wrong.status, 400);
    const unknown = await api.as('editor').post('/api/v1/import').send({ text: 'x', locale: 'de' });
    assert.equal(unknown.status, 422);
  });

  it('when there is no token, then 401', async () => {
    const res = await request(api.app).post('/api/v1/import').send({ text: 'Hej' });
    assert.equal(res.status, 401);
  });
});
