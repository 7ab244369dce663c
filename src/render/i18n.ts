import type { Locale } from '../domain/types.js';

// Reader-facing strings, one catalogue per locale. The desk is in English for now.
const sv = {
  siteName: 'Dateline',
  siteTagline: 'Nyheter som uppdateras medan de händer',
  live: 'LIVE',
  liveLabel: 'Direktrapportering pågår',
  updatesHeading: 'Uppdateringar',
  newestFirst: 'Nyast först',
  oldestFirst: 'Äldst först',
  permalink: 'Länk till uppdateringen',
  updated: 'Uppdaterad',
  by: 'Av',
  draft: 'Utkast',
  draftArticle: 'Utkast – syns inte för läsare',
  draftUpdate: 'Opublicerad uppdatering',
  interview: 'Intervju',
  question: 'Fråga',
  answer: 'Svar',
  source: 'Källa',
  backToArticle: 'Tillbaka till artikeln',
  frontPage: 'Förstasidan',
  noArticles: 'Inga publicerade artiklar ännu.',
  newer: 'Nyare',
  older: 'Äldre',
  pageOf: (page: number, pages: number) => `Sida ${page} av ${pages}`,
  updateCount: (n: number) => (n === 1 ? '1 uppdatering' : `${n} uppdateringar`),
  lastActivity: 'Senast uppdaterad',
  noUpdates: 'Inga uppdateringar ännu.',
  skipToContent: 'Hoppa till innehållet',
  mainNav: 'Huvudmeny',
  tags: 'Ämnen',
};

const en: typeof sv = {
  siteName: 'Dateline',
  siteTagline: 'News that updates as it happens',
  live: 'LIVE',
  liveLabel: 'Live coverage in progress',
  updatesHeading: 'Updates',
  newestFirst: 'Newest first',
  oldestFirst: 'Oldest first',
  permalink: 'Link to this update',
  updated: 'Updated',
  by: 'By',
  draft: 'Draft',
  draftArticle: 'Draft – not visible to readers',
  draftUpdate: 'Unpublished update',
  interview: 'Interview',
  question: 'Question',
  answer: 'Answer',
  source: 'Source',
  backToArticle: 'Back to the article',
  frontPage: 'Front page',
  noArticles: 'No published articles yet.',
  newer: 'Newer',
  older: 'Older',
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  updateCount: (n: number) => (n === 1 ? '1 update' : `${n} updates`),
  lastActivity: 'Last updated',
  noUpdates: 'No updates yet.',
  skipToContent: 'Skip to content',
  mainNav: 'Main menu',
  tags: 'Topics',
};

export type Messages = typeof sv;

const catalogues: Record<Locale, Messages> = { sv, en };

/** The reader-facing strings of a locale. */
export function messages(locale: Locale): Messages {
  return catalogues[locale];
}
