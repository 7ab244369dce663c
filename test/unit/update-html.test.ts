import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { updateView } from '../../src/render/article-view.js';
import { messages } from '../../src/render/i18n.js';
import { renderView } from '../../src/render/templates.js';
import { keptFragmentChars, updateHtml } from '../../src/render/update-html.js';
import { article, karin, qa, text, update } from '../helpers/story-builders.js';

const NOW = '2026-12-08T14:04:00.000Z';

afterEach(() => {
  delete process.env.DATELINE_UNSAFE_NO_SANITIZE;
});

describe('updateHtml (kept update fragments)', () => {
  it('is the partial rendered from the update view, and kept once per content', () => {
    const a = article();
    const u = update({ id: 901, blocks: [text('Kept **once**.'), qa('Varför?', 'Därför.', karin)] });
    const before = keptFragmentChars();
    const html = updateHtml(a, u, NOW);
    const fresh = renderView('partials/update', {
      update: { ...updateView(a, u, NOW), isNew: false },
      article: a,
      t: messages(a.locale),
    });
    assert.equal(html, fresh);
    const kept = keptFragmentChars();
    assert.ok(kept > before + html.length, 'the fragment and its key are counted');
    assert.equal(updateHtml(a, { ...u }, NOW), html);
    assert.equal(keptFragmentChars(), kept, 'the same content is not kept twice');
  });

  it('renders the options into the fragment: new badge and heading level', () => {
    const a = article();
    const u = update({ id: 902, blocks: [text('Ny.')] });
    assert.doesNotMatch(updateHtml(a, u, NOW), /badge--new/);
    assert.match(updateHtml(a, u, NOW, { isNew: true }), /badge--new/);
    assert.match(updateHtml(a, u, NOW, { headingLevel: 2 }), /<h2 class="update__label"/);
  });

  it('when the test-only Markdown control is on, then nothing is kept', () => {
    process.env.DATELINE_UNSAFE_NO_SANITIZE = 'positive-control';
    const before = keptFragmentChars();
    const html = updateHtml(article(), update({ id: 903, blocks: [text('<b>raw</b>')] }), NOW);
    assert.match(html, /<b>raw<\/b>/);
    assert.equal(keptFragmentChars(), before);
  });
});
