import { Router } from 'express';
import { z } from 'zod';
import { parseTranscript } from '../../domain/transcript.js';
import { parseBody, validationError } from './schemas.js';

const importBody = z.strictObject({
  text: z.string(),
  year: z.number().int().min(1).max(9999).optional(),
  locale: z.enum(['sv', 'en']).optional(),
  typography: z.boolean().optional(),
});

/** True for text that is really a binary file: NUL bytes or undecodable bytes. */
function looksBinary(text: string): boolean {
  return text.includes('\u0000') || text.includes('\uFFFD');
}

/** JSON API: a transcript in, the proposed updates and blocks out (the same JSON as `dateline import --dry-run`). */
export function apiImportRoute(clock: () => Date): Router {
  const router = Router();
  router.post('/api/v1/import', (req, res) => {
    const body = parseBody(req, importBody);
    if (body.text.trim() === '') throw validationError({ text: 'Send the transcript text.' });
    if (looksBinary(body.text)) throw validationError({ text: 'This looks like a binary file, not text.' });
    const transcript = parseTranscript(body.text, {
      year: body.year ?? clock().getUTCFullYear(),
      locale: body.locale ?? 'sv',
      typography: body.typography ?? false,
    });
    res.json(transcript);
  });
  return router;
}
