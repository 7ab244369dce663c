// What the clients sent and what became of it. A write is `acked` only when the server answered it with
// success: that is the promise the verifier holds the database to. A write that was sent but never
// answered (the server died under it) is `unknown`: it may or may not be stored, and it may explain a
// difference. A refused connection never reached the server (`not-sent`); a 4xx was `rejected`.

/** The part of an update a client writes: a headline and Q&A blocks, compared exactly. */
export interface UpdateContent {
  headline: string;
  blocks: { question: string; answer: string; speaker: string }[];
}

export type Outcome = 'pending' | 'acked' | 'rejected' | 'unknown' | 'not-sent';

interface WriteBase {
  seq: number;
  client: number;
  articleId: number;
  outcome: Outcome;
  /** The HTTP status of the answer, when there was one. */
  status?: number;
}

/** A new update (`updateId` from the answer) or an edit of one; `version` is the answer's update version. */
export interface UpdateWrite extends WriteBase {
  kind: 'create' | 'edit';
  updateId: number | null;
  content: UpdateContent;
  version: number | null;
}

/** A new editorial order; `version` is the answer's article version. */
export interface OrderWrite extends WriteBase {
  kind: 'order';
  order: number[];
  version: number | null;
}

export type Write = UpdateWrite | OrderWrite;

/** Canonical text of update content, for exact comparison. */
export function contentKey(content: UpdateContent): string {
  return JSON.stringify([content.headline, content.blocks.map((b) => [b.question, b.answer, b.speaker])]);
}

export class Ledger {
  readonly writes: Write[] = [];
  private seq = 0;

  /** Records a new update or an edit about to be sent. */
  beginUpdate(write: Omit<UpdateWrite, 'seq' | 'outcome'>): UpdateWrite {
    const record: UpdateWrite = { ...write, seq: ++this.seq, outcome: 'pending' };
    this.writes.push(record);
    return record;
  }

  /** Records a new order about to be sent. */
  beginOrder(write: Omit<OrderWrite, 'seq' | 'outcome'>): OrderWrite {
    const record: OrderWrite = { ...write, seq: ++this.seq, outcome: 'pending' };
    this.writes.push(record);
    return record;
  }

  /** Writes the verifier may find stored: acknowledged ones, and those sent but not answered (yet). */
  static possible(write: Write): boolean {
    return write.outcome === 'acked' || write.outcome === 'unknown' || write.outcome === 'pending';
  }

  /** Counts by outcome and by kind of the acknowledged writes. */
  stats() {
    const count = (test: (w: Write) => boolean) => this.writes.filter(test).length;
    return {
      sent: count((w) => w.outcome !== 'not-sent'),
      acked: count((w) => w.outcome === 'acked'),
      ackedCreates: count((w) => w.outcome === 'acked' && w.kind === 'create'),
      ackedEdits: count((w) => w.outcome === 'acked' && w.kind === 'edit'),
      ackedOrders: count((w) => w.outcome === 'acked' && w.kind === 'order'),
      rejected: count((w) => w.outcome === 'rejected'),
      unknown: count((w) => w.outcome === 'unknown'),
      notSent: count((w) => w.outcome === 'not-sent'),
      serverErrors: count((w) => (w.status ?? 0) >= 500),
    };
  }
}
