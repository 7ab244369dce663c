import type { Article, Block, Locale, Person, Update } from '../domain/types.js';
import { correctionsFor, type CorrectionView } from './corrections.js';
import { dayKey, formatDateHeading, formatDateTime, formatTime } from './dates.js';
import { messages, type Messages } from './i18n.js';
import { renderInlineMarkdown, renderMarkdown, unsafePositiveControl } from './markdown.js';
import { renderView } from './templates.js';

/** One exchange of an interview, ready for the Q&A markup in `partials/update-blocks.ejs`. */
export interface QaView {
  questionHtml: string;
  answerHtml: string;
  /** Set on the first answer of a run and whenever the speaker changes. */
  speakerLabel: string | null;
  asker: string | null;
}

/** What an update's body is made of: consecutive Q&A blocks form one interview. */
export type SegmentView =
  | { kind: 'text'; html: string }
  | { kind: 'quote'; paragraphs: string[]; source: string | null }
  | { kind: 'interview'; exchanges: QaView[] };

export interface UpdateView {
  id: number;
  anchor: string;
  /** The local day (YYYY-MM-DD) it is grouped under, and that day's heading. */
  day: string;
  permalink: string;
  datedAt: string;
  dateLabel: string;
  timeLabel: string | null;
  headline: string | null;
  byline: string | null;
  editedLabel: string | null;
  draft: boolean;
  pinned: boolean;
  keyEvent: boolean;
  /** The blocks as HTML (partials/update-blocks). */
  blocksHtml: string;
  /** Public corrections, oldest first ("Rättelse kl. 14.30" + note); empty for drafts. */
  corrections: CorrectionView[];
}

/** A day's updates under its heading, each shaped for the page (`T`). */
export interface DayGroup<T> {
  key: string;
  heading: string;
  updates: T[];
}

/** "Karin Berg, operativ chef, Nordhall IT" */
export function personLabel(person: Person): string {
  return [person.name, person.title, person.organisation].filter((part) => part !== '').join(', ');
}

function answerHtml(answer: string, locale: Locale): string {
  // Swedish news style opens spoken words with an en dash; the stored answer has none.
  return renderMarkdown(locale === 'sv' ? `– ${answer}` : answer);
}

/** Turns blocks into segments, grouping runs of Q&A into interviews. */
export function segmentBlocks(blocks: Block[], locale: Locale): SegmentView[] {
  const segments: SegmentView[] = [];
  let lastSpeakerId: number | null | undefined;
  for (const block of blocks) {
    if (block.type === 'qa') {
      const previous = segments.at(-1);
      const run = previous?.kind === 'interview' ? previous : { kind: 'interview' as const, exchanges: [] };
      if (run !== previous) {
        segments.push(run);
        lastSpeakerId = undefined;
      }
      const speakerId = block.speaker?.id ?? null;
      run.exchanges.push({
        questionHtml: renderInlineMarkdown(block.question),
        answerHtml: answerHtml(block.answer, locale),
        speakerLabel: block.speaker && speakerId !== lastSpeakerId ? personLabel(block.speaker) : null,
        asker: block.asker,
      });
      lastSpeakerId = speakerId;
    } else if (block.type === 'text') {
      segments.push({ kind: 'text', html: renderMarkdown(block.markdown) });
    } else {
      const source = block.source ?? (block.speaker ? personLabel(block.speaker) : null);
      segments.push({ kind: 'quote', paragraphs: block.text.split(/\n\s*\n/), source });
    }
  }
  return segments;
}

// The HTML of an update's blocks, kept per list of blocks and language. An article page's lists are kept
// and frozen while the update's blocks and speakers are unchanged (src/db/kept-blocks.ts), so an edit of an
// update's headline, time, flags or corrections renders its header and footer again, not its blocks. Only
// frozen lists are kept (nobody can change them after rendering); nothing while the test-only Markdown
// control is on.
const keptBlocksHtml = new WeakMap<readonly Block[], { locale: Locale; html: string }>();

