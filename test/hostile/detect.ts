// What the hostile-content harness looks for in a real page. Three detectors:
// 1. Executions: an init script (in every frame, before any page script) replaces alert/confirm/prompt by
//    counters that report to Node through an exposed binding; dialogs are counted too (a realm the init
//    script missed would still open one). Inline handlers are provoked by dispatching focus, mouse,
//    pointer, animation, transition, toggle, load and error events on every element.
// 2. CSP violations: `securitypolicyviolation` events (reported through the same binding) and the
//    console's "Content Security Policy" errors.
// 3. Dangerous DOM: `on*` attributes; script, iframe, object, embed, base, form (and their relatives)
//    that the page itself does not own; and URLs that resolve to javascript:, vbscript: or a data: URL of
//    HTML, SVG or XML. URLs are judged by `new URL(value, document.baseURI)` in the page, as the browser
//    would resolve them, never by a regular expression on the markup.
// Everything that runs in the page is a self-contained function (no closures), as page.evaluate needs.
import type { BrowserContext, Page } from 'playwright-core';

export interface Finding {
  kind: string;
  detail: string;
}

/** What the page may own: its scripts (paths under /static/js), its forms (route patterns), its token. */
export interface Ownership {
  ownScripts: string[];
  postPatterns: string[];
  getPatterns: string[];
  /** The session's CSRF token: a form the page owns carries it; injected markup cannot know it. */
  csrf: string | null;
}

export interface ScanResult {
  findings: Finding[];
  elements: number;
  jsonLd: string | null;
  h1: string | null;
  url: string;
}

/** Installed with context.addInitScript: counts alert/confirm/prompt calls and CSP violations. */
export function initHooks(): void {
  type Reporter = (kind: string, detail: string) => Promise<void>;
  const report = (kind: string, detail: string) => {
    const fn = (window as unknown as { __hostileReport?: Reporter }).__hostileReport;
    if (typeof fn === 'function') fn(kind, detail.slice(0, 300)).catch(() => undefined);
  };
  for (const name of ['alert', 'confirm', 'prompt'] as const) {
    const wrapper = (...args: unknown[]) => {
      report('exec', `${name}(${args.map((a) => String(a)).join(', ')}) in ${location.href.slice(0, 120)}`);
      return name === 'confirm' ? false : name === 'prompt' ? null : undefined;
    };
    try {
      Object.defineProperty(window, name, { value: wrapper, configurable: false, writable: false });
    } catch {
      report('harness', `could not wrap ${name}`);
    }
  }
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      report('csp', `${event.effectiveDirective} blocked ${event.blockedURI} sample=${event.sample}`);
    },
    true,
  );
}

const EVENT_TYPES = [
  'focus',
  'focusin',
  'blur',
  'focusout',
  'mouseover',
  'mouseenter',
  'mousemove',
  'mouseout',
  'mouseleave',
  'pointerover',
  'pointerenter',
  'animationstart',
  'animationiteration',
  'animationend',
  'animationcancel',
  'transitionrun',
  'transitionstart',
  'transitionend',
  'toggle',
  'beforetoggle',
  'begin',
  'load',
  'error',
];

/** Dispatches the provoking events on every element of the page; returns the number of elements. */
function stimulateInPage(types: string[]): number {
  const all = Array.from(document.querySelectorAll('*'));
  for (const element of all) {
    for (const type of types) {
      try {
        element.dispatchEvent(new Event(type));
      } catch {
        // an element that refuses a synthetic event is no finding
      }
    }
  }
  return all.length;
}

