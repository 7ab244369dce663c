import { createHash } from 'node:crypto';
import type { Actor } from '../domain/types.js';
import type { Db } from './open-db.js';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditInput {
  actor: Actor;
  action: string;
  targetType: string | null;
  targetId: string | number | null;
  articleId?: number | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
  at: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  articleId: number | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  outcome: AuditOutcome;
  detail: string;
  prevHash: string | null;
  hash: string | null;
}

export interface AuditFilter {
  actorId?: number;
  action?: string;
  articleId?: number;
  from?: string;
  to?: string;
  beforeId?: number;
}

const SELECT = `SELECT id, at, actor_id AS actorId, actor_label AS actorLabel, action, target_type AS targetType,
  target_id AS targetId, article_id AS articleId, ip, user_agent AS userAgent, request_id AS requestId, outcome,
  detail, prev_hash AS prevHash, hash FROM audit_log`;

/** The chain hash of a row: SHA-256 over the previous hash and every field but the id. */
export function chainHash(entry: Omit<AuditEntry, 'id' | 'hash'>): string {
  const fields = [
    entry.prevHash,
    entry.at,
    entry.actorId,
    entry.actorLabel,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.articleId,
    entry.ip,
    entry.userAgent,
    entry.requestId,
    entry.outcome,
    entry.detail,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Appends to the hash-chained audit log (the table's triggers refuse UPDATE and DELETE). */
export function createAuditRepo(db: Db) {
  const lastHash = db.prepare<[], { hash: string | null }>(
    'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_id, actor_label, action, target_type, target_id, article_id, ip, user_agent,
       request_id, outcome, detail, prev_hash, hash)
     VALUES (@at, @actorId, @actorLabel, @action, @targetType, @targetId, @articleId, @ip, @userAgent, @requestId,
       @outcome, @detail, @prevHash, @hash)`,
  );
  const recent = db.prepare<[number], AuditEntry>(`${SELECT} ORDER BY id DESC LIMIT ?`);
  const filtered = db.prepare<Record<string, string | number | null>, AuditEntry>(
    `${SELECT} WHERE (@actorId IS NULL OR actor_id = @actorId) AND (@action IS NULL OR action = @action)
       AND (@articleId IS NULL OR article_id = @articleId) AND (@from IS NULL OR at >= @from)
       AND (@to IS NULL OR at < @to) AND id < @beforeId ORDER BY id DESC LIMIT @limit`,
  );
  const actions = db.prepare<[], { action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action');
  const all = db.prepare<[], AuditEntry>(`${SELECT} ORDER BY id`);

  // Reading the last hash and inserting must not interleave with another writer: one transaction.
  const append = db.transaction((entry: AuditInput) => {
    const row = {
      at: entry.at,
      actorId: entry.actor.userId,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === null ? null : String(entry.targetId),
      articleId: entry.articleId ?? null,
      ip: entry.actor.ip,
      userAgent: entry.actor.userAgent ?? null,
      requestId: entry.actor.requestId ?? null,
      outcome: entry.outcome,
      detail: JSON.stringify(entry.detail ?? {}),
      prevHash: lastHash.get()?.hash ?? null,
    };
    insert.run({ ...row, hash: chainHash(row) });
  });

  return {
    insert: (entry: AuditInput): void => append.immediate(entry),
    recent: (limit: number): AuditEntry[] => recent.all(limit),
    /** Newest first, filtered; `beforeId` pages backwards. */
    search: (filter: AuditFilter, limit: number): AuditEntry[] =>
      filtered.all({
        actorId: filter.actorId ?? null,
        action: filter.action ?? null,
        articleId: filter.articleId ?? null,
        from: filter.from ?? null,
        to: filter.to ?? null,
        beforeId: filter.beforeId ?? Number.MAX_SAFE_INTEGER,
        limit,
      }),
    actions: (): string[] => actions.all().map((row) => row.action),
    /** Walks the chain from the first row; returns the id of the first row whose hash does not hold. */
    verify: (): { rows: number; firstBrokenId: number | null } => {
      let prev: string | null = null;
      let rows = 0;
      for (const entry of all.iterate()) {
        rows += 1;
        const { id, hash, ...content } = entry;
        if (content.prevHash !== prev || chainHash(content) !== hash) return { rows, firstBrokenId: id };
        prev = hash;
      }
      return { rows, firstBrokenId: null };
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
