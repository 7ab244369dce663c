import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { validateAccount } from '../../src/domain/account-input.js';
import { validateArticle } from '../../src/domain/article-input.js';
import { validateChangeKind } from '../../src/domain/change-kind.js';
import { checkImportOptions, validateImport } from '../../src/domain/import-form.js';
import { LIMITS } from '../../src/domain/limits.js';
import { validatePerson } from '../../src/domain/person-input.js';
import { emptyBlock, validateUpdate } from '../../src/domain/update-input.js';
import { deskMessages } from '../../src/render/desk-i18n.js';
import { swedishFor } from '../../src/render/i18n/messages-sv.js';

const sv = deskMessages('sv');
const en = deskMessages('en');
const ROOT = new URL('../..', import.meta.url).pathname;

/** Every leaf of a catalogue as [path, value]; functions are called with sample arguments. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const args = Array.from({ length: value.length }, (_, i) => (i === 0 ? 2 : 'x'));
    return [[`${path}()`, String((value as (...a: unknown[]) => unknown)(...args))]];
  }
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
  return [[path, String(value)]];
}

describe('the desk catalogues', () => {
  // The strings without `msg`, the translation function (tested below).
  const strings = (dt: typeof sv) => Object.fromEntries(Object.entries(dt).filter(([key]) => key !== 'msg'));
  const svStrings = strings(sv);
  const enStrings = strings(en);

  it('when both are walked, then they have the same keys and no empty string', () => {
    const svLeaves = new Map(leaves(svStrings));
    const enLeaves = new Map(leaves(enStrings));
    assert.deepEqual([...svLeaves.keys()].sort(), [...enLeaves.keys()].sort());
    for (const [path, text] of [...svLeaves, ...enLeaves]) assert.notEqual(text.trim(), '', path);
  });

  it('when Swedish is chosen, then the words are Swedish, not a copy of the English', () => {
    const svLeaves = new Map(leaves(svStrings));
    const same = leaves(enStrings).filter(
      ([path, text]) => svLeaves.get(path) === text && /[a-z]{4}/.test(text),
    );
    // Words that are the same in both languages (or names of languages, shown in themselves).
    const allowed =
      /^(languages?\.|account\.names|roles\.journalist|kinds\.status|head\.suffix|common\.(markdown|organisation|status|text)|article\.slug|audit\.(ip|outcomes\.ok)|blockTypes\.text|dashboard\.liveMark|scripts\.position|diff\.blocks|form\.blockN)/;
    assert.deepEqual(
      same.filter(([path]) => !allowed.test(path)).map(([path]) => path),
      [],
    );
    assert.equal(sv.lang, 'sv');
    assert.equal(en.lang, 'en');
  });

  it('when a count is shown, then its plural form and number format follow the locale (Intl)', () => {
    assert.equal(en.preview.proposed(1), '1 proposed update');
    assert.equal(en.preview.proposed(2), '2 proposed updates');
    assert.equal(en.preview.proposed(1500), '1,500 proposed updates');
    assert.equal(sv.preview.proposed(1), '1 föreslagen uppdatering');
    assert.equal(sv.preview.proposed(3), '3 föreslagna uppdateringar');
    assert.equal(sv.preview.proposed(1500), '1\u00a0500 föreslagna uppdateringar');
    assert.match(en.editing.places(1), /^1 place was changed/);
    assert.match(en.editing.places(2), /^2 places were changed/);
    assert.match(sv.editing.places(1), /^1 ställe har ändrats/);
    assert.match(sv.editing.places(4), /^4 ställen har ändrats/);
    assert.equal(sv.live.updates(1200), 'Uppdateringar (1\u00a0200)');
    assert.equal(en.live.updates(1200), 'Updates (1,200)');
  });

  it('when a sentence is shown to an English desk, then it is unchanged; an unknown one stays English in Swedish', () => {
    assert.equal(en.msg('Write the question.'), 'Write the question.');
    assert.equal(sv.msg('Write the question.'), 'Skriv frågan.');
    assert.equal(sv.msg('Something nobody wrote.'), 'Something nobody wrote.');
  });

  const PATTERNS: [string, string][] = [
    [
      'Too many failed attempts. Try again in 1 minutes.',
      'För många misslyckade försök. Försök igen om 1 minut.',
    ],
    ['The text must be at most 20000 characters.', 'Texten får vara högst 20\u00a0000 tecken.'],
    ['Block 2 (Question and answer), asked by', 'Block 2 (Fråga och svar), frågan ställd av'],
    [
      'The tag "A, B" already has this address (/tags/a-b): merge them instead.',
      'Ämnet ”A, B” har redan den adressen (/tags/a-b): slå ihop dem i stället.',
    ],
  ];
  for (const [english, swedish] of PATTERNS) {
    it(`when "${english}" is shown in Swedish, then its number or name is kept in the Swedish sentence`, () => {
      assert.equal(sv.msg(english), swedish);
    });
  }
});

// ---- Every sentence the code can show a desk user has its Swedish ----

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// The JSON API answers in English only; the transcript parser's words are data, not messages.
const SCANNED = ['src/domain', 'src/services', 'src/http']
  .flatMap((dir) => sourceFiles(join(ROOT, dir)))
  .filter((path) => !/src\/http\/api\/|src\/domain\/transcript/.test(relative(ROOT, path)));

const SENTENCE = /^["A-Z][^\n]{3,}[.?!]$/;

/** Quoted string literals of a source file that read like a sentence for people. */
function sentences(source: string): string[] {
  const quoted = [...source.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)].map((m) =>
    (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'),
  );
  return quoted.filter((text) => SENTENCE.test(text));
}