/** Runs in the page: every dangerous node, attribute and URL. See the header comment. */
function scanInPage(own: Ownership): ScanResult {
  const findings: Finding[] = [];
  const describe = (el: Element) => {
    const html = el.outerHTML;
    return html.length > 160 ? `${html.slice(0, 160)}…` : html;
  };
  const add = (kind: string, el: Element, detail = '') =>
    findings.push({ kind, detail: `${detail}${detail ? ' ' : ''}${describe(el)}` });
  const resolve = (value: string): URL | null => {
    try {
      return new URL(value, document.baseURI);
    } catch {
      return null;
    }
  };
  const dangerousUrl = (value: string): string | null => {
    const url = resolve(value);
    if (!url) return null;
    if (url.protocol === 'javascript:' || url.protocol === 'vbscript:') return url.protocol;
    if (url.protocol === 'data:') {
      const mime = (url.pathname.split(/[;,]/)[0] ?? '').trim().toLowerCase();
      if (/^(text\/html|image\/svg\+xml|application\/xhtml\+xml|text\/xml|application\/xml)$/.test(mime))
        return `data:${mime}`;
    }
    return null;
  };
  const sameOrigin = (url: URL | null) => url !== null && url.origin === location.origin;
  const matches = (patterns: string[], path: string) => patterns.some((p) => new RegExp(p).test(path));

  const URL_ATTRIBUTES = new Set([
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'poster',
    'background',
    'codebase',
    'cite',
    'longdesc',
    'lowsrc',
    'dynsrc',
    'ping',
    'manifest',
    'icon',
    'usemap',
    'profile',
    'classid',
    'archive',
    'to',
    'from',
    'by',
  ]);
  const NEVER_OWNED = new Set([
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'base',
    'portal',
    'style',
    'animate',
    'set',
    'animatemotion',
    'animatetransform',
    'handler',
    'listener',
    'foreignobject',
    'use',
  ]);

  const all = Array.from(document.querySelectorAll('*'));
  let ldJson: HTMLScriptElement[] = [];
  for (const el of all) {
    const tag = el.tagName.toLowerCase();
    for (const name of el.getAttributeNames()) {
      const lower = name.toLowerCase();
      const value = el.getAttribute(name) ?? '';
      if (lower.startsWith('on')) add('on-attribute', el, lower);
      if (lower === 'style') add('style-attribute', el);
      if (lower === 'srcdoc') add('srcdoc', el);
      if (URL_ATTRIBUTES.has(lower) || lower.endsWith(':href')) {
        const bad = dangerousUrl(value);
        if (bad) add('url', el, `${lower} → ${bad}`);
      }
      if (lower === 'srcset') {
        for (const candidate of value.split(',')) {
          const bad = dangerousUrl(candidate.trim().split(/\s+/)[0] ?? '');
          if (bad) add('url', el, `srcset → ${bad}`);
        }
      }
      if (lower === 'values') {
        for (const part of value.split(';')) {
          const bad = dangerousUrl(part.trim());
          if (bad) add('url', el, `values → ${bad}`);
        }
      }
    }
    if (NEVER_OWNED.has(tag)) add('element', el);
    if (tag === 'meta' && (el.hasAttribute('http-equiv') || el.parentElement !== document.head))
      add('element', el, 'meta');
    if (tag === 'link') {
      const rel = (el.getAttribute('rel') ?? '').toLowerCase();
      const href = el.getAttribute('href') ?? '';
      const url = resolve(href);
      const owned =
        el.parentElement === document.head &&
        ((rel === 'icon' && href === 'data:,') ||
          (rel === 'stylesheet' &&
            sameOrigin(url) &&
            /^\/static\/css\/[\w-]+\.css$/.test(url?.pathname ?? '')) ||
          (['canonical', 'alternate', 'prev', 'next'].includes(rel) &&
            (url?.protocol === 'http:' || url?.protocol === 'https:')));
      if (!owned) add('element', el, 'link');
    }
    if (tag === 'script') {
      const script = el as HTMLScriptElement;
      const src = script.getAttribute('src');
      if (src !== null) {
        const url = resolve(src);
        const owned =
          sameOrigin(url) &&
          own.ownScripts.includes(url?.pathname ?? '') &&
          script.getAttribute('type') === 'module' &&
          script.textContent === '';
        if (!owned) add('element', el, 'script');
      } else if (script.type === 'application/ld+json' && script.parentElement === document.head) {
        ldJson.push(script);
        try {
          JSON.parse(script.textContent ?? '');
        } catch {
          add('element', el, 'JSON-LD that does not parse');
        }
      } else add('element', el, 'script');
    }
    if (tag === 'form') {
      const form = el as HTMLFormElement;
      const method = (form.getAttribute('method') ?? 'get').toLowerCase();
      const url = resolve(form.getAttribute('action') ?? '');
      const path = url?.pathname ?? '';
      const token = form.querySelector<HTMLInputElement>('input[type=hidden][name=_csrf]')?.value ?? null;
      const owned =
        sameOrigin(url) &&
        (method === 'post'
          ? own.csrf !== null && token === own.csrf && matches(own.postPatterns, path)
          : method === 'get' && matches(own.getPatterns, path));
      if (!owned) add('element', el, 'form');
    }
  }
  if (ldJson.length > 1) {
    for (const script of ldJson) add('element', script, 'second JSON-LD');
    ldJson = [];
  }
  return {
    findings,
    elements: all.length,
    jsonLd: ldJson[0]?.textContent ?? null,
    h1: document.querySelector('h1')?.textContent ?? null,
    url: location.href,
  };
}

