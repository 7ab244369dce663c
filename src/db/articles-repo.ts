import type { Article, ArticleStatus, Locale } from '../domain/types.js';
import type { Db } from './open-db.js';

interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  status: ArticleStatus;
  live: number;
  locale: Locale;
  time_zone: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  coverage_started_at: string | null;
  coverage_ended_at: string | null;
  journalists_publish: number;
  translation_id: number | null;
  version: number;
  tags: string | null;
}

/** A published article with what the front page shows about it. */
export interface ArticleListing extends Article {
  lastActivityAt: string;
  updateCount: number;
}

/** The fields of an article that its form edits. */
export interface ArticleFields {
  slug: string;
  title: string;
  summary: string;
  live: boolean;
  locale: Locale;
  timeZone: string;
}

const COLUMNS = `a.id, a.slug, a.title, a.summary, a.status, a.live, a.locale, a.time_zone, a.created_by,
  a.created_at, a.updated_at, a.published_at, a.coverage_started_at, a.coverage_ended_at, a.journalists_publish,
  a.translation_id, a.version,
  (SELECT json_group_array(t.name) FROM (SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
     WHERE at.article_id = a.id ORDER BY at.position) t) AS tags`;

const PUBLIC_ACTIVITY = `COALESCE((SELECT MAX(COALESCE(u.last_edited_at, u.first_published_at)) FROM updates u
  WHERE u.article_id = a.id AND u.status = 'published' AND u.deleted_at IS NULL), a.published_at, a.updated_at)`;

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    status: row.status,
    live: row.live === 1,
    locale: row.locale,
    timeZone: row.time_zone,
    tags: row.tags ? (JSON.parse(row.tags) as string[]) : [],
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    coverageStartedAt: row.coverage_started_at,
    coverageEndedAt: row.coverage_ended_at,
    journalistsPublish: row.journalists_publish === 1,
    translationId: row.translation_id,
    version: row.version,
  };
}

