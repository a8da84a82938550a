// Prepared statements cached per connection: preparing is the slow part of a small query.
import type { Statement } from 'better-sqlite3';
import type { DB } from './open';

const cache = new WeakMap<DB, Map<string, Statement>>();

export function q(db: DB, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}
