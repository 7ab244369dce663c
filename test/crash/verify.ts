// Opens the database read-only and holds it to three promises:
//   (a) SQLite's own checks: integrity_check is ok, foreign_key_check is empty;
//   (b) acknowledged means stored: every write the server answered with success is there with exactly the
//       content it had (its revision at the answered version), and the current text of every update is the
//       newest acknowledged one, or a later write that was sent but never answered (in flight at a kill);
//   (c) all or nothing: every change has its revision, its audit row (detail.afterRevision = revision id,
//       same time and target) and, once readers can see it, its event; every update has its 'create'
//       revision and matches its newest revision; the editorial order matches the newest reorder event.
import Database from 'better-sqlite3';
import { contentKey, Ledger, type UpdateContent, type UpdateWrite, type Write } from './ledger.js';

export interface VerifyReport {
  violations: string[];
  /** Acknowledged writes found stored, unchanged. */
  verified: number;
  /** Acknowledged reorders that changed nothing (the order was already current): no revision to find. */
  noopOrders: number;
  counts: { updates: number; revisions: number; events: number; audits: number };
  ms: number;
}

interface UpdateRow {
  id: number;
  articleId: number;
  version: number;
  headline: string | null;
  status: string;
}
interface BlockRow {
  updateId: number;
  question: string | null;
  answer: string | null;
  speaker: string | null;
}
interface RevisionRow {
  id: number;
  articleId: number;
  updateId: number | null;
  kind: string;
  snapshot: string;
  createdAt: string;
}
interface EventRow {
  id: number;
  articleId: number;
  type: string;
  updateId: number | null;
  payload: string;
  createdAt: string;
}
interface AuditRow {
  id: number;
  at: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  articleId: number | null;
  afterRevision: number;
}
interface Snapshot {
  version: number;
  status?: string;
  headline?: string | null;
  blocks?: { question?: string; answer?: string; speaker?: { name: string } | null }[];
}
interface Revision extends RevisionRow {
  snap: Snapshot;
}

function snapshotContent(snap: Snapshot): UpdateContent {
  return {
    headline: snap.headline ?? '',
    blocks: (snap.blocks ?? []).map((b) => ({
      question: b.question ?? '',
      answer: b.answer ?? '',
      speaker: b.speaker?.name ?? '',
    })),
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function load(dbPath: string) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    // One read transaction: a consistent snapshot even if the server is up.
    db.exec('BEGIN');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    const all = <T>(sql: string) => db.prepare<[], T>(sql).all();
    const data = {
      integrity,
      foreignKeys,
      updates: all<UpdateRow>(
        'SELECT id, article_id AS articleId, version, headline, status FROM updates WHERE deleted_at IS NULL',
      ),
      blocks: all<BlockRow>(
        `SELECT b.update_id AS updateId, b.question, b.answer, p.name AS speaker
         FROM blocks b LEFT JOIN people p ON p.id = b.speaker_id ORDER BY b.update_id, b.position`,
      ),
      order: all<{ id: number; articleId: number }>(
        'SELECT id, article_id AS articleId FROM updates WHERE deleted_at IS NULL ORDER BY article_id, position, id',
      ),
      revisions: all<RevisionRow>(
        `SELECT id, article_id AS articleId, update_id AS updateId, kind, snapshot, created_at AS createdAt
         FROM revisions ORDER BY id`,
      ),
      events: all<EventRow>(
        `SELECT id, article_id AS articleId, type, update_id AS updateId, payload, created_at AS createdAt
         FROM events ORDER BY id`,
      ),
      audits: all<AuditRow>(
        `SELECT id, at, action, target_type AS targetType, target_id AS targetId, article_id AS articleId,
           json_extract(detail, '$.afterRevision') AS afterRevision
         FROM audit_log WHERE json_extract(detail, '$.afterRevision') IS NOT NULL ORDER BY id`,
      ),
    };
    db.exec('COMMIT');
    return data;
  } finally {
    db.close();
  }
}

type Data = ReturnType<typeof load>;

/** The text each update holds in the tables (updates + blocks + people), as a content key. */
function storedContent(data: Data): Map<number, string> {
  const blocksOf = groupBy(data.blocks, (b) => b.updateId);
  return new Map(
    data.updates.map((u) => [
      u.id,
      contentKey({
        headline: u.headline ?? '',
        blocks: (blocksOf.get(u.id) ?? []).map((b) => ({
          question: b.question ?? '',
          answer: b.answer ?? '',
          speaker: b.speaker ?? '',
        })),
      }),
    ]),
  );
}

