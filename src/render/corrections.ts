// Corrections as readers see them: on the update ("Rättelse kl. 14.30: …" / "Correction 14:30: …"), in
// the article's corrections list and in the JSON-LD (`correction` on the BlogPosting). Pure functions over
// the `corrections` the updates repository attaches to each update (revisions of kind `correction`).
//
// Feeds can call `correctionsFor(article, update)` for an entry, or read `UpdateView.corrections`.
// Only published updates show corrections: a draft has no readers to correct anything for.
import type { Article, Update } from '../domain/types.js';
import { dayKey, formatDateHeading, formatDateTime, formatTime } from './dates.js';
import { messages } from './i18n.js';

/** One correction of an update, ready to show. */
export interface CorrectionView {
  /** "Rättelse kl. 14.30" / "Correction 14:30"; with the date when it differs from the update's day. */
  label: string;
  /** The public note, as the editor wrote it (plain text: escape it when rendering). */
  note: string;
  /** When the correction was made (UTC ISO), for `<time>` and `datePublished`. */
  at: string;
}

/** An entry of the article's corrections list: the correction and the update it belongs to. */
export interface ArticleCorrectionView extends CorrectionView {
  updateId: number;
  /** The corrected update's own page. */
  permalink: string;
  /** The update's headline, else its date (and time). */
  updateLabel: string;
}

/** The update's public corrections, oldest first (none for a draft update). */
export function correctionsFor(
  article: Pick<Article, 'locale' | 'timeZone'>,
  update: Pick<Update, 'datedAt' | 'status' | 'corrections'>,
): CorrectionView[] {
  if (update.status !== 'published') return [];
  const { locale, timeZone } = article;
  const t = messages(locale);
  return (update.corrections ?? []).map((correction) => {
    const time = formatTime(correction.at, locale, timeZone);
    const sameDay = dayKey(correction.at, timeZone) === dayKey(update.datedAt, timeZone);
    const when = sameDay
      ? time
      : `${formatDateHeading(correction.at, locale, timeZone, correction.at)} ${time}`;
    return { label: t.correctionAt(when), note: correction.note, at: correction.at };
  });
}

/** Every public correction of the article's published updates, in the order they were made. */
export function articleCorrections(
  article: Article,
  updates: Pick<Update, 'id' | 'datedAt' | 'precision' | 'headline' | 'status' | 'corrections'>[],
): ArticleCorrectionView[] {
  const t = messages(article.locale);
  return updates
    .flatMap((update) => {
      const date = formatDateHeading(update.datedAt, article.locale, article.timeZone);
      const time =
        update.precision === 'minute' ? formatTime(update.datedAt, article.locale, article.timeZone) : '';
      return correctionsFor(article, update).map((correction) => ({
        ...correction,
        label: t.correctionAt(formatDateTime(correction.at, article.locale, article.timeZone)),
        updateId: update.id,
        permalink: `/articles/${article.slug}/updates/${update.id}`,
        updateLabel: update.headline ?? [date, time].filter((s) => s !== '').join(' '),
      }));
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** schema.org `CorrectionComment` nodes for the update's corrections (empty for a draft). */
export function correctionComments(
  article: Pick<Article, 'locale' | 'timeZone'>,
  update: Pick<Update, 'datedAt' | 'status' | 'corrections'>,
): { '@type': 'CorrectionComment'; text: string; datePublished: string }[] {
  return correctionsFor(article, update).map((correction) => ({
    '@type': 'CorrectionComment',
    text: correction.note,
    datePublished: correction.at,
  }));
}
