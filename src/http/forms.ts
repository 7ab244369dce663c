import type { Request } from 'express';
import { BLOCK_TYPES, emptyBlock, type BlockForm, type UpdateForm } from '../domain/update-input.js';
import { LIMITS } from '../domain/limits.js';
import { HttpError } from './errors.js';

type Body = Record<string, unknown>;

function bodyOf(req: Request): Body {
  return typeof req.body === 'object' && req.body !== null ? (req.body as Body) : {};
}

/** A single string field; missing is ''. A repeated or non-string field is a 400. */
export function field(source: Body, name: string): string {
  const value = source[name];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new HttpError(400, `The field "${name}" must be given once, as text.`);
  return value;
}

/** One string field of the request body (see `field`). */
export function bodyField(req: Request, name: string): string {
  return field(bodyOf(req), name);
}

/** Reads the named string fields of the request body. */
export function fields<K extends string>(req: Request, names: readonly K[]): Record<K, string> {
  const body = bodyOf(req);
  return Object.fromEntries(names.map((name) => [name, field(body, name)])) as Record<K, string>;
}

/** A positive integer route parameter, or 404. */
export function idParam(req: Request, name = 'id'): number {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !/^[1-9]\d{0,15}$/.test(raw))
    throw new HttpError(404, 'There is nothing at this address.');
  return Number(raw);
}

/** A positive integer query parameter with a default; garbage or repetition is a 400. */
export function intQuery(req: Request, name: string, fallback: number): number {
  const raw = req.query[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,6}$/.test(raw))
    throw new HttpError(400, `"${name}" must be a positive whole number.`);
  return Number(raw);
}

/** A query parameter that must be one of `allowed`, or the first of them when missing. */
export function choiceQuery<T extends string>(req: Request, name: string, allowed: readonly T[]): T {
  const raw = req.query[name];
  if (raw === undefined) return allowed[0] as T;
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
    throw new HttpError(400, `"${name}" must be one of: ${allowed.join(', ')}.`);
  }
  return raw as T;
}

const BLOCK_FIELDS = [
  'type',
  'markdown',
  'question',
  'answer',
  'speaker',
  'asker',
  'text',
  'source',
] as const;

/** Reads the update form: `date`, `time`, `headline` and blocks named `blocks.N.field`. */
export function updateForm(req: Request): UpdateForm {
  const body = bodyOf(req);
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = /^blocks\.(\d{1,3})\.type$/.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  if (indexes.size > LIMITS.blocks * 2) throw new HttpError(413, 'Too many blocks in one update.');
  const blocks: BlockForm[] = [...indexes]
    .sort((a, b) => a - b)
    .map((index) => {
      const block = emptyBlock('text');
      for (const name of BLOCK_FIELDS) block[name] = field(body, `blocks.${index}.${name}`);
      if (!(BLOCK_TYPES as readonly string[]).includes(block.type))
        throw new HttpError(400, 'Unknown block type.');
      return block;
    });
  return { date: field(body, 'date'), time: field(body, 'time'), headline: field(body, 'headline'), blocks };
}

/** The optimistic-concurrency version a form started from. */
export function versionField(req: Request): number {
  const raw = field(bodyOf(req), 'version');
  if (!/^\d{1,9}$/.test(raw)) throw new HttpError(400, 'The form is missing its version. Reload the page.');
  return Number(raw);
}
