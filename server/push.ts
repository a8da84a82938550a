// POST /v1/push: each item is validated against its record schema (the shared zod schemas in
// shared/sync/items, meaning as well as shape), then the whole batch is decided and written in
// one serialised item write (store/types.ts ItemStore.write), shared with the pushes that arrive
// while it runs (group commit, createPush).
//
// Atomicity per item without a savepoint each: every reason to refuse an item is decided from the
// stored revisions read at the start of the write (kept up to date in memory as the batch's own
// items are accepted), so an item either writes all its rows or none. The writes themselves can
// only fail on a database fault, which aborts the whole batch: nothing is stored, the client gets
// a 500 or 503 and resends, and the items come back as accepted (or duplicate) then.
import { contentHash } from './content-hash';
import type { z } from 'zod';
import { payloadSchemas } from '../shared/sync/items';
import type { PushItem, PushResult } from '../shared/sync/protocol';
import type { Device } from './auth';
import type { ItemWriteTx, NewItem, RevisionState, Storage } from './store/types';

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
  const hash = contentHash(canonical);
  return { data: parsed.data, canonical, hash };
}

/** Items validated between two turns of the event loop (see below). */
const PREPARE_SLICE = 50;

/**
 * Validates in slices, yielding to the event loop between them. A batch of 1000 takes tens of
 * milliseconds to validate; done in one go it would also delay the answers to this process's
 * other database round trips, and one of those may be a write holding the item lock (D49).
 */
async function prepareAll(
  device: Device,
  items: PushItem[],
): Promise<(Prepared | { reject: string })[]> {
  const out: (Prepared | { reject: string })[] = [];
  for (let i = 0; i < items.length; i += PREPARE_SLICE) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const item of items.slice(i, i + PREPARE_SLICE)) out.push(prepare(device, item));
  }
  return out;
}

/** One push waiting for the next group write. */
interface Pending {
  device: Device;
  items: PushItem[];
  prepared: (Prepared | { reject: string })[];
  done(results: PushResult[]): void;
  fail(e: unknown): void;
}

/** Items one group write may hold (two full pushes). */
const GROUP_ITEMS = 2 * 1000;

/**
 * Decides every item of the pushes in `group`, in order, against the stored revisions and the
 * group's own earlier items, and writes the accepted ones (one transaction for the group).
 */
async function decideAndWrite(tx: ItemWriteTx, group: Pending[]): Promise<PushResult[][]> {
  const storedAt = new Date().toISOString();
  const ids = new Set<string>();
  for (const g of group) g.items.forEach((x, i) => !('reject' in g.prepared[i]!) && ids.add(x.id));
  const state = ids.size
    ? indexRevisions(await tx.revisions([...ids]))
    : new Map<string, IdState>();
  const writes: NewItem[] = [];
  const answers = group.map(({ device, items, prepared }) =>
    items.map((item, i): PushResult => {
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
      const c = item.type === 'contact' ? (p.data as { answeredAt: string; status: string }) : null;
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
    }),
  );
  await tx.insert(writes);
  return answers;
}

/**
 * Group commit (D49): pushes that arrive while this process's item write is in progress wait
 * and are written together in the next one. Item writes are serialised anyway (the item lock);
 * one transaction, one commit and one fsync for many small pushes is what lets 50 workstations
 * each pushing one contact at a time share the lock without queueing behind each other's
 * commits. A database fault fails every push of the group; nothing of it is stored and each
 * client resends, as with a fault in a single push.
 */
export function createPush(store: Storage): PushFn {
  let queue: Pending[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length) {
        let n = 0;
        let k = 0;
        while (k < queue.length && (k === 0 || n + queue[k]!.items.length <= GROUP_ITEMS)) {
          n += queue[k]!.items.length;
          k++;
        }
        const group = queue.slice(0, k);
        queue = queue.slice(k);
        try {
          // Every valid payload of the group, so the store may write them before the lock.
          const payloads = group.flatMap((g) =>
            g.prepared.flatMap((p) => ('reject' in p ? [] : [{ text: p.canonical, hash: p.hash }])),
          );
          const answers = await store.items.write((tx) => decideAndWrite(tx, group), {
            payloads,
          });
          group.forEach((g, i) => g.done(answers[i]!));
        } catch (e) {
          for (const g of group) g.fail(e);
        }
      }
    } finally {
      writing = false;
    }
  }

  return async (device, items) => {
    const prepared = await prepareAll(device, items);
    return new Promise<PushResult[]>((done, fail) => {
      queue.push({ device, items, prepared, done, fail });
      if (!writing) void drain();
    });
  };
}
