// Concurrent writers: each loops over posting an update with Q&A blocks (published at once), editing the
// Q&A text of a known update with the version it last saw, and putting a new editorial order; every
// write goes into the ledger with its fate. While the server is down they wait for it to come back.
import { call, type Reply } from './api.js';
import { contentKey, Ledger, type Outcome, type UpdateContent } from './ledger.js';
import { seededRandom, sleep, type Random } from './random.js';
import type { ServerProcess } from './server.js';

export interface Shared {
  server: ServerProcess;
  token: string;
  ledger: Ledger;
  articleIds: number[];
  /** Updates the clients know of, with the newest version seen (edits start from it). */
  known: Map<number, { articleId: number; version: number }>;
  stopping: boolean;
  /** Answers that contradict what was sent (the server changed the text): reported as violations. */
  anomalies: string[];
}

const SPEAKERS = ['Karin Berg', 'Ola Nilsson', 'Åsa Öberg', 'Li Wei'];

interface UpdateJson {
  id: number;
  version: number;
  headline: string | null;
  blocks: { type: string; question?: string; answer?: string; speaker?: string | null }[];
}

function outcomeOf(reply: Reply): Outcome {
  if (reply.kind === 'not-sent') return 'not-sent';
  if (reply.kind === 'lost' || reply.status >= 500) return 'unknown';
  return reply.status < 300 ? 'acked' : 'rejected';
}

function echoed(body: UpdateJson): UpdateContent {
  return {
    headline: body.headline ?? '',
    blocks: body.blocks.map((b) => ({
      question: b.question ?? '',
      answer: b.answer ?? '',
      speaker: b.speaker ?? '',
    })),
  };
}

class Client {
  private n = 0;

  constructor(
    private readonly id: number,
    private readonly shared: Shared,
    private readonly random: Random,
  ) {}

  /** Fresh, unique Q&A content (non-ASCII on purpose: it must come back byte for byte). */
  private content(): UpdateContent {
    const tag = `c${this.id}.${++this.n}`;
    const blocks = Array.from({ length: this.random.int(1, 2) }, (_, i) => ({
      question: `Fråga ${tag}.${i}: vad hände i natt?`,
      answer: `Svar ${tag}.${i} – ”det är under kontroll” 🚨 ${'x'.repeat(this.random.int(1, 400))}`,
      speaker: this.random.pick(SPEAKERS),
    }));
    return { headline: `Uppdatering ${tag}`, blocks };
  }

  private async send(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown) {
    const baseUrl = await this.shared.server.whenUp();
    return call(baseUrl, this.shared.token, method, path, body);
  }

  private checkEcho(seq: number, sent: UpdateContent, body: UpdateJson): void {
    if (contentKey(echoed(body)) !== contentKey(sent))
      this.shared.anomalies.push(`write #${seq}: the answer's content differs from what was sent`);
  }

  async post(articleId: number): Promise<Outcome> {
    const content = this.content();
    const hh = String(this.random.int(0, 23)).padStart(2, '0');
    const mm = String(this.random.int(0, 59)).padStart(2, '0');
    const write = this.shared.ledger.beginUpdate({
      kind: 'create',
      client: this.id,
      articleId,
      updateId: null,
      content,
      version: null,
    });
    const reply = await this.send('POST', `/articles/${articleId}/updates`, {
      datedAt: `2026-12-08T${hh}:${mm}:00Z`,
      headline: content.headline,
      publish: true,
      blocks: content.blocks.map((block) => ({ type: 'qa', ...block })),
    });
    write.outcome = outcomeOf(reply);
    if (reply.kind !== 'answer') return write.outcome;
    write.status = reply.status;
    if (write.outcome === 'acked') {
      const body = reply.body as UpdateJson;
      write.updateId = body.id;
      write.version = body.version;
      this.checkEcho(write.seq, content, body);
      this.shared.known.set(body.id, { articleId, version: body.version });
    }
    return write.outcome;
  }

  async edit(articleId: number): Promise<Outcome> {
    const candidates = [...this.shared.known].filter(([, info]) => info.articleId === articleId);
    if (candidates.length === 0) return this.post(articleId);
    const [updateId, { version }] = this.random.pick(candidates);
    const content = this.content();
    const write = this.shared.ledger.beginUpdate({
      kind: 'edit',
      client: this.id,
      articleId,
      updateId,
      content,
      version: null,
    });
    const reply = await this.send('PATCH', `/updates/${updateId}`, {
      version,
      headline: content.headline,
      blocks: content.blocks.map((block) => ({ type: 'qa', ...block })),
    });
    write.outcome = outcomeOf(reply);
    if (reply.kind !== 'answer') return write.outcome;
    write.status = reply.status;
    if (write.outcome === 'acked') {
      const body = reply.body as UpdateJson;
      write.version = body.version;
      this.checkEcho(write.seq, content, body);
      this.shared.known.set(updateId, { articleId, version: body.version });
    } else if (reply.status === 409) {
      const current = (reply.body as { error?: { current?: { version?: number } } }).error?.current;
      if (typeof current?.version === 'number')
        this.shared.known.set(updateId, { articleId, version: current.version });
    } else if (reply.status === 404) {
      this.shared.known.delete(updateId);
    }
    return write.outcome;
  }

  async reorder(articleId: number): Promise<Outcome | null> {
    const read = await this.send('GET', `/articles/${articleId}`);
    if (read.kind !== 'answer' || read.status !== 200) return null;
    const updates = (read.body as { updates: { id: number; version: number }[] }).updates;
    for (const u of updates) this.shared.known.set(u.id, { articleId, version: u.version });
    if (updates.length < 2) return null;
    // Move one update to another place: always a different order from the one just read.
    const order = updates.map((u) => u.id);
    const from = this.random.int(0, order.length - 1);
    let to = this.random.int(0, order.length - 2);
    if (to >= from) to += 1;
    const [moved] = order.splice(from, 1);
    if (moved === undefined) return null;
    order.splice(to, 0, moved);
    const write = this.shared.ledger.beginOrder({
      kind: 'order',
      client: this.id,
      articleId,
      order,
      version: null,
    });
    const reply = await this.send('PUT', `/articles/${articleId}/order`, { updateIds: order });
    write.outcome = outcomeOf(reply);
    if (reply.kind !== 'answer') return write.outcome;
    write.status = reply.status;
    if (write.outcome === 'acked') write.version = (reply.body as { version: number }).version;
    return write.outcome;
  }

  async run(): Promise<void> {
    while (!this.shared.stopping) {
      // Wait while the server is down, so a write is recorded only when it can be sent.
      await this.shared.server.whenUp();
      const articleId = this.random.pick(this.shared.articleIds);
      const roll = this.random.next();
      const outcome =
        roll < 0.45
          ? await this.post(articleId)
          : roll < 0.85
            ? await this.edit(articleId)
            : await this.reorder(articleId);
      // The server went down between whenUp() and the request: wait for it instead of spinning.
      if (outcome === 'not-sent' || outcome === 'unknown') await sleep(5);
    }
  }
}

/** Starts `count` clients; resolves when all have stopped (set `shared.stopping`). */
export function runClients(count: number, shared: Shared, seed: number): Promise<void[]> {
  return Promise.all(
    Array.from({ length: count }, (_, id) => new Client(id, shared, seededRandom(seed + id + 1)).run()),
  );
}