/** (c) all or nothing, from the database alone. */
function checkJournal(
  data: Data,
  revisions: Revision[],
  stored: Map<number, string>,
  problems: string[],
): void {
  const revisionsOf = groupBy(
    revisions.filter((r) => r.updateId !== null),
    (r) => r.updateId,
  );
  for (const u of data.updates) {
    const revs = revisionsOf.get(u.id) ?? [];
    const creates = revs.filter((r) => r.kind === 'create').length;
    if (creates !== 1) problems.push(`update ${u.id}: ${creates} 'create' revisions instead of 1`);
    const latest = revs.at(-1);
    if (!latest) continue;
    const same =
      latest.snap.version === u.version &&
      latest.snap.status === u.status &&
      contentKey(snapshotContent(latest.snap)) === stored.get(u.id);
    if (!same) {
      problems.push(
        `update ${u.id}: stored v${u.version} differs from its newest revision ${latest.id} (v${latest.snap.version}): a change without its revision`,
      );
    }
  }

  // Every revision has its audit row, and every audit row of a change its revision.
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const auditOf = new Map<number, AuditRow>();
  for (const a of data.audits) {
    if (auditOf.has(a.afterRevision)) problems.push(`revision ${a.afterRevision} has two audit rows`);
    auditOf.set(a.afterRevision, a);
    if (!byId.has(a.afterRevision))
      problems.push(
        `audit row ${a.id} (${a.action}) names revision ${a.afterRevision}, which does not exist`,
      );
  }
  const target = (r: RevisionRow) =>
    r.updateId === null ? ['article', String(r.articleId)] : ['update', String(r.updateId)];
  for (const r of revisions) {
    const a = auditOf.get(r.id);
    const what = `revision ${r.id} (${r.kind} of ${target(r).join(' ')})`;
    if (!a) problems.push(`${what} has no audit row`);
    else if (
      a.at !== r.createdAt ||
      a.articleId !== r.articleId ||
      a.targetType !== target(r)[0] ||
      a.targetId !== target(r)[1]
    )
      problems.push(`${what} and its audit row ${a.id} disagree on time or target`);
  }

  // Every public change has its event (all our changes after an article's publication are public), and
  // every event its revision. They pair up by article, update, time and version.
  const keyOf = (articleId: number, updateId: number | null, at: string, version: unknown) =>
    `${articleId}/${updateId ?? '-'}/${at}/${String(version)}`;
  const events = new Map<string, EventRow & { version: unknown; order: unknown }>();
  for (const e of data.events) {
    const payload = JSON.parse(e.payload) as { version?: number; updateVersion?: number; order?: unknown };
    const version = e.updateId === null ? payload.version : payload.updateVersion;
    const key = keyOf(e.articleId, e.updateId, e.createdAt, version);
    if (events.has(key)) problems.push(`event ${e.id} (${e.type}) repeats the event of another change`);
    events.set(key, { ...e, version, order: payload.order });
  }
  const revisionKeys = new Set(
    revisions.map((r) => keyOf(r.articleId, r.updateId, r.createdAt, r.snap.version)),
  );
  for (const [key, e] of events) {
    if (!revisionKeys.has(key)) problems.push(`event ${e.id} (${e.type}) has no revision`);
  }
  const published = new Map<number, number>();
  for (const r of revisions) {
    if (r.updateId === null && r.kind === 'status' && !published.has(r.articleId))
      published.set(r.articleId, r.id);
  }
  for (const r of revisions) {
    const since = published.get(r.articleId);
    if (since === undefined || r.id < since) continue;
    const e = events.get(keyOf(r.articleId, r.updateId, r.createdAt, r.snap.version));
    const action = auditOf.get(r.id)?.action;
    if (!e) problems.push(`revision ${r.id} (${action ?? r.kind}, public) has no event`);
    else if (action !== undefined && e.type !== action)
      problems.push(`revision ${r.id}: event ${e.id} says ${e.type}, the audit row ${action}`);
  }

  // The editorial order is the one of the newest reorder event (new updates slot in between).
  const lastOrder = new Map<number, number[]>();
  for (const e of events.values()) {
    if (e.type === 'article.reordered' && Array.isArray(e.order))
      lastOrder.set(e.articleId, e.order as number[]);
  }
  const positions = groupBy(data.order, (row) => row.articleId);
  for (const [articleId, order] of lastOrder) {
    const ids = new Set(order);
    const now = (positions.get(articleId) ?? []).map((row) => row.id).filter((id) => ids.has(id));
    if (now.join(',') !== order.filter((id) => now.includes(id)).join(','))
      problems.push(`article ${articleId}: the stored order differs from its newest reorder event`);
  }
}

