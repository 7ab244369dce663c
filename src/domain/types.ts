// Domain types shared by every layer. Times are UTC ISO-8601 strings.

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const UPDATE_STATUSES = ['draft', 'published'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

export const PRECISIONS = ['day', 'minute'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const ROLES = ['journalist', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Article {
  id: number;
  slug: string;
  title: string;
  summary: string;
  status: ArticleStatus;
  live: boolean;
  locale: Locale;
  timeZone: string;
  tags: string[];
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  coverageStartedAt: string | null;
  coverageEndedAt: string | null;
  /** A journalist's update on this live article is published directly instead of waiting for an editor. */
  journalistsPublish: boolean;
  /** The same story in the other language (both articles point at each other), or null. */
  translationId: number | null;
  version: number;
}

export interface Person {
  id: number;
  name: string;
  title: string;
  organisation: string;
}

/** A block as stored: `speaker` is resolved from the people register when the block names one. */
export type Block =
  | { id: number; position: number; type: 'text'; markdown: string }
  | {
      id: number;
      position: number;
      type: 'qa';
      question: string;
      answer: string;
      speaker: Person | null;
      asker: string | null;
    }
  | {
      id: number;
      position: number;
      type: 'quote';
      text: string;
      source: string | null;
      speaker: Person | null;
    };

/** A block as written by a form, the API or an import: speakers are named, not yet resolved to ids. */
export type BlockInput =
  | { type: 'text'; markdown: string }
  | { type: 'qa'; question: string; answer: string; speaker: string | null; asker: string | null }
  | { type: 'quote'; text: string; source: string | null };

export interface Update {
  id: number;
  articleId: number;
  datedAt: string;
  precision: Precision;
  headline: string | null;
  authorId: number | null;
  authorName: string | null;
  status: UpdateStatus;
  pinned: boolean;
  keyEvent: boolean;
  position: number;
  firstPublishedAt: string | null;
  lastEditedAt: string | null;
  createdAt: string;
  version: number;
  blocks: Block[];
  /** Public corrections of the update, oldest first (revisions of kind `correction`); absent in snapshots. */
  corrections?: Correction[];
}

/** A correction readers see on a published update: its public note and when it was made. */
export interface Correction {
  revisionId: number;
  note: string;
  at: string;
}

export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  /** The language of the desk for this account. */
  locale: Locale;
}

/** Who is doing something, for authorisation and the audit log. */
export interface Actor {
  userId: number | null;
  label: string;
  role: Role | null;
  ip: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}
