import { validateArticle, type ArticleForm, type ArticleInput } from '../../domain/article-input.js';
import type { BlockInput, Precision, Update } from '../../domain/types.js';
import { blockToForm, validateUpdate, type UpdateInput } from '../../domain/update-input.js';
import { dayKey, isValidTimeZone, zonedWallTimeToUtc } from '../../render/dates.js';
import { validationError, type BlockBody } from './schemas.js';

// From checked JSON to the domain's inputs, through the same validators as the desk forms.

type ArticleBody = Partial<{
  title: string;
  slug: string;
  summary: string;
  locale: string;
  timeZone: string;
  live: boolean;
  tags: string[];
}>;

/** `base` with the fields the body sends, validated like the article form (422 on errors). */
export function articleInput(base: ArticleForm, body: ArticleBody): ArticleInput {
  const form: ArticleForm = {
    title: body.title ?? base.title,
    slug: body.slug ?? base.slug,
    summary: body.summary ?? base.summary,
    tags: body.tags === undefined ? base.tags : body.tags.join(', '),
    locale: body.locale ?? base.locale,
    timeZone: body.timeZone ?? base.timeZone,
    live: body.live === undefined ? base.live : body.live ? 'on' : '',
  };
  const checked = validateArticle(form, isValidTimeZone);
  if (!checked.ok) throw validationError(checked.errors);
  return checked.value;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function realDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(day);
}

/**
 * An update's instant and precision from `datedAt` (an ISO instant with an offset, or `YYYY-MM-DD` for a
 * day) and an optional precision. A day is stored as its midnight in the article's zone, as the desk does.
 */
export function resolveDatedAt(
  datedAt: string,
  precision: Precision | undefined,
  timeZone: string,
): { datedAt: string; precision: Precision } {
  const invalid = (message: string) => validationError({ datedAt: message });
  if (DAY.test(datedAt)) {
    if (precision === 'minute') throw invalid('A date without a time has day precision; send an instant.');
    const midnight = realDay(datedAt) ? zonedWallTimeToUtc(datedAt, timeZone) : undefined;
    if (midnight === undefined) throw invalid('Not a real date.');
    return { datedAt: midnight, precision: 'day' };
  }
  const instant = INSTANT.exec(datedAt);
  if (!instant?.[1] || !realDay(instant[1]) || Number.isNaN(Date.parse(datedAt))) {
    throw invalid('Send an ISO 8601 instant with an offset (2026-12-08T14:04:00Z) or a date (2026-12-08).');
  }
  const iso = new Date(Date.parse(datedAt)).toISOString();
  if (precision !== 'day') return { datedAt: iso, precision: 'minute' };
  return resolveDatedAt(dayKey(iso, timeZone), 'day', timeZone);
}

function blockInput(block: BlockBody): BlockInput {
  if (block.type === 'text') return { type: 'text', markdown: block.markdown ?? '' };
  if (block.type === 'qa') {
    return {
      type: 'qa',
      question: block.question ?? '',
      answer: block.answer ?? '',
      speaker: block.speaker ?? null,
      asker: block.asker ?? null,
    };
  }
  return { type: 'quote', text: block.text ?? '', source: block.source ?? null };
}

/** The blocks of a stored update in the API's input shape (speakers by name). */
export function storedBlocks(update: Update): BlockInput[] {
  return update.blocks.map((block) =>
    block.type === 'qa'
      ? {
          type: 'qa',
          question: block.question,
          answer: block.answer,
          speaker: block.speaker?.name ?? null,
          asker: block.asker,
        }
      : block.type === 'quote'
        ? { type: 'quote', text: block.text, source: block.source }
        : { type: 'text', markdown: block.markdown },
  );
}

/**
 * An update's input, validated like the desk's update form. The date is resolved first (above); the
 * form validator then checks the headline and blocks (blank blocks are dropped, at least one is needed).
 */
export function updateInput(
  when: { datedAt: string; precision: Precision },
  headline: string | null,
  blocks: (BlockBody | BlockInput)[],
): UpdateInput {
  const form = {
    date: when.datedAt.slice(0, 10),
    time: '',
    headline: headline ?? '',
    blocks: blocks.map((block) => blockToForm(blockInput(block))),
  };
  const checked = validateUpdate(form, () => when.datedAt);
  if (!checked.ok) throw validationError(checked.errors);
  return { ...checked.value, datedAt: when.datedAt, precision: when.precision };
}