/** An update's blocks as `partials/update-blocks` renders them. */
export function blocksHtml(blocks: Block[], locale: Locale): string {
  const kept = keptBlocksHtml.get(blocks);
  if (kept?.locale === locale) return kept.html;
  const html = renderView('partials/update-blocks', {
    segments: segmentBlocks(blocks, locale),
    t: messages(locale),
  });
  if (Object.isFrozen(blocks) && !unsafePositiveControl()) keptBlocksHtml.set(blocks, { locale, html });
  return html;
}

/** An update's date heading and, with minute precision, its time (`now`: does the date need a year?). */
function dateLabels(
  { locale, timeZone }: Pick<Article, 'locale' | 'timeZone'>,
  update: Pick<Update, 'datedAt' | 'precision'>,
  now: string,
): { dateLabel: string; timeLabel: string | null } {
  return {
    dateLabel: formatDateHeading(update.datedAt, locale, timeZone, now),
    timeLabel: update.precision === 'minute' ? formatTime(update.datedAt, locale, timeZone) : null,
  };
}

/** Shapes one update for the page. `now` decides whether headings need a year. */
export function updateView(article: Article, update: Update, now: string): UpdateView {
  const { locale, timeZone } = article;
  const t: Messages = messages(locale);
  const edited = update.lastEditedAt !== null && update.firstPublishedAt !== null;
  return {
    id: update.id,
    anchor: `update-${update.id}`,
    day: dayKey(update.datedAt, timeZone),
    permalink: `/articles/${article.slug}/updates/${update.id}`,
    datedAt: update.datedAt,
    ...dateLabels(article, update, now),
    headline: update.headline,
    byline: update.authorName,
    editedLabel: edited ? `${t.updated} ${formatTime(update.lastEditedAt ?? '', locale, timeZone)}` : null,
    draft: update.status !== 'published',
    pinned: update.pinned,
    keyEvent: update.keyEvent,
    blocksHtml: blocksHtml(update.blocks, locale),
    corrections: correctionsFor(article, update),
  };
}

/**
 * Groups updates (already in display order) under date headings in the article's zone, each shaped by
 * `show` (the article page shows kept HTML; feeds and tests the view).
 */
export function dayGroups<T>(
  article: Article,
  updates: Update[],
  now: string,
  show: (update: Update) => T,
): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const update of updates) {
    const key = dayKey(update.datedAt, article.timeZone);
    const last = groups.at(-1);
    if (last?.key === key) last.updates.push(show(update));
    else {
      const heading = formatDateHeading(update.datedAt, article.locale, article.timeZone, now);
      groups.push({ key, heading, updates: [show(update)] });
    }
  }
  return groups;
}

/** "8 december 2026 kl. 15.04" for datelines in lists. */
export function formatStamp(iso: string, article: Pick<Article, 'locale' | 'timeZone'>): string {
  return formatDateTime(iso, article.locale, article.timeZone);
}

/** The article's byline: the distinct authors of the updates shown, in order of appearance. */
export function articleByline(updates: Pick<Update, 'authorName'>[]): string[] {
  return [...new Set(updates.map((u) => u.authorName).filter((name): name is string => name !== null))];
}

/** The key-events box entries: label and anchor, in the editors' order. Needs no blocks. */
export function keyEventLinks(
  article: Article,
  updates: Pick<Update, 'id' | 'keyEvent' | 'headline' | 'datedAt' | 'precision'>[],
  now: string,
  /** Where the update is read, for long stories whose key events are on other pages (default: `#update-N`). */
  hrefFor: (updateId: number) => string = (updateId) => `#update-${updateId}`,
) {
  return updates
    .filter((u) => u.keyEvent)
    .map((u) => {
      const { dateLabel, timeLabel } = dateLabels(article, u, now);
      return {
        anchor: `update-${u.id}`,
        href: hrefFor(u.id),
        label: u.headline ?? dateLabel,
        when: timeLabel ?? dateLabel,
      };
    });
}
