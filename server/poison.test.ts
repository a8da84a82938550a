// Issue 12 §7: poison records at the sync push door, on a real server on 127.0.0.1 with SQLite.
// After each poison: it is rejected per item with a reason, the honest item beside it in the
// same batch is accepted, other devices still push and pull, the supervisor's load over the
// poison's day answers, and nothing acknowledged is lost. Then a generated fuzz (R-REC-1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import { AUDIT_POISONS, CONTACT_POISONS } from '../shared/record/testing/poison';
import type { AuditPayload } from '../shared/sync/items';
import { addDevice } from './auth';
import { startServer, type RunningServer } from './http';

/** Batches in the suite (~2 000 items); full size: VAGT_FUZZ_RUNS=9000 (≥ 100 000 items). */
const RUNS = Number(process.env.VAGT_FUZZ_RUNS ?? 200);
let server: RunningServer;
let dataDir: string;
type Device = Awaited<ReturnType<typeof addDevice>>;
let bad: Device;
let honest: Device;
let sup: Device;
/** Every id+rev the server acknowledged as accepted or duplicate. */
const acknowledged = new Set<string>();
let n = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vagt-poison-'));
  server = await startServer({ dataDir, port: 0, log: () => {} });
  bad = await addDevice(server.store, { name: 'Angriber', role: 'workstation' });
  honest = await addDevice(server.store, { name: 'Ærlig', role: 'workstation' });
  sup = await addDevice(server.store, { name: 'Leder', role: 'supervisor' });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(
  path: string,
  token: string,
  body?: string | Uint8Array,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(server.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: body as BodyInit | undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

interface Result {
  id: string;
  rev: number;
  status: string;
  reason?: string;
}

async function push(
  token: string,
  items: unknown[],
): Promise<{ status: number; results: Result[] }> {
  // JSON.stringify of a 5 000-deep value overflows the stack: such payloads are sent as text.
  const body = `{"protocol":1,"items":[${items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join(',')}]}`;
  const r = await call('/v1/push', token, body);
  const results = ((r.json as { results?: Result[] })?.results ?? []) as Result[];
  for (const x of results)
    if (x.status === 'accepted' || x.status === 'duplicate') acknowledged.add(`${x.id}#${x.rev}`);
  return { status: r.status, results };
}

const item = (type: string, payload: { id: string; rev?: number; [k: string]: unknown }) => ({
  id: payload.id,
  type,
  rev: payload.rev ?? 1,
  payload,
});

function audit(deviceId: string, i: number): AuditPayload {
  const id = `${deviceId.slice(0, 24)}${(0xa000000 + i).toString(16).padStart(12, '0')}`;
  return {
    id,
    at: '2025-01-06T16:00:00.000Z',
    doctorId: null,
    deviceId,
    action: 'sign-in',
    subjectId: null,
    details: { attempt: 1 },
  };
}

async function pulledIds(token: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let since = '';
  for (;;) {
    const r = await call(`/v1/pull?limit=1000${since ? `&since=${since}` : ''}`, token);
    expect(r.status).toBe(200);
    const p = r.json as { items: Result[]; cursor: string; more: boolean };
    for (const i of p.items) ids.add(`${i.id}#${i.rev}`);
    if (!p.more) return ids;
    since = encodeURIComponent(p.cursor);
  }
}

/** After a poison: others still sync, the load view answers, nothing acknowledged is lost. */
async function stillHealthy(): Promise<void> {
  const c = makeContact(honest.deviceId, ++n);
  const r = await push(honest.token, [item('contact', c)]);
  expect(r.results[0]?.status).toBe('accepted');
  const load = await call(
    '/v1/load?from=2025-01-06T00:00:00.000Z&to=2025-01-08T00:00:00.000Z',
    sup.token,
  );
  expect(load.status).toBe(200);
  const ids = await pulledIds(sup.token);
  for (const a of acknowledged) expect(ids.has(a), a).toBe(true);
}

describe('poison records at the push door (R-REC-1, issue 12)', () => {
  it.each(CONTACT_POISONS.map((p) => [p.name, p] as const))(
    'contact "%s" is rejected per item; the batch and the region go on',
    async (_name, poison) => {
      const base = makeContact(bad.deviceId, ++n);
      const payload = poison.make(base) as { id: string };
      const beside = makeContact(bad.deviceId, ++n);
      const r = await push(bad.token, [item('contact', payload), item('contact', beside)]);
      expect(r.status).toBe(200);
      expect(r.results[0]).toMatchObject({ status: 'rejected' });
      expect(r.results[0]!.reason).toMatch(/\S/);
      expect(r.results[1]).toMatchObject({ status: 'accepted' });
      await stillHealthy();
    },
  );

  it.each(AUDIT_POISONS.map((p) => [p.name, p] as const))(
    'audit "%s" is rejected per item; the batch and the region go on',
    async (_name, poison) => {
      const a = audit(bad.deviceId, ++n);
      const deep = poison.name.includes('5 000');
      // Built as text: the value itself would overflow JSON.stringify.
      const poisoned = deep
        ? JSON.stringify(item('audit', { ...a, details: { d: 0 } })).replace(
            '{"d":0}',
            '{"d":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}',
          )
        : item('audit', poison.make(a) as { id: string });
      const r = await push(bad.token, [poisoned, item('audit', audit(bad.deviceId, ++n))]);
      expect(r.status).toBe(200);
      expect(r.results.map((x) => x.status)).toEqual(['rejected', 'accepted']);
      await stillHealthy();
    },
  );

  it('a body of invalid UTF-8 is refused with 400, never stored with replacement characters', async () => {
    const c = makeContact(bad.deviceId, ++n);
    const text = JSON.stringify({ protocol: 1, items: [item('contact', { ...c, note: 'XX' })] });
    const bytes = Buffer.from(text);
    const at = bytes.indexOf('XX');
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    expect((await call('/v1/push', bad.token, bytes)).status).toBe(400);
    expect((await pulledIds(sup.token)).has(`${c.id}#1`)).toBe(false);
    await stillHealthy();
  });

  it('a body nested 100 000 deep is a 400, not a 500', async () => {
    const body = '{"protocol":1,"items":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const r = await call('/v1/push', bad.token, body);
    expect(r.status).toBe(400);
    await stillHealthy();
  });

  it('fuzz: generated mixes of poisons, field swaps and good records give 0 5xx and 0 partial writes', async () => {
    const contactFields = Object.keys(makeContact(bad.deviceId, 0));
    const hostile = fc.oneof(
      fc.constantFrom(null, -1, 0, 1.5, '', '\uD800', '9999-12-31T23:59:59.999Z', [], {}, true),
      fc.string({ maxLength: 20 }),
      fc.integer(),
    );
    const mutation = fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .integer({ min: 0, max: CONTACT_POISONS.length - 1 })
          .map((i) => ({ poison: i })),
      },
      {
        weight: 2,
        arbitrary: fc.record({ field: fc.constantFrom(...contactFields), value: hostile }),
      },
      { weight: 2, arbitrary: fc.constant({ good: true }) },
    );
    let requests = 0;
    let items = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 5, maxLength: 30 }), async (muts) => {
        const batch = muts.map((m) => {
          const base = makeContact(bad.deviceId, ++n);
          if ('poison' in m)
            return item('contact', CONTACT_POISONS[m.poison]!.make(base) as { id: string });
          // The envelope stays valid (its id is the record's): only the payload is hostile.
          if ('field' in m)
            return {
              id: base.id,
              type: 'contact',
              rev: 1,
              payload: { ...base, [m.field]: m.value },
            };
          return item('contact', base);
        });
        const r = await push(bad.token, batch);
        requests++;
        items += batch.length;
        expect(r.status).toBe(200);
        expect(r.results).toHaveLength(batch.length);
        muts.forEach((m, i) => {
          if ('good' in m) expect(r.results[i]!.status).toBe('accepted');
          if ('poison' in m) expect(r.results[i]!.status).toBe('rejected');
        });
      }),
      { numRuns: RUNS, seed: 12 },
    );
    // Nothing rejected was stored, everything acknowledged is there.
    const stored = await pulledIds(sup.token);
    for (const a of acknowledged) expect(stored.has(a)).toBe(true);
    expect(stored.size).toBe(acknowledged.size);
    expect(requests).toBe(RUNS);
    expect(items).toBeGreaterThan(RUNS * 10);
    console.log(`push fuzz: ${items} items in ${requests} batches, 0 5xx`);
    await stillHealthy();
  }, 600_000);
});
