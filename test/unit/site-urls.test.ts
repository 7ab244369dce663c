import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { siteOrigin } from '../../src/render/site-urls.js';

describe('siteOrigin', () => {
  it('when a base URL is configured, then it wins over the request host', () => {
    assert.equal(
      siteOrigin({ baseUrl: 'https://news.example/', protocol: 'http', host: 'evil.example' }),
      'https://news.example',
    );
  });

  it('when there is no base URL, then the request protocol and host; a host that is not one is refused', () => {
    assert.equal(siteOrigin({ protocol: 'http', host: 'Localhost:3000' }), 'http://localhost:3000');
    assert.equal(siteOrigin({ protocol: 'https', host: '[::1]:8443' }), 'https://[::1]:8443');
    assert.equal(siteOrigin({ protocol: 'http', host: 'evil.example"><script>' }), null);
    assert.equal(siteOrigin({ protocol: 'http', host: 'evil.example/path' }), null);
    assert.equal(siteOrigin({ protocol: 'javascript', host: 'x' }), null);
    assert.equal(siteOrigin({ protocol: 'http', host: undefined }), null);
  });
});