/** Reads and writes articles and their tags. */
export function createArticlesRepo(db: Db) {
  const byId = db.prepare<[number], ArticleRow>(`SELECT ${COLUMNS} FROM articles a WHERE a.id = ?`);
  const bySlug = db.prepare<[string], ArticleRow>(`SELECT ${COLUMNS} FROM articles a WHERE a.slug = ?`);
  const slugTaken = db.prepare<[string, number], { id: number }>(
    'SELECT id FROM articles WHERE slug = ? AND id != ?',
  );
  const published = db.prepare<
    [number, number],
    ArticleRow & { last_activity_at: string; update_count: number }
  >(
    `SELECT ${COLUMNS}, ${PUBLIC_ACTIVITY} AS last_activity_at,
       (SELECT count(*) FROM updates u WHERE u.article_id = a.id AND u.status = 'published'
          AND u.deleted_at IS NULL) AS update_count
     FROM articles a WHERE a.status = 'published'
     ORDER BY a.live DESC, last_activity_at DESC, a.id DESC LIMIT ? OFFSET ?`,
  );
  const countPublished = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM articles WHERE status = 'published'",
  );
  const WITH_TAG = 'EXISTS (SELECT 1 FROM article_tags x WHERE x.article_id = a.id AND x.tag_id = ?)';
  const publishedWithTag = db.prepare<
    [number, number, number],
    ArticleRow & { last_activity_at: string; update_count: number }
  >(
    `SELECT ${COLUMNS}, ${PUBLIC_ACTIVITY} AS last_activity_at,
       (SELECT count(*) FROM updates u WHERE u.article_id = a.id AND u.status = 'published'
          AND u.deleted_at IS NULL) AS update_count
     FROM articles a WHERE a.status = 'published' AND ${WITH_TAG}
     ORDER BY a.live DESC, last_activity_at DESC, a.id DESC LIMIT ? OFFSET ?`,
  );
  const countPublishedWithTag = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM articles a WHERE a.status = 'published' AND ${WITH_TAG}`,
  );
  const all = db.prepare<[], ArticleRow>(
    `SELECT ${COLUMNS} FROM articles a ORDER BY a.updated_at DESC, a.id DESC`,
  );
  const insert = db.prepare(
    `INSERT INTO articles (slug, title, summary, status, live, locale, time_zone, created_by, created_at,
       updated_at, coverage_started_at)
     VALUES (@slug, @title, @summary, 'draft', @live, @locale, @timeZone, @createdBy, @now, @now, @coverageStart)`,
  );
  const updateFields = db.prepare(
    `UPDATE articles SET slug = @slug, title = @title, summary = @summary, live = @live, locale = @locale,
       time_zone = @timeZone, updated_at = @now, version = version + 1,
       coverage_started_at = CASE WHEN @live = 1 THEN COALESCE(coverage_started_at, @now) ELSE coverage_started_at END,
       coverage_ended_at = CASE WHEN @live = 1 THEN NULL
         WHEN live = 1 THEN @now ELSE coverage_ended_at END
     WHERE id = @id AND version = @version`,
  );
  const setStatus = db.prepare(
    `UPDATE articles SET status = @status, updated_at = @now, version = version + 1,
       published_at = CASE WHEN @status = 'published' THEN COALESCE(published_at, @now) ELSE published_at END
     WHERE id = @id`,
  );
  const setJournalistsPublish = db.prepare(
    'UPDATE articles SET journalists_publish = ?, updated_at = ?, version = version + 1 WHERE id = ?',
  );
  const endCoverage = db.prepare(
    `UPDATE articles SET live = 0, coverage_ended_at = ?, updated_at = ?, version = version + 1
     WHERE id = ? AND live = 1`,
  );
  const touch = db.prepare('UPDATE articles SET updated_at = ?, version = version + 1 WHERE id = ?');
  const setTranslation = db.prepare(
    'UPDATE articles SET translation_id = ?, updated_at = ?, version = version + 1 WHERE id = ?',
  );
  const clearTags = db.prepare('DELETE FROM article_tags WHERE article_id = ?');
  const upsertTag = db.prepare<[string, string], { id: number }>(
    'INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id',
  );
  const linkTag = db.prepare(
    'INSERT OR IGNORE INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)',
  );

  const isMember = db.prepare<[number, number], { one: number }>(
    'SELECT 1 AS one FROM article_members WHERE article_id = ? AND user_id = ?',
  );
  const members = db.prepare<[number], { user_id: number }>(
    'SELECT user_id FROM article_members WHERE article_id = ? ORDER BY user_id',
  );
  const clearMembers = db.prepare('DELETE FROM article_members WHERE article_id = ?');
  const addMember = db.prepare(
    'INSERT OR IGNORE INTO article_members (article_id, user_id, added_at) VALUES (?, ?, ?)',
  );

  return {
    /** True when the user is assigned to the article. */
    isMember: (articleId: number, userId: number): boolean => isMember.get(articleId, userId) !== undefined,
    /** Ids of the users assigned to the article. */
    members: (articleId: number): number[] => members.all(articleId).map((row) => row.user_id),
    setMembers: (articleId: number, userIds: number[], now: string): void => {
      clearMembers.run(articleId);
      for (const userId of userIds) addMember.run(articleId, userId, now);
    },
    findById: (id: number): Article | undefined => {
      const row = byId.get(id);
      return row && toArticle(row);
    },
    findBySlug: (slug: string): Article | undefined => {
      const row = bySlug.get(slug);
      return row && toArticle(row);
    },
    /** True when another article (not `exceptId`) already uses the slug. */
    slugTaken: (slug: string, exceptId = 0): boolean => slugTaken.get(slug, exceptId) !== undefined,
    listPublished: (limit: number, offset: number): ArticleListing[] =>
      published.all(limit, offset).map((row) => ({
        ...toArticle(row),
        lastActivityAt: row.last_activity_at,
        updateCount: row.update_count,
      })),
    countPublished: (): number => countPublished.get()?.n ?? 0,
    /** Published articles with the tag, in the front page's order. */
    listPublishedWithTag: (tagId: number, limit: number, offset: number): ArticleListing[] =>
      publishedWithTag.all(tagId, limit, offset).map((row) => ({
        ...toArticle(row),
        lastActivityAt: row.last_activity_at,
        updateCount: row.update_count,
      })),
    countPublishedWithTag: (tagId: number): number => countPublishedWithTag.get(tagId)?.n ?? 0,
    listAll: (): Article[] => all.all().map(toArticle),
    insert: (fields: ArticleFields, createdBy: number | null, now: string): number =>
      Number(
        insert.run({
          ...fields,
          live: fields.live ? 1 : 0,
          createdBy,
          now,
          coverageStart: fields.live ? now : null,
        }).lastInsertRowid,
      ),
    /** Saves the form fields when `version` is current; false when it is stale. */
    updateFields: (id: number, version: number, fields: ArticleFields, now: string): boolean =>
      updateFields.run({ ...fields, live: fields.live ? 1 : 0, id, version, now }).changes === 1,
    setStatus: (id: number, status: ArticleStatus, now: string): void => {
      setStatus.run({ id, status, now });
    },
    setJournalistsPublish: (id: number, allowed: boolean, now: string): void => {
      setJournalistsPublish.run(allowed ? 1 : 0, now, id);
    },
    /** Ends live coverage: no more LIVE badge, the end time recorded. False when it was not live. */
    endCoverage: (id: number, now: string): boolean => endCoverage.run(now, now, id).changes === 1,
    /** Bumps the version after a change to one of the article's updates. */
    touch: (id: number, now: string): void => {
      touch.run(now, id);
    },
    /** Points the article at its translation (or at none); a new version, like any other change. */
    setTranslation: (id: number, translationId: number | null, now: string): void => {
      setTranslation.run(translationId, now, id);
    },
    setTags: (articleId: number, tags: { slug: string; name: string }[]): void => {
      clearTags.run(articleId);
      tags.forEach((tag, index) => {
        const row = upsertTag.get(tag.slug, tag.name);
        if (row) linkTag.run(articleId, row.id, index);
      });
    },
  };
}

export type ArticlesRepo = ReturnType<typeof createArticlesRepo>;
