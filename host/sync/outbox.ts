// The client's view of the host's outbox table (docs/TEAM-NOTES.md): pick pending rows oldest
// first into a batch within the protocol limits, and record each row's outcome.
import type Database from 'better-sqlite3';
import { MAX_PUSH_BYTES, MAX_PUSH_ITEMS, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { PushResult } from '../../shared/sync/protocol';

export interface OutboxRow {
  seq: number;
  item_id: string;
  type: string;
  rev: number;
  payload: string;
}

export interface Batch {
  rows: OutboxRow[];
  body: string;
}

export interface OutboxCounts {
  waiting: number;
  conflicts: number;
}

const ENVELOPE = `{"protocol":${PROTOCOL_VERSION},"items":[]}`.length;

/**
 * Reads and updates the host's outbox table. Picking and counting rely on the host migration's
 * index `outbox_status ON outbox(status, seq)`.
 */
export class Outbox {
  private readonly selectPending: Database.Statement;
  private readonly markDone: Database.Statement;
  private readonly markKept: Database.Statement;
  private readonly countOpen: Database.Statement;
  private readonly pruneDone: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.selectPending = db.prepare(
      `SELECT seq, item_id, type, rev, payload FROM outbox
       WHERE status = 'pending' AND seq > ? ORDER BY seq LIMIT ?`,
    );
    // Every pending row in a batch's seq range was in that batch (nextBatch takes pending rows
    // in seq order without gaps), so one range update marks the acknowledged ones done.
    this.markDone = db.prepare(
      `UPDATE outbox SET status = 'done', done_at = ?, attempts = attempts + 1, last_error = NULL
       WHERE seq BETWEEN ? AND ? AND status = 'pending'`,
    );
    this.markKept = db.prepare(
      'UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE seq = ?',
    );
    this.countOpen = db.prepare(
      `SELECT status, count(*) AS n FROM outbox
       WHERE status IN ('pending', 'conflict', 'rejected') GROUP BY status`,
    );
    // Only rows the server acknowledged ('done', with the time it did): a pending, conflicting
    // or rejected row is the only copy of what still has to reach the server, and is kept.
    this.pruneDone = db.prepare(
      `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox
         WHERE status = 'done' AND done_at IS NOT NULL AND done_at < ? ORDER BY seq LIMIT ?)`,
    );
  }

  /**
   * Deletes acknowledged rows acknowledged before `beforeIso`, at most `limit` per call so a
   * sync cycle stays short; returns how many. The records themselves stay in their own tables
   * (contacts, shifts, audit): the outbox row was only the copy on its way to the server.
   */
  pruneAcknowledged(beforeIso: string, limit = 10_000): number {
    return this.pruneDone.run(beforeIso, limit).changes;
  }

  counts(): OutboxCounts {
    const rows = this.countOpen.all() as { status: string; n: number }[];
    let waiting = 0;
    let conflicts = 0;
    for (const r of rows) {
      if (r.status === 'pending') waiting += r.n;
      else conflicts += r.n;
    }
    return { waiting, conflicts };
  }

  /**
   * The next pending rows after `afterSeq`, at most `maxItems` and `maxBytes` of request body.
   * Payloads are stored JSON text and are spliced into the body without re-encoding.
   */
  nextBatch(afterSeq: number, maxItems = MAX_PUSH_ITEMS, maxBytes = MAX_PUSH_BYTES): Batch | null {
    const candidates = this.selectPending.all(afterSeq, maxItems) as OutboxRow[];
    const rows: OutboxRow[] = [];
    const parts: string[] = [];
    let bytes = ENVELOPE;
    for (const row of candidates) {
      const part =
        `{"id":${JSON.stringify(row.item_id)},"type":${JSON.stringify(row.type)},` +
        `"rev":${row.rev},"payload":${row.payload}}`;
      const size = Buffer.byteLength(part) + (parts.length ? 1 : 0);
      if (bytes + size > maxBytes) {
        if (rows.length === 0) {
          // One item alone is over the limit: the server could never take it. Keep it, visibly.
          this.keep(row.seq, 'rejected', `item is larger than ${maxBytes} bytes`);
          continue;
        }
        break;
      }
      bytes += size;
      rows.push(row);
      parts.push(part);
    }
    if (rows.length === 0) return null;
    return { rows, body: `{"protocol":${PROTOCOL_VERSION},"items":[${parts.join(',')}]}` };
  }

  keep(seq: number, status: 'conflict' | 'rejected', reason: string): void {
    this.markKept.run(status, reason, seq);
  }

  /** Records the server's per-item outcomes for a batch, in one transaction. */
  applyResults(rows: OutboxRow[], results: PushResult[], nowIso: string): void {
    if (rows.length === 0) return;
    this.db.transaction(() => {
      // Kept rows first: they leave 'pending', so the range update below skips them.
      rows.forEach((row, i) => {
        const r = results[i]!;
        if (r.status === 'conflict' || r.status === 'rejected') {
          this.keep(row.seq, r.status, r.reason ?? r.status);
        }
      });
      this.markDone.run(nowIso, rows[0]!.seq, rows[rows.length - 1]!.seq);
    })();
  }
}
