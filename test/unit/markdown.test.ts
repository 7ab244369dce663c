import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderInlineMarkdown, renderMarkdown } from '../../src/render/markdown.js';

const BLOCK_TAGS = new Set(
  'p br strong em del code pre blockquote ul ol li a h2 h3 h4 hr table thead tbody tr th td'.split(' '),
);
const INLINE_TAGS = new Set(['strong', 'em', 'del', 'code', 'a', 'br']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Decodes the entities a browser would decode in an attribute value. */
function decodeEntities(value: string): string {
  const named: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    colon: ':',
    tab: '\t',
    newline: '\n',
  };
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => named[name.toLowerCase()] ?? whole);
}

const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'start', 'align']);

/** Fails unless the HTML has only allowed tags and attributes, and only safe link schemes. */
function assertSafe(html: string, allowedTags: Set<string>): void {
  assert.doesNotMatch(html, /<\s*\/?\s*(script|iframe|img|svg|style|object|embed|form|math|input)\b/i);
  for (const [tag] of html.matchAll(/<[^>]*>?/g)) {
    // sanitize-html writes every attribute as name="value"; anything else is suspicious.
    const shape = /^<\/?([a-z][a-z0-9]*)((?:\s[a-z-]+="[^"<>]*")*)\s?\/?>$/.exec(tag);
    assert.ok(shape, `unexpected markup: ${tag}`);
    const [, name = '', attributes = ''] = shape;
    assert.ok(allowedTags.has(name), `tag not allowed: ${tag}`);
    for (const [, attr = '', raw = ''] of attributes.matchAll(/\s([a-z-]+)="([^"]*)"/g)) {
      assert.ok(ALLOWED_ATTRIBUTES.has(attr), `attribute ${attr} in ${tag}`);
      if (attr !== 'href') continue;
      // Browsers drop ASCII whitespace and control characters from URLs before reading the scheme.
      const href = decodeEntities(raw)
        .replace(/[\s\p{Cc}]/gu, '')
        .toLowerCase();
      const scheme = /^([a-z][a-z0-9+.-]*):/.exec(href)?.[1];
      assert.ok(scheme === undefined || SAFE_SCHEMES.has(scheme), `unsafe href ${raw} in ${tag}`);
      assert.ok(!href.startsWith('//'), `protocol-relative href ${raw}`);
    }
  }
}

describe('assertSafe (the oracle the hostile-input tests rely on)', () => {
  const dangerous = [
    '<p><script>alert(1)</script></p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>',
    '<a href="//evil.example">x</a>',
    '<p onclick="alert(1)">x</p>',
    '<p onclick=alert(1)>x</p>',
    '<a title=x onmouseover=alert(1)>x</a>',
    '<img src=x>',
    '<span>x</span>',
  ];
  for (const html of dangerous) {
    it(`rejects ${html}`, () => {
      assert.throws(() => assertSafe(html, BLOCK_TAGS), assert.AssertionError);
    });
  }
});

describe('renderMarkdown with ordinary Markdown', () => {
  const cases: { name: string; input: string; contains: string[]; excludes?: string[] }[] = [
    {
      name: 'emphasis and strikethrough',
      input: '*em* **strong** ~~del~~',
      contains: ['<p><em>em</em> <strong>strong</strong> <del>del</del></p>'],
    },
    { name: 'unordered list', input: '- a\n- b', contains: ['<ul>', '<li>a</li>', '<li>b</li>'] },
    {
      name: 'ordered list keeps its start number',
      input: '3. x\n4. y',
      contains: ['<ol start="3">', '<li>x</li>'],
    },
    {
      name: 'links get rel="nofollow noopener"',
      input: '[DN](https://www.dn.se "Dagens")',
      contains: ['<a href="https://www.dn.se" title="Dagens" rel="nofollow noopener">DN</a>'],
    },
    {
      name: 'bare URLs become links with rel',
      input: 'see https://example.com now',
      contains: ['<a href="https://example.com" rel="nofollow noopener">https://example.com</a>'],
    },
    {
      name: 'mailto links survive',
      input: '[mail](mailto:tips@example.se)',
      contains: ['<a href="mailto:tips@example.se" rel="nofollow noopener">mail</a>'],
    },
    {
      name: 'relative links survive',
      input: '[earlier](/articles/storm)',
      contains: ['<a href="/articles/storm" rel="nofollow noopener">earlier</a>'],
    },
    { name: 'h1 is downgraded to h2', input: '# Title', contains: ['<h2>Title</h2>'], excludes: ['<h1'] },
    {
      name: 'h2 and h3 are kept',
      input: '## Two\n\n### Three',
      contains: ['<h2>Two</h2>', '<h3>Three</h3>'],
    },
    {
      name: 'h5 and h6 fold into h4',
      input: '##### Five\n\n###### Six',
      contains: ['<h4>Five</h4>', '<h4>Six</h4>'],
    },
    { name: 'blockquote', input: '> said', contains: ['<blockquote>\n<p>said</p>\n</blockquote>'] },
    {
      name: 'code block is escaped and loses its class',
      input: '```js\nif (a < b) {}\n```',
      contains: ['<pre><code>if (a &lt; b) {}\n</code></pre>'],
    },
    {
      name: 'table with alignment',
      input: '| a | b |\n|:-|-:|\n| 1 | 2 |',
      contains: ['<th align="left">a</th>', '<td align="right">2</td>'],
    },
    { name: 'horizontal rule', input: 'a\n\n---\n\nb', contains: ['<hr />'] },
    { name: 'hard line break', input: 'one  \ntwo', contains: ['one<br />two'] },
    { name: 'single newline is not a break', input: 'one\ntwo', contains: ['<p>one\ntwo</p>'] },
    {
      name: 'image is replaced by its alt text',
      input: '![A storm](https://example.com/s.png)',
      contains: ['<p>A storm</p>'],
      excludes: ['<img'],
    },
    {
      name: 'task list checkboxes become text',
      input: '- [ ] todo\n- [x] done',
      contains: ['<li>[ ] todo</li>', '<li>[x] done</li>'],
      excludes: ['<input'],
    },
    {
      name: 'a link with a bad scheme keeps its text but loses href',
      input: '[click](javascript:alert(1))',
      contains: ['<a rel="nofollow noopener">click</a>'],
      excludes: ['href'],
    },
  ];
  for (const { name, input, contains, excludes = [] } of cases) {
    it(name, () => {
      const html = renderMarkdown(input);
      for (const fragment of contains) assert.ok(html.includes(fragment), `${fragment} not in ${html}`);
      for (const fragment of excludes) assert.ok(!html.includes(fragment), `${fragment} in ${html}`);
      assertSafe(html, BLOCK_TAGS);
    });
  }
});

