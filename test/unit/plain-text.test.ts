import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockText } from '../../src/render/plain-text.js';
import { karin, qa, quote, text } from '../helpers/story-builders.js';

describe('blockText', () => {
  it('when Markdown has emphasis, links, lists, entities and typed HTML, then the text is what a reader reads, without tags', () => {
    const plain = blockText(
      text('Efter **sex** dygn & [en länk](https://example.com) <b>typat</b>\n\n- ett\n- två\n\n> citerat'),
    );
    assert.equal(plain, 'Efter sex dygn & en länk <b>typat</b>\n\nett\ntvå\n\nciterat');
    assert.doesNotMatch(plain, /<(?:p|strong|a|ul|li|blockquote)\b|&amp;|&lt;/);
  });

  it('when the block is Q&A or a quote, then "question\\nanswer" and the quote’s words', () => {
    assert.equal(
      blockText(qa('Betalade ni **lösensumman**?', 'Nej, *aldrig*.', karin)),
      'Betalade ni lösensumman?\nNej, aldrig.',
    );
    assert.equal(
      blockText(quote('Vi ber om ursäkt.\n\nIgen.', 'Pressmeddelande')),
      'Vi ber om ursäkt.\n\nIgen.',
    );
  });
});