/** Everything the harness saw on one page. */
export interface PageReport {
  label: string;
  url: string;
  executions: string[];
  csp: string[];
  dangerous: Finding[];
  elements: number;
  jsonLd: string | null;
  h1: string | null;
  notes: string[];
}

/**
 * Watches the pages of one browser context: the binding that the init hooks report to, dialogs and
 * console errors. `begin(page, label)` starts a page's report; `end(page)` returns it.
 */
export class ContextWatch {
  private readonly current = new Map<Page, PageReport>();
  /** Reports that arrived for no page being checked (a page that navigated on its own, say). */
  readonly stray: string[] = [];

  private constructor(readonly context: BrowserContext) {}

  static async attach(context: BrowserContext): Promise<ContextWatch> {
    const watch = new ContextWatch(context);
    await context.exposeBinding('__hostileReport', (source, kind: unknown, detail: unknown) => {
      watch.record(source.page, String(kind), String(detail));
    });
    // tsx (esbuild's keepNames) wraps inner functions in __name(); the functions that run in the page
    // need that helper, as the identity.
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    await context.addInitScript(initHooks);
    return watch;
  }

  /** Listens to one page's dialogs and console; call once per page. */
  watch(page: Page): void {
    page.on('dialog', (dialog) => {
      if (dialog.type() === 'beforeunload') {
        dialog.accept().catch(() => undefined);
        return;
      }
      this.record(page, 'exec', `${dialog.type()} dialog: ${dialog.message()}`);
      dialog.dismiss().catch(() => undefined);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        this.record(page, 'csp-console', message.text());
      }
    });
    page.on('pageerror', (error) => this.record(page, 'note', `page error: ${error.message}`));
  }

  private record(page: Page | null, kind: string, detail: string): void {
    const report = page ? this.current.get(page) : undefined;
    if (!report) {
      this.stray.push(`${kind}: ${detail}`);
      return;
    }
    if (kind === 'exec') report.executions.push(detail);
    else if (kind === 'csp' || kind === 'csp-console') report.csp.push(`${kind}: ${detail}`);
    else report.notes.push(`${kind}: ${detail}`);
  }

  begin(page: Page, label: string): PageReport {
    const report: PageReport = {
      label,
      url: '',
      executions: [],
      csp: [],
      dangerous: [],
      elements: 0,
      jsonLd: null,
      h1: null,
      notes: [],
    };
    this.current.set(page, report);
    return report;
  }

  /** Provokes handlers, lets them run, scans the DOM, and closes the page's report. */
  async check(page: Page, report: PageReport, own: Ownership, settleMs = 40): Promise<PageReport> {
    await page.evaluate(stimulateInPage, EVENT_TYPES);
    await page.waitForTimeout(settleMs);
    const scan = await page.evaluate(scanInPage, own);
    report.url = scan.url;
    report.dangerous = scan.findings;
    report.elements = scan.elements;
    report.jsonLd = scan.jsonLd;
    report.h1 = scan.h1;
    this.current.delete(page);
    return report;
  }
}

