// The sync outbox: written in the same transaction as the change it carries (docs/sync-protocol.md).
import type { DB } from '../db/open';
import { q } from '../db/sql';

export type OutboxType = 'shift' | 'contact' | 'audit';

export function enqueue(
  db: DB,
  item: { itemId: string; type: OutboxType; rev: number; payload: unknown; createdAt: string },
): void {
  q(db, 'INSERT INTO outbox (item_id, type, rev, payload, created_at) VALUES (?, ?, ?, ?, ?)').run(
    item.itemId,
    item.type,
    item.rev,
    JSON.stringify(item.payload),
    item.createdAt,
  );
}

export function outboxCounts(db: DB): { waiting: number; conflicts: number } {
  const waiting = q(db, "SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as {
    n: number;
  };
  const conflicts = q(
    db,
    "SELECT COUNT(*) AS n FROM outbox WHERE status IN ('conflict', 'rejected')",
  ).get() as {
    n: number;
  };
  return { waiting: waiting.n, conflicts: conflicts.n };
}
