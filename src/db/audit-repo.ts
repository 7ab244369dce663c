import type { Actor } from '../domain/types.js';
import type { Db } from './open-db.js';

export interface AuditInput {
  actor: Actor;
  action: string;
  targetType: string | null;
  targetId: string | number | null;
  outcome: 'ok' | 'denied' | 'failed';
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
  ip: string | null;
  outcome: string;
}

/** Appends to the audit log (the table's triggers refuse UPDATE and DELETE). */
export function createAuditRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_id, actor_label, action, target_type, target_id, ip, outcome, detail)
     VALUES (@at, @actorId, @actorLabel, @action, @targetType, @targetId, @ip, @outcome, @detail)`,
  );
  const recent = db.prepare<[number], AuditEntry>(
    `SELECT id, at, actor_id AS actorId, actor_label AS actorLabel, action, target_type AS targetType,
       target_id AS targetId, ip, outcome FROM audit_log ORDER BY id DESC LIMIT ?`,
  );
  return {
    insert: (entry: AuditInput): void => {
      insert.run({
        at: entry.at,
        actorId: entry.actor.userId,
        actorLabel: entry.actor.label,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId === null ? null : String(entry.targetId),
        ip: entry.actor.ip,
        outcome: entry.outcome,
        detail: JSON.stringify(entry.detail ?? {}),
      });
    },
    recent: (limit: number): AuditEntry[] => recent.all(limit),
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
