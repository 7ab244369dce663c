import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slugify, uniqueSlug } from '../../src/domain/slug.js';

describe('slugify', () => {
  const cases: [string, string][] = [
    ['It-attack slår ut a-kassor', 'it-attack-slar-ut-a-kassor'],
    ['Åtta äldre öar', 'atta-aldre-oar'],
    ['Ærø og Øresund', 'aero-og-oresund'],
    ['Straße   über  café', 'strasse-uber-cafe'],
    ['  --Hello, World!--  ', 'hello-world'],
    ['Update 15:30', 'update-15-30'],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
    ['!!!', 'artikel'],
    ['', 'artikel'],
    ['日本語', 'artikel'],
  ];
  for (const [title, expected] of cases) {
    it(`when the title is ${JSON.stringify(title)}, then the slug is ${expected}`, () => {
      assert.equal(slugify(title), expected);
    });
  }

  it('when the title is very long, then the slug is cut without a trailing hyphen', () => {
    const slug = slugify('ord '.repeat(100), 20);
    assert.ok(slug.length <= 20);
    assert.doesNotMatch(slug, /-$/);
  });
});

describe('uniqueSlug', () => {
  it('when the slug is free, then it is kept', () => {
    assert.equal(
      uniqueSlug('nyhet', () => false),
      'nyhet',
    );
  });

  it('when the slug and its first variants are taken, then the next free number is used', () => {
    const taken = new Set(['nyhet', 'nyhet-2', 'nyhet-3']);
    assert.equal(
      uniqueSlug('nyhet', (s) => taken.has(s)),
      'nyhet-4',
    );
  });
});