/** (b) acknowledged writes are stored as acknowledged; the current text is explained by the ledger. */
function checkLedger(
  data: Data,
  revisions: Revision[],
  stored: Map<number, string>,
  writes: readonly Write[],
  problems: string[],
) {
  let verified = 0;
  let noopOrders = 0;
  const updateRevision = new Map<string, Revision>();
  const articleRevision = new Map<string, Revision>();
  for (const r of revisions) {
    if (r.updateId !== null) updateRevision.set(`${r.updateId}/${r.snap.version}`, r);
    else articleRevision.set(`${r.articleId}/${r.snap.version}`, r);
  }
  const articleVersions = new Set<string>();
  const reorderEvents = new Map<string, unknown>();
  for (const e of data.events) {
    const payload = JSON.parse(e.payload) as { version?: number; order?: unknown };
    articleVersions.add(`${e.articleId}/${String(payload.version)}`);
    if (e.type === 'article.reordered')
      reorderEvents.set(`${e.articleId}/${String(payload.version)}`, payload.order);
  }
  const updates = new Map(data.updates.map((u) => [u.id, u]));
  const who = (w: Write) => `acknowledged ${w.kind} #${w.seq} (client ${w.client})`;

  for (const w of writes) {
    if (w.outcome !== 'acked') continue;
    if (w.kind === 'order') {
      const key = `${w.articleId}/${w.version}`;
      const r = articleRevision.get(key);
      if (r?.kind === 'move') {
        const order = reorderEvents.get(key);
        if (JSON.stringify(order) !== JSON.stringify(w.order))
          problems.push(
            `${who(w)} of article ${w.articleId} v${w.version}: its event is missing or has another order`,
          );
        else verified += 1;
      } else if (articleVersions.has(key)) {
        noopOrders += 1;
        verified += 1;
      } else problems.push(`${who(w)} of article ${w.articleId} (v${w.version}) is not in the database`);
      continue;
    }
    const r = updateRevision.get(`${w.updateId}/${w.version}`);
    const what = `${who(w)} of update ${w.updateId} v${w.version}`;
    if (!r || !updates.has(w.updateId ?? 0)) problems.push(`${what} is not in the database`);
    else if (r.kind !== w.kind) problems.push(`${what}: its revision is a '${r.kind}'`);
    else if (contentKey(snapshotContent(r.snap)) !== contentKey(w.content))
      problems.push(`${what} is stored with other content`);
    else verified += 1;
  }

  // Each update's current text: the newest acknowledged write, or a newer one that was in flight.
  const updateWrites = writes.filter((w): w is UpdateWrite => w.kind !== 'order');
  const byUpdate = groupBy(
    updateWrites.filter((w) => w.updateId !== null),
    (w) => w.updateId,
  );
  const unansweredCreates = new Set(
    updateWrites
      .filter((w) => w.kind === 'create' && w.outcome !== 'acked' && Ledger.possible(w))
      .map((w) => contentKey(w.content)),
  );
  const createRevision = new Map(
    revisions.filter((r) => r.kind === 'create' && r.updateId !== null).map((r) => [r.updateId, r]),
  );
  for (const u of data.updates) {
    const text = stored.get(u.id);
    const created = createRevision.get(u.id);
    // What the create wrote: its revision, or (when that is missing, see checkJournal) the text at v1.
    const createdText = created
      ? contentKey(snapshotContent(created.snap))
      : u.version === 1
        ? text
        : undefined;
    const mine = byUpdate.get(u.id) ?? [];
    const ackedCreate = mine.some((w) => w.kind === 'create' && w.outcome === 'acked');
    const createdInFlight = createdText !== undefined && unansweredCreates.has(createdText);
    if (!ackedCreate && !createdInFlight)
      problems.push(`update ${u.id} was created by no acknowledged or in-flight request`);
    let newest: UpdateWrite | undefined;
    for (const w of mine) {
      if (w.outcome === 'acked' && w.version !== null && (newest?.version ?? 0) < w.version) newest = w;
    }
    if (newest && u.version < (newest.version ?? 0)) {
      problems.push(`update ${u.id} is at v${u.version}, but v${newest.version} was acknowledged`);
    } else if (newest && u.version === newest.version) {
      if (text !== contentKey(newest.content))
        problems.push(`update ${u.id} v${u.version} does not hold its acknowledged text`);
    } else {
      // Newer than anything acknowledged: written by a request that was sent but never answered.
      const explained = mine.some(
        (w) => w.outcome !== 'acked' && Ledger.possible(w) && contentKey(w.content) === text,
      );
      if (!explained && !(u.version === 1 && createdInFlight))
        problems.push(`update ${u.id} v${u.version} holds text that no acknowledged or in-flight write sent`);
    }
  }
  return { verified, noopOrders };
}

/** Runs every check over the database file; `writes` is the ledger as it stands now. */
export function verifyDatabase(dbPath: string, writes: readonly Write[]): VerifyReport {
  const started = performance.now();
  const problems: string[] = [];
  const data = load(dbPath);
  if (data.integrity.join() !== 'ok')
    problems.push(`integrity_check: ${data.integrity.slice(0, 5).join('; ')}`);
  if (data.foreignKeys.length > 0)
    problems.push(
      `foreign_key_check: ${data.foreignKeys.length} rows, e.g. ${JSON.stringify(data.foreignKeys[0])}`,
    );
  const revisions: Revision[] = data.revisions.map((r) => ({
    ...r,
    snap: JSON.parse(r.snapshot) as Snapshot,
  }));
  const stored = storedContent(data);
  checkJournal(data, revisions, stored, problems);
  const { verified, noopOrders } = checkLedger(data, revisions, stored, writes, problems);
  return {
    violations: problems,
    verified,
    noopOrders,
    counts: {
      updates: data.updates.length,
      revisions: data.revisions.length,
      events: data.events.length,
      audits: data.audits.length,
    },
    ms: performance.now() - started,
  };
}
