import type { Db } from './open-db.js';

/** A tag as readers link to it: `/tags/<slug>`. */
export interface TagLink {
  slug: string;
  name: string;
}

export interface Tag extends TagLink {
  id: number;
}

/** A tag in the desk's list: how many articles carry it, and how many of them readers see. */
export interface TagUsage extends Tag {
  articles: number;
  published: number;
}

/** Reads tags and renames and merges them. (Articles set their own tags: articles-repo setTags.) */
export function createTagsRepo(db: Db) {
  const byId = db.prepare<[number], Tag>('SELECT id, slug, name FROM tags WHERE id = ?');
  const bySlug = db.prepare<[string], Tag>('SELECT id, slug, name FROM tags WHERE slug = ?');
  const usage = db.prepare<[], TagUsage>(
    `SELECT t.id, t.slug, t.name, count(at.article_id) AS articles,
       count(CASE WHEN a.status = 'published' THEN 1 END) AS published
     FROM tags t LEFT JOIN article_tags at ON at.tag_id = t.id LEFT JOIN articles a ON a.id = at.article_id
     GROUP BY t.id ORDER BY t.name COLLATE NOCASE, t.id`,
  );
  const ofArticle = db.prepare<[number], TagLink>(
    `SELECT t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
     WHERE at.article_id = ? ORDER BY at.position`,
  );
  const articleIds = db.prepare<[number], { article_id: number }>(
    'SELECT article_id FROM article_tags WHERE tag_id = ? ORDER BY article_id',
  );
  const rename = db.prepare<[string, string, number]>('UPDATE tags SET name = ?, slug = ? WHERE id = ?');
  const relink = db.prepare<[number, number]>(
    `INSERT OR IGNORE INTO article_tags (article_id, tag_id, position)
     SELECT article_id, ?, position FROM article_tags WHERE tag_id = ?`,
  );
  const remove = db.prepare<[number]>('DELETE FROM tags WHERE id = ?');

  return {
    findById: (id: number): Tag | undefined => byId.get(id),
    findBySlug: (slug: string): Tag | undefined => bySlug.get(slug),
    /** Every tag with its counts, by name. */
    listWithUsage: (): TagUsage[] => usage.all(),
    /** The article's tags in its own order. */
    forArticle: (articleId: number): TagLink[] => ofArticle.all(articleId),
    /** Ids of the articles that carry the tag. */
    articleIds: (tagId: number): number[] => articleIds.all(tagId).map((row) => row.article_id),
    rename: (id: number, name: string, slug: string): void => {
      rename.run(name, slug, id);
    },
    /** Gives every article of `fromId` the tag `intoId` (in the same place), then deletes `fromId`. */
    merge: (fromId: number, intoId: number): void => {
      relink.run(intoId, fromId);
      remove.run(fromId);
    },
  };
}

export type TagsRepo = ReturnType<typeof createTagsRepo>;