/**
 * Runs in a page: checks one feed or sitemap. XML must be well-formed and hold no script element; JSON
 * must parse. HTML carried inside (Atom `content`/`summary` of type html, RSS `description` and
 * `content:encoded`, JSON Feed `content_html`) is parsed as a feed reader would and must hold no
 * dangerous node or URL. `expected` texts (the stored titles) must appear as text, exactly.
 */
export function checkFeedInPage(input: { body: string; json: boolean; expected: string[] }): string[] {
  const problems: string[] = [];
  const texts: string[] = [];
  const htmls: string[] = [];
  const badUrl = (value: string) => {
    try {
      const url = new URL(value, 'https://feed.invalid/');
      if (url.protocol === 'javascript:' || url.protocol === 'vbscript:') return true;
      return url.protocol === 'data:' && /^(text\/html|image\/svg\+xml)/i.test(url.pathname.trim());
    } catch {
      return false;
    }
  };
  if (input.json) {
    let data: unknown;
    try {
      data = JSON.parse(input.body);
    } catch {
      return ['the JSON feed does not parse'];
    }
    const walk = (value: unknown, key: string) => {
      if (typeof value === 'string') {
        if (key === 'content_html') htmls.push(value);
        else texts.push(value);
        if (
          ['url', 'external_url', 'home_page_url', 'feed_url', 'image', 'icon'].includes(key) &&
          badUrl(value)
        )
          problems.push(`${key} is a script URL`);
      } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, k);
    };
    walk(data, '');
  } else {
    const doc = new DOMParser().parseFromString(input.body, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0) return ['not well-formed XML'];
    for (const el of Array.from(doc.getElementsByTagName('*'))) {
      const name = el.localName.toLowerCase();
      if (name === 'script' || el.namespaceURI === 'http://www.w3.org/1999/xhtml')
        problems.push(`a <${el.nodeName}> element`);
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.localName)) problems.push(`an ${attr.name} attribute`);
        if (/href|src|url/i.test(attr.localName) && badUrl(attr.value))
          problems.push(`${attr.name} is a script URL`);
      }
      if (
        (name === 'link' || name === 'loc' || name === 'url') &&
        el.children.length === 0 &&
        badUrl(el.textContent ?? '')
      )
        problems.push(`<${name}> is a script URL`);
      const type = el.getAttribute('type') ?? '';
      const html =
        ((name === 'content' || name === 'summary') && /html/i.test(type)) ||
        name === 'description' ||
        el.nodeName === 'content:encoded';
      if (html) htmls.push(el.textContent ?? '');
      else if (el.children.length === 0) texts.push(el.textContent ?? '');
    }
  }
  for (const html of htmls) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    for (const el of Array.from(doc.body.querySelectorAll('*'))) {
      const tag = el.localName.toLowerCase();
      if (
        [
          'script',
          'iframe',
          'object',
          'embed',
          'base',
          'form',
          'style',
          'frame',
          'frameset',
          'meta',
          'link',
          'svg',
          'math',
        ].includes(tag)
      )
        problems.push(`feed HTML holds <${tag}>: ${el.outerHTML.slice(0, 120)}`);
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name) || attr.name === 'style' || attr.name === 'srcdoc')
          problems.push(`feed HTML holds ${attr.name}=: ${el.outerHTML.slice(0, 120)}`);
        if (
          ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'].includes(attr.name) &&
          badUrl(attr.value)
        )
          problems.push(`feed HTML holds a script URL: ${el.outerHTML.slice(0, 120)}`);
      }
    }
    texts.push(doc.body.textContent ?? '');
  }
  for (const expected of input.expected) {
    if (!texts.some((text) => text.includes(expected)))
      problems.push(`the text ${JSON.stringify(expected.slice(0, 80))} is not in the feed as typed`);
  }
  return problems;
}
