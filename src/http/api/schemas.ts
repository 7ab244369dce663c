import type { Request } from 'express';
import { z } from 'zod';
import { LIMITS } from '../../domain/limits.js';
import { LOCALES, PRECISIONS } from '../../domain/types.js';
import type { FieldErrors } from '../../domain/validation.js';
import { HttpError } from '../errors.js';

// The JSON shapes the API accepts. zod checks types and the same length limits as the desk forms; the
// domain validators (validateArticle, validateUpdate) then normalise and check the rest, exactly as for a
// form. Unknown fields are refused, so a misspelt field is an error rather than silently ignored.

export const CORRECTION_MAX = LIMITS.correction;

/** Text of at most `max` characters (code points, as the forms count them). */
const chars = (max: number, label: string) =>
  z.string().refine((value) => [...value].length <= max, `${label} must be at most ${max} characters.`);

const version = z.number().int().min(0);

const tag = chars(LIMITS.tag, 'Each tag').refine(
  (value) => !value.includes(','),
  'A tag cannot contain a comma.',
);

/** Article metadata; every field optional (create fills defaults, PATCH keeps what is stored). */
export const articleBody = z.strictObject({
  title: chars(LIMITS.title, 'The title').optional(),
  slug: chars(LIMITS.slug, 'The slug').optional(),
  summary: chars(LIMITS.summary, 'The summary').optional(),
  locale: z.enum(LOCALES).optional(),
  timeZone: chars(100, 'The time zone').optional(),
  live: z.boolean().optional(),
  tags: z.array(tag).max(LIMITS.tags, `At most ${LIMITS.tags} tags.`).optional(),
});

export const articlePatchBody = articleBody.extend({ version: version.optional() });

/** A block in the import JSON's shape; `speaker` is a name, matched against the people register. */
export const blockBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), markdown: chars(LIMITS.markdown, 'The text').optional() }),
  z.strictObject({
    type: z.literal('qa'),
    question: chars(LIMITS.question, 'The question').optional(),
    answer: chars(LIMITS.answer, 'The answer').optional(),
    speaker: chars(LIMITS.speaker, 'The speaker').nullable().optional(),
    asker: chars(LIMITS.asker, 'The asker').nullable().optional(),
  }),
  z.strictObject({
    type: z.literal('quote'),
    text: chars(LIMITS.quote, 'The quote').optional(),
    source: chars(LIMITS.source, 'The source').nullable().optional(),
  }),
]);

export type BlockBody = z.infer<typeof blockBody>;

const updateFields = {
  datedAt: z.string().max(40).optional(),
  precision: z.enum(PRECISIONS).optional(),
  headline: chars(LIMITS.headline, 'The headline').nullable().optional(),
  blocks: z.array(blockBody).max(LIMITS.blocks, `At most ${LIMITS.blocks} blocks in one update.`).optional(),
};

export const updateBody = z.strictObject({ ...updateFields, publish: z.boolean().optional() });

export const updatePatchBody = z.strictObject({
  ...updateFields,
  version: version.optional(),
  correction: chars(CORRECTION_MAX, 'The correction note').nullable().optional(),
});

export const orderBody = z.strictObject({
  updateIds: z.array(z.number().int().positive()).max(10_000).optional(),
});

// Issues about the JSON's shape are a 400; issues about values (limits, choices) are a 422.
const SHAPE_ISSUES = new Set([
  'invalid_type',
  'invalid_union',
  'unrecognized_keys',
  'invalid_key',
  'invalid_element',
]);

function fieldsOf(issues: z.ZodError['issues']): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...at, key].join('.')] = 'Unknown field.';
    } else fields[at.join('.') || 'body'] ??= issue.message;
  }
  return fields;
}

/** A 422 with field errors, the API's answer to invalid input. */
export function validationError(fields: FieldErrors): HttpError {
  return new HttpError(422, 'Some fields are not valid.', false, { fields });
}

/** The request body checked against `schema`: 400 for a wrong shape or type, 422 for a bad value. */
export function parseBody<T>(req: Request, schema: z.ZodType<T>): T {
  // No body at all reads as an empty object; required fields are then reported as missing (422).
  const body: unknown = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'The body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = fieldsOf(result.error.issues);
  if (result.error.issues.some((issue) => SHAPE_ISSUES.has(issue.code))) {
    throw new HttpError(400, 'Some fields have the wrong type.', false, { fields });
  }
  throw validationError(fields);
}

/** The optimistic-concurrency version a change starts from; required (422 when missing). */
export function requireVersion(value: number | undefined): number {
  if (value === undefined) throw validationError({ version: 'Send the version you started from.' });
  return value;
}
