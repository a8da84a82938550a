// POST /v1/push: each item is validated against its record schema (the shared zod schemas in
// shared/sync/items, meaning as well as shape), then the whole batch is decided and written in
// one serialised item write (store/types.ts ItemStore.write).
//
// Atomicity per item without a savepoint each: every reason to refuse an item is decided from the
// stored revisions read at the start of the write (kept up to date in memory as the batch's own
// items are accepted), so an item either writes all its rows or none. The writes themselves can
// only fail on a database fault, which aborts the whole batch: nothing is stored, the client gets
// a 500 or 503 and resends, and the items come back as accepted (or duplicate) then.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { payloadSchemas } from '../shared/sync/items';
import type { PushItem, PushResult } from '../shared/sync/protocol';
import type { Device } from './auth';
import type { NewItem, RevisionState, Storage } from './store/types';

interface Prepared {
  data: unknown;
  canonical: string;
  hash: string;
}

export type PushFn = (device: Device, items: PushItem[]) => Promise<PushResult[]>;

function issueText(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid payload';
  const path = first.path.length ? first.path.join('.') : '(root)';
  return `${path}: ${first.message}`;
}

/** What is stored of one id: its revisions by number and the latest one. */
interface IdState {
  head: RevisionState;
  byRev: Map<number, RevisionState>;
}

function indexRevisions(rows: RevisionState[]): Map<string, IdState> {
  const out = new Map<string, IdState>();
  for (const r of rows) {
    const s = out.get(r.id);
    if (!s) out.set(r.id, { head: r, byRev: new Map([[r.rev, r]]) });
    else {
      s.byRev.set(r.rev, r);
      if (r.rev > s.head.rev) s.head = r;
    }
  }
  return out;
}

// Validation runs before the write: it is the CPU-heavy part and needs no lock.
function prepare(device: Device, item: PushItem): Prepared | { reject: string } {
  const parsed = payloadSchemas[item.type].safeParse(item.payload);
  if (!parsed.success) return { reject: issueText(parsed.error) };
  const p = parsed.data as {
    id: string;
    rev?: number;
    workstationId?: string;
    deviceId?: string;
  };
  if (p.id !== item.id) return { reject: 'payload.id differs from item id' };
  // Audit entries carry no rev of their own: they are append-only, always rev 1.
  if ((p.rev ?? 1) !== item.rev) return { reject: 'payload.rev differs from item rev' };
  const owner = item.type === 'audit' ? p.deviceId : p.workstationId;
  if (owner !== device.id) return { reject: 'belongs to another device' };
  // Zod's output has the schema's key order, so equal content gives equal text and hash.
  const canonical = JSON.stringify(parsed.data);
  const hash = createHash('sha256').update(canonical).digest('base64');
  return { data: parsed.data, canonical, hash };
}

export function createPush(store: Storage): PushFn {
  return async (device, items) => {
    const prepared = items.map((item) => prepare(device, item));
    const storedAt = new Date().toISOString();
    const ids = [...new Set(items.filter((_, i) => !('reject' in prepared[i]!)).map((x) => x.id))];
    return store.items.write(async (tx) => {
      const state = ids.length ? indexRevisions(await tx.revisions(ids)) : new Map();
      const writes: NewItem[] = [];
      const results = items.map((item, i): PushResult => {
        const result = (status: PushResult['status'], reason?: string): PushResult =>
          reason === undefined
            ? { id: item.id, rev: item.rev, status }
            : { id: item.id, rev: item.rev, status, reason };
        const p = prepared[i]!;
        if ('reject' in p) return result('rejected', p.reject);
        const s = state.get(item.id);
        if (s && s.head.deviceId !== device.id)
          return result('rejected', 'belongs to another device');
        if (s && s.head.type !== item.type) {
          return result('rejected', `id is stored as type ${s.head.type}`);
        }
        const stored = s?.byRev.get(item.rev);
        if (stored) {
          return stored.hash === p.hash
            ? result('duplicate')
            : result('conflict', 'this revision is stored with other content');
        }
        const expected = s ? s.head.rev + 1 : 1;
        if (item.rev !== expected) {
          return result('conflict', `rev ${item.rev} does not follow stored rev ${expected - 1}`);
        }
        const row: RevisionState = {
          id: item.id,
          rev: item.rev,
          type: item.type,
          deviceId: device.id,
          hash: p.hash,
        };
        if (s) {
          s.head = row;
          s.byRev.set(item.rev, row);
        } else state.set(item.id, { head: row, byRev: new Map([[item.rev, row]]) });
        const c =
          item.type === 'contact' ? (p.data as { answeredAt: string; status: string }) : null;
        writes.push({
          id: item.id,
          type: item.type,
          rev: item.rev,
          deviceId: device.id,
          payload: p.canonical,
          hash: p.hash,
          storedAt,
          ...(c ? { contact: { answeredAt: c.answeredAt, status: c.status } } : {}),
        });
        return result('accepted');
      });
      await tx.insert(writes);
      return results;
    });
  };
}