/** Template literals that read like a sentence, with every `${…}` filled with a sample: a number or a name. */
function templates(source: string): { template: string; sample: string }[] {
  return [...source.matchAll(/`((?:[^`\\]|\\.)*)`/g)]
    .map((m) => m[1] ?? '')
    .filter((template) => template.includes('${') && SENTENCE.test(template))
    .map((template) => ({
      template,
      sample: template.replace(/\$\{([^}]*)\}/g, (_, expr: string) =>
        /LIMITS|max|min|version|Math|MAX|\d/.test(expr) ? '10' : 'x',
      ),
    }));
}

describe('Swedish for every sentence the domain, services and routes produce', () => {
  const all = SCANNED.map((path) => ({ path: relative(ROOT, path), source: readFileSync(path, 'utf8') }));

  it('when the source is scanned, then every quoted sentence has its Swedish', () => {
    const found = all.flatMap(({ path, source }) => sentences(source).map((text) => ({ path, text })));
    assert.ok(found.length > 100, `only ${found.length} sentences found: is the scan broken?`);
    const missing = found.filter(({ text }) => swedishFor(text) === undefined);
    assert.deepEqual(missing, [], 'add these to src/render/i18n/messages-sv.ts');
  });

  it('when a sentence is built from a template, then a pattern gives its Swedish', () => {
    const found = all.flatMap(({ path, source }) => templates(source).map((t) => ({ path, ...t })));
    assert.ok(found.length > 5, `only ${found.length} templates found: is the scan broken?`);
    const missing = found.filter(({ sample }) => swedishFor(sample) === undefined);
    assert.deepEqual(missing, [], 'add a pattern to SV_PATTERNS in src/render/i18n/messages-sv.ts');
  });

  it('when a length is checked, then "<subject> must be at most N characters." has its Swedish for every subject', () => {
    const subjects = all.flatMap(({ source }) =>
      [...source.matchAll(/checkLength\(\s*[^;]*?,\s*'([^']+)',?\s*\)/g)].map((m) => m[1] ?? ''),
    );
    assert.ok(subjects.length > 10, `only ${subjects.length} checkLength calls found`);
    for (const subject of subjects)
      assert.ok(swedishFor(`${subject} must be at most 120 characters.`), `no Swedish for "${subject}"`);
  });

  it('when the validators refuse everything at once, then each of their messages reads in Swedish', () => {
    const long = (n: number) => 'x'.repeat(n + 1);
    const block = (type: 'text' | 'qa' | 'quote', fields: Record<string, string>) => ({
      ...emptyBlock(type),
      ...fields,
    });
    const results = [
      validateArticle(
        {
          title: long(LIMITS.title),
          slug: 'BAD',
          summary: long(LIMITS.summary),
          tags: 'a,b',
          locale: 'x',
          timeZone: '',
          live: '',
          translation: '!',
        },
        () => false,
      ),
      validateArticle(
        { title: '', slug: '', summary: '\u0001', tags: '', locale: 'sv', timeZone: 'UTC', live: '' },
        () => true,
      ),
      validateUpdate(
        {
          date: 'x',
          time: '',
          headline: long(LIMITS.headline),
          blocks: [
            block('text', { markdown: long(LIMITS.markdown) }),
            block('qa', { question: 'Q', answer: '' }),
            block('qa', { question: '', answer: 'A' }),
            block('qa', {
              question: 'Q',
              answer: long(LIMITS.answer),
              speaker: long(LIMITS.speaker),
              asker: long(LIMITS.asker),
            }),
            block('quote', { text: '', source: 'S' }),
            block('quote', { text: long(LIMITS.quote), source: long(LIMITS.source) }),
            block('quote', { text: 'q\u0001' }),
          ],
        },
        () => undefined,
      ),
      validateUpdate({ date: '', time: '', headline: '', blocks: [] }, () => undefined),
      validatePerson({
        name: '',
        title: long(LIMITS.speaker),
        organisation: long(LIMITS.speaker),
        note: long(2000),
      }),
      validateAccount({
        email: 'x',
        displayName: long(LIMITS.displayName),
        role: 'x',
        password: 'short',
        locale: 'de',
      }),
      validateChangeKind({ changeKind: 'x', correctionNote: '' }),
      validateChangeKind({ changeKind: 'correction', correctionNote: '' }),
      validateChangeKind({ changeKind: 'correction', correctionNote: long(LIMITS.correction) }),
      validateImport([], () => undefined),
      validateImport(
        [{ label: '', date: '', time: '', headline: '', blocks: [block('text', { markdown: 'x' })] }],
        () => undefined,
      ),
      {
        ok: false,
        errors: checkImportOptions(
          { text: '', year: '1', locale: 'x', typography: '', article: '', title: '', timeZone: '' },
          () => false,
        ),
      },
    ];
    const messages = results.flatMap((r) => (r.ok ? [] : Object.values(r.errors)));
    assert.ok(messages.length > 25, `only ${messages.length} messages`);
    assert.deepEqual(
      messages.filter((m) => sv.msg(m) === m),
      [],
    );
  });
});