describe('raw HTML in Markdown is shown as text', () => {
  const cases: { name: string; input: string; expected: string }[] = [
    { name: 'inline tag', input: 'a <b>x</b> b', expected: '<p>a &lt;b&gt;x&lt;/b&gt; b</p>\n' },
    {
      name: 'block tag',
      input: '<div class="x">\nhi\n</div>',
      expected: '<p>&lt;div class="x"&gt;\nhi\n&lt;/div&gt;</p>\n',
    },
    { name: 'comment', input: '<!-- secret -->', expected: '<p>&lt;!-- secret --&gt;</p>\n' },
    {
      name: 'text inside an inline script pair',
      input: 'a <script>x < y & z</script>',
      expected: '<p>a &lt;script&gt;x &lt; y &amp; z&lt;/script&gt;</p>\n',
    },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => assert.equal(renderMarkdown(input), expected));
  }
});

const HOSTILE = [
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x]( javascript:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](jav&#x09;ascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](javascript:alert(1) "title")',
  '[x](\u0001javascript:alert(1))',
  '<javascript:alert(1)>',
  '![x](javascript:alert(1))',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<a href="javascript:alert(1)">x</a>',
  '[x](vbscript:msgbox(1))',
  '[x][evil]\n\n[evil]: javascript:alert(1)',
  '[evil]\n\n[evil]: <JAVASCRIPT:alert(1)> "t"',
  '<scr<script>ipt>alert(1)</script>',
  '"><script>alert(1)</script>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<form action="https://evil.example"><button>go</button></form>',
  '<details open ontoggle=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  'a <script>x <img/src=x onerror=alert(1)> </script> b',
  '[<img src=x onerror=alert(1)>](https://ok.example)',
  '[x](https://ok.example "\\" onmouseover=\\"alert(1)")',
  '<https://ok.example/"onmouseover="alert(1)>',
  '```\n</code></pre><script>alert(1)</script>\n```',
  '[x](//evil.example)',
  '# <a href="javascript:alert(1)">h</a>',
  '- [x](javascript:alert(1))\n- <img src=x onerror=alert(1)>',
  '| a |\n|---|\n| <svg onload=alert(1)> |',
  '> <iframe srcdoc="<script>alert(1)</script>">',
];

describe('hostile Markdown renders without active content', () => {
  for (const input of HOSTILE) {
    it(`renderMarkdown(${JSON.stringify(input)})`, () => assertSafe(renderMarkdown(input), BLOCK_TAGS));
    it(`renderInlineMarkdown(${JSON.stringify(input)})`, () =>
      assertSafe(renderInlineMarkdown(input), INLINE_TAGS));
  }
});

describe('renderInlineMarkdown', () => {
  const cases: { name: string; input: string; expected: string }[] = [
    {
      name: 'keeps emphasis and links',
      input: 'Why **now**, [minister](https://example.se)?',
      expected:
        'Why <strong>now</strong>, <a href="https://example.se" rel="nofollow noopener">minister</a>?',
    },
    { name: 'does not make headings or paragraphs', input: '# Not a heading', expected: '# Not a heading' },
    { name: 'escapes raw HTML', input: 'a <em>b</em>', expected: 'a &lt;em&gt;b&lt;/em&gt;' },
    {
      name: 'drops a javascript: href but keeps the text',
      input: '[x](javascript:alert(1))',
      expected: '<a rel="nofollow noopener">x</a>',
    },
    { name: 'keeps code spans escaped', input: '`<b>`', expected: '<code>&lt;b&gt;</code>' },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => assert.equal(renderInlineMarkdown(input), expected));
  }
});
