import { LIMITS } from './limits.js';
import { SLUG_PATTERN, slugify } from './slug.js';
import { LOCALES, type Article, type Locale } from './types.js';
import {
  checkLength,
  hasControlCharacters,
  oneLine,
  multiLine,
  type FieldErrors,
  type Validated,
} from './validation.js';

/** The article form as submitted: every field a string. */
export interface ArticleForm {
  title: string;
  slug: string;
  summary: string;
  tags: string;
  locale: string;
  timeZone: string;
  live: string;
  /** The slug of the same story in the other language; '' removes the link, absent keeps it (API). */
  translation?: string;
}

export interface ArticleInput {
  title: string;
  slug: string;
  summary: string;
  tags: { slug: string; name: string }[];
  locale: Locale;
  timeZone: string;
  live: boolean;
  /** undefined: keep the current link; null: remove it; a slug: link that article. */
  translationSlug?: string | null;
}

/**
 * The form of a stored article: what the desk form shows and an API PATCH starts from. `translation` is
 * the partner's slug for the desk form; left out (the API), a save keeps the link as it is.
 */
export function articleToForm(article: Article, translation?: string): ArticleForm {
  return {
    title: article.title,
    slug: article.slug,
    summary: article.summary,
    tags: article.tags.join(', '),
    locale: article.locale,
    timeZone: article.timeZone,
    live: article.live ? 'on' : '',
    ...(translation === undefined ? {} : { translation }),
  };
}

/** Splits "IT-säkerhet, A-kassan" into distinct tags, keeping the first spelling of each. */
export function parseTags(value: string): { slug: string; name: string }[] {
  const seen = new Set<string>();
  const tags: { slug: string; name: string }[] = [];
  for (const raw of value.split(',')) {
    const name = oneLine(raw);
    if (name === '') continue;
    const slug = slugify(name, LIMITS.tag);
    if (seen.has(slug)) continue;
    seen.add(slug);
    tags.push({ slug, name });
  }
  return tags;
}

/** Checks the article form; `isValidTimeZone` comes from the render layer's Intl support. */
export function validateArticle(
  form: ArticleForm,
  isValidTimeZone: (tz: string) => boolean,
): Validated<ArticleInput> {
  const errors: FieldErrors = {};
  const title = oneLine(form.title);
  const summary = multiLine(form.summary);
  const slug = form.slug.trim() === '' ? slugify(title, LIMITS.slug) : form.slug.trim().toLowerCase();
  const tags = parseTags(form.tags);

  if (title === '') errors.title = 'Give the article a title.';
  checkLength(errors, 'title', title, LIMITS.title, 'The title');
  if (!SLUG_PATTERN.test(slug)) {
    errors.slug = 'Use only lowercase letters a–z, digits and single hyphens.';
  }
  checkLength(errors, 'slug', slug, LIMITS.slug, 'The slug');
  checkLength(errors, 'summary', summary, LIMITS.summary, 'The summary');
  if (tags.length > LIMITS.tags) errors.tags = `At most ${LIMITS.tags} tags.`;
  if (tags.some((tag) => [...tag.name].length > LIMITS.tag))
    errors.tags = `Each tag at most ${LIMITS.tag} characters.`;
  if (!(LOCALES as readonly string[]).includes(form.locale)) errors.locale = 'Choose Swedish or English.';
  if (!isValidTimeZone(form.timeZone)) errors.timeZone = 'Choose a time zone such as Europe/Stockholm.';
  const translation = form.translation?.trim().toLowerCase();
  if (translation && (!SLUG_PATTERN.test(translation) || [...translation].length > LIMITS.slug)) {
    errors.translation = 'Give the slug of the article in the other language, e.g. it-attack-english.';
  }
  for (const [field, value] of Object.entries({ title, summary, tags: form.tags })) {
    if (hasControlCharacters(value)) errors[field] = 'Remove the invisible control characters.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title,
      slug,
      summary,
      tags,
      locale: form.locale as Locale,
      timeZone: form.timeZone,
      live: form.live === 'on' || form.live === 'true' || form.live === '1',
      translationSlug: translation === undefined ? undefined : translation || null,
    },
  };
}
