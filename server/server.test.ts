// Server tests in-process on 127.0.0.1: auth, per-item push outcomes, pull visibility and
// paging, limits, bad input, and the loopback-only bind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import { OK21_NATIONAL } from '../shared/rules/ok21-national';
import { pullResponseSchema, pushResponseSchema } from '../shared/sync/protocol';
import { addDevice, revokeDevice } from './auth';
import { startServer } from './http';
import type { RunningServer } from './http';
import type { RequestLogEntry } from './log';
import { createPull } from './pull';
import { addDoctor, setRules } from './reference';
import { describeBackends, testPlace } from './testing/backends';
import type { TestPlace } from './testing/backends';

describeBackends('sync server', (backend) => {
  let server: RunningServer;
  let place: TestPlace;
  const logs: RequestLogEntry[] = [];
  type Created = Awaited<ReturnType<typeof addDevice>>;
  let ws1: Created;
  let ws2: Created;
  let sup: Created;

  beforeAll(async () => {
    place = await testPlace(backend);
    server = await startServer({ ...place, port: 0, log: (e) => logs.push(e) });
    ws1 = await addDevice(server.store, { name: 'WS1', role: 'workstation' });
    ws2 = await addDevice(server.store, { name: 'WS2', role: 'workstation' });
    sup = await addDevice(server.store, { name: 'Leder', role: 'supervisor' });
  });
  afterAll(async () => {
    await server?.close();
    await place?.drop();
  });

  async function api(
    path: string,
    opts: { token?: string; body?: unknown; raw?: string } = {},
    // Answers are arbitrary JSON checked by the assertions themselves.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; json: any }> {
    const hasBody = opts.body !== undefined || opts.raw !== undefined;
    const res = await fetch(server.url + path, {
      method: hasBody ? 'POST' : 'GET',
      headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }

  const item = (c: ReturnType<typeof makeContact>) => ({
    id: c.id,
    type: 'contact',
    rev: c.rev,
    payload: c,
  });
  const push = (token: string, items: unknown[]) =>
    api('/v1/push', { token, body: { protocol: 1, items } });

  describe('auth', () => {
    it('serves health without a token', async () => {
      const r = await api('/v1/health');
      expect(r).toMatchObject({ status: 200, json: { ok: true, protocol: 1 } });
    });
    it('answers 401 without, with an unknown and with a revoked token', async () => {
      expect((await api('/v1/pull')).status).toBe(401);
      expect((await api('/v1/pull', { token: 'nope' })).status).toBe(401);
      const d = await addDevice(server.store, { name: 'old', role: 'workstation' });
      expect((await api('/v1/pull', { token: d.token })).status).toBe(200);
      expect(await revokeDevice(server.store, d.deviceId)).toBe(true);
      const r = await api('/v1/pull', { token: d.token });
      expect(r).toMatchObject({ status: 401, json: { error: { code: 'UNAUTHORIZED' } } });
    });
    it('stores only a hash of the token', async () => {
      const rows = await server.store.allDevices();
      expect(rows.some((r) => r.tokenHash === ws1.token)).toBe(false);
    });
  });

  describe('push', () => {
    it('answers accepted, duplicate, conflict and rejected per item, in order', async () => {
      const c1 = makeContact(ws1.deviceId, 1);
      const c1b = makeContact(ws1.deviceId, 1, 2);
      const c1other = { ...c1b, note: 'other content' };
      const skip = makeContact(ws1.deviceId, 2, 3);
      const bad = { ...makeContact(ws1.deviceId, 3), answeredAt: 'yesterday' };
      const foreign = makeContact(ws2.deviceId, 4);
      const r = await push(ws1.token, [
        item(c1),
        item(c1),
        item(c1b),
        item(c1other),
        item(skip),
        item(bad),
        item(foreign),
        item(makeContact(ws1.deviceId, 5)),
      ]);
      expect(r.status).toBe(200);
      const body = pushResponseSchema.parse(r.json);
      expect(body.results.map((x) => [x.status, x.reason])).toEqual([
        ['accepted', undefined],
        ['duplicate', undefined],
        ['accepted', undefined],
        ['conflict', 'this revision is stored with other content'],
        ['conflict', 'rev 3 does not follow stored rev 0'],
        ['rejected', expect.stringContaining('answeredAt')],
        ['rejected', 'belongs to another device'],
        ['accepted', undefined],
      ]);
      expect(Math.abs(Date.parse(body.serverTime) - Date.now())).toBeLessThan(5000);
    });

    it('rejects an id another device already holds, and mismatched id or rev', async () => {
      const c = makeContact(ws2.deviceId, 40);
      expect((await push(ws2.token, [item(c)])).json.results[0].status).toBe('accepted');
      const hijack = { ...c, workstationId: ws1.deviceId };
      const r = await push(ws1.token, [
        item(hijack),
        { ...item(makeContact(ws1.deviceId, 41)), rev: 2 },
        { ...item(makeContact(ws1.deviceId, 42)), id: makeContact(ws1.deviceId, 43).id },
      ]);
      expect(r.json.results.map((x: { reason: string }) => x.reason)).toEqual([
        'belongs to another device',
        'payload.rev differs from item rev',
        'payload.id differs from item id',
      ]);
    });

    it('takes shifts and audit entries (the host audit row shape) of the pushing device', async () => {
      const shiftId = '0190a1b2-0000-7000-8000-00000000aa01';
      const shift = {
        id: shiftId,
        rev: 1,
        doctorId: '00000000-0000-4000-8000-000000000001',
        workstationId: ws1.deviceId,
        openedAt: '2025-01-06T15:55:00.000Z',
        closedAt: null,
      };
      const audit = (id: string, deviceId: string) => ({
        id,
        at: '2025-01-06T15:54:00.000Z',
        doctorId: '00000000-0000-4000-8000-000000000001',
        deviceId,
        action: 'auth.signIn',
        subjectId: null,
        details: { ok: true },
      });
      const a1 = '0190a1b2-0000-7000-8000-00000000ab01';
      const a2 = '0190a1b2-0000-7000-8000-00000000ab02';
      const r = await push(ws1.token, [
        { id: shiftId, type: 'shift', rev: 1, payload: shift },
        {
          id: shiftId,
          type: 'shift',
          rev: 2,
          payload: { ...shift, rev: 2, closedAt: '2025-01-07T07:00:00.000Z' },
        },
        { id: a1, type: 'audit', rev: 1, payload: audit(a1, ws1.deviceId) },
        { id: a1, type: 'audit', rev: 2, payload: audit(a1, ws1.deviceId) },
        { id: a2, type: 'audit', rev: 1, payload: audit(a2, ws2.deviceId) },
      ]);
      expect(r.json.results.map((x: { status: string }) => x.status)).toEqual([
        'accepted',
        'accepted',
        'accepted',
        'rejected',
        'rejected',
      ]);
    });

    it('answers 413 beyond 1000 items or 1 MiB', async () => {
      const many = Array.from({ length: 1001 }, (_, i) =>
        item(makeContact(ws1.deviceId, 1000 + i)),
      );
      expect((await push(ws1.token, many)).status).toBe(413);
      const big = { ...makeContact(ws1.deviceId, 9), note: 'x'.repeat(1024 * 1024) };
      const r = await push(ws1.token, [item(big)]);
      expect(r).toMatchObject({ status: 413, json: { error: { code: 'TOO_LARGE' } } });
      // The server is still fine afterwards.
      expect((await api('/v1/health')).status).toBe(200);
    });

    it('answers 400 for garbage and wrong shapes', async () => {
      for (const raw of [
        'not json',
        '[]',
        '{"protocol":2,"items":[]}',
        '{"protocol":1}',
        '\u0000\u0001',
      ]) {
        const r = await api('/v1/push', { token: ws1.token, raw });
        expect(r.status, raw).toBe(400);
        expect(r.json.error.code).toBe('BAD_REQUEST');
      }
      const r = await push(ws1.token, [{ id: 'x', type: 'contact', rev: 1, payload: {} }]);
      expect(r.status).toBe(400);
      expect(
        (await push(ws1.token, [{ ...item(makeContact(ws1.deviceId, 7)), type: 'doctor' }])).status,
      ).toBe(400);
      expect((await api('/v1/nothing', { token: ws1.token })).status).toBe(404);
    });
  });

  describe('pull', () => {
    it('shows a workstation its own records plus roster and rules; a supervisor everything', async () => {
      const doctor = await addDoctor(server.store, {
        name: 'Anna Læge',
        authId: 'A1234',
        roles: ['doctor'],
        pin: '4321',
      });
      expect(await setRules(server.store, OK21_NATIONAL)).toEqual({ id: OK21_NATIONAL.id, rev: 1 });
      expect(await setRules(server.store, OK21_NATIONAL)).toEqual({ id: OK21_NATIONAL.id, rev: 1 });
      const all = async (token: string) => {
        const items = [];
        let since: string | undefined;
        for (;;) {
          const q = `/v1/pull?limit=3${since ? `&since=${encodeURIComponent(since)}` : ''}`;
          const r = await api(q, { token });
          expect(r.status).toBe(200);
          const page = pullResponseSchema.parse(r.json);
          items.push(...page.items);
          since = page.cursor;
          if (!page.more) return items;
        }
      };
      const mine = await all(ws1.token);
      expect(new Set(mine.map((i) => i.deviceId))).toEqual(new Set([ws1.deviceId, 'server']));
      const d = mine.find((i) => i.type === 'doctor');
      expect(d?.payload).toMatchObject({ id: doctor.id, name: 'Anna Læge', active: true });
      expect(String(d?.payload.pinHash)).toMatch(/^scrypt\$/);
      expect(JSON.stringify(d)).not.toContain('4321');
      expect(mine.some((i) => i.type === 'rules' && i.id === OK21_NATIONAL.id)).toBe(true);
      const everything = await all(sup.token);
      expect(new Set(everything.map((i) => i.deviceId))).toEqual(
        new Set([ws1.deviceId, ws2.deviceId, 'server']),
      );
      const seqs = everything.map((i) => `${i.id}/${i.rev}`);
      expect(new Set(seqs).size).toBe(seqs.length);
    });

    it('caps an answer by bytes as well as items, with more: true, and continues from its cursor', async () => {
      const small = createPull(server.store, 3000);
      const device = { id: sup.deviceId, name: 'Leder', role: 'supervisor' as const };
      const first = JSON.parse(await small(device, undefined, 1000)) as {
        items: { id: string; rev: number }[];
        cursor: string;
        more: boolean;
      };
      const everything = JSON.parse(await createPull(server.store)(device, undefined, 1000)) as {
        items: { id: string; rev: number }[];
      };
      expect(first.more).toBe(true);
      expect(first.items.length).toBeGreaterThan(0);
      expect(first.items.length).toBeLessThan(everything.items.length);
      const next = JSON.parse(await small(device, first.cursor, 1000)) as {
        items: { id: string; rev: number }[];
      };
      expect(next.items[0]).toEqual(everything.items[first.items.length]);
    });

    it('rejects a bad cursor or limit', async () => {
      expect((await api('/v1/pull?since=garbage', { token: ws1.token })).status).toBe(400);
      expect((await api('/v1/pull?limit=1001', { token: ws1.token })).status).toBe(400);
    });
  });

  describe('load', () => {
    it('is for supervisors only', async () => {
      const r = await api('/v1/load?from=2025-01-01T00:00:00.000Z&to=2025-01-02T00:00:00.000Z', {
        token: ws1.token,
      });
      expect(r.status).toBe(403);
      const long = await api('/v1/load?from=2025-01-01T00:00:00.000Z&to=2025-06-01T00:00:00.000Z', {
        token: sup.token,
      });
      expect(long.status).toBe(400);
      expect((await api('/v1/load?from=yesterday&to=today', { token: sup.token })).status).toBe(
        400,
      );
    });
    it('counts the latest revisions, splits talk time over hours and leaves out voided', async () => {
      const ws = await addDevice(server.store, { name: 'WS-load', role: 'workstation' });
      const doc = await addDoctor(server.store, {
        name: 'Bo Load',
        authId: 'B1',
        roles: ['doctor'],
      });
      const video = await addDoctor(server.store, {
        name: 'Koordinator',
        authId: 'K1',
        roles: ['coordinator'],
      });
      const base = { doctorId: doc.id, revisedBy: doc.id };
      // 16:50 → 17:10: 10 min in each hour.
      const a = makeContact(ws.deviceId, 1, 1, {
        ...base,
        answeredAt: '2025-03-04T16:50:00.000Z',
        endedAt: '2025-03-04T17:10:00.000Z',
        lines: [
          {
            code: 'TLF-A',
            regionalCode: null,
            band: 'A',
            unitOre: 7213,
            count: 1,
            amountOre: 7213,
            decidedAt: '2025-03-04T16:50:00.000Z',
          },
        ],
      });
      const escalated = makeContact(ws.deviceId, 2, 1, {
        ...base,
        answeredAt: '2025-03-04T17:20:00.000Z',
        endedAt: '2025-03-04T17:25:00.000Z',
        video: {
          doctorId: video.id,
          requestedAt: '2025-03-04T17:21:00.000Z',
          connectedAt: '2025-03-04T17:22:00.000Z',
          failedAt: null,
          failReason: null,
          endedAt: '2025-03-04T17:30:00.000Z',
        },
        lines: [
          // What the built-in rule set gives (R-REC-1 refuses any other lines).
          {
            code: 'TLF-A',
            regionalCode: null,
            band: 'A',
            unitOre: 7213,
            count: 1,
            amountOre: 7213,
            decidedAt: '2025-03-04T17:20:00.000Z',
          },
          {
            code: 'VIDEO-A',
            regionalCode: null,
            band: 'A',
            unitOre: 20353,
            count: 1,
            amountOre: 20353,
            decidedAt: '2025-03-04T17:22:00.000Z',
          },
        ],
      });
      const voided = makeContact(ws.deviceId, 3, 1, {
        ...base,
        answeredAt: '2025-03-04T17:40:00.000Z',
      });
      const voidedRev2 = { ...voided, rev: 2, status: 'voided' as const };
      const r = await push(ws.token, [item(a), item(escalated), item(voided), item(voidedRev2)]);
      expect(r.json.results.every((x: { status: string }) => x.status === 'accepted')).toBe(true);

      const load = await api('/v1/load?from=2025-03-04T16:00:00.000Z&to=2025-03-04T18:00:00.000Z', {
        token: sup.token,
      });
      expect(load.status).toBe(200);
      const bo = load.json.doctors.find((d: { doctorId: string }) => d.doctorId === doc.id);
      expect(bo.name).toBe('Bo Load');
      expect(
        bo.hours.map((h: { hour: string; contacts: number; talkSeconds: number }) => [
          h.hour,
          h.contacts,
          h.talkSeconds,
        ]),
      ).toEqual([
        ['2025-03-04T16:00:00.000Z', 1, 600],
        ['2025-03-04T17:00:00.000Z', 1, 600 + 300],
      ]);
      expect(bo.totals).toMatchObject({
        contacts: 2,
        byBand: { A: 2, B: 0, C: 0, DAY: 0 },
        feesOre: 7213 + 7213,
        talkSeconds: 1500,
      });
      const k = load.json.doctors.find((d: { doctorId: string }) => d.doctorId === video.id);
      // shared/load: a handed-over video is a contact of the video doctor, with its fee (R-CON-5).
      expect(k.totals).toMatchObject({
        contacts: 1,
        videoEscalations: 1,
        videoConnected: 1,
        feesOre: 20353,
      });
    });
    it('follows a later revision pushed together with a new contact', async () => {
      // One push holding a revision of a stored contact and a first revision of another: the
      // load index updates the one and adds the other in the same write.
      const ws = await addDevice(server.store, { name: 'WS-load-2', role: 'workstation' });
      const doc = await addDoctor(server.store, {
        name: 'Ea Load',
        authId: 'E1',
        roles: ['doctor'],
      });
      const base = { doctorId: doc.id, revisedBy: doc.id };
      const x = makeContact(ws.deviceId, 1, 1, { ...base, answeredAt: '2025-05-06T10:05:00.000Z' });
      expect((await push(ws.token, [item(x)])).json.results[0].status).toBe('accepted');
      const count = async () => {
        const load = await api(
          '/v1/load?from=2025-05-06T10:00:00.000Z&to=2025-05-06T11:00:00.000Z',
          { token: sup.token },
        );
        return load.json.doctors.find((d: { doctorId: string }) => d.doctorId === doc.id)?.totals
          .contacts;
      };
      expect(await count()).toBe(1);
      const xVoided = { ...x, rev: 2, status: 'voided' as const };
      const y = makeContact(ws.deviceId, 2, 1, { ...base, answeredAt: '2025-05-06T10:30:00.000Z' });
      const z = makeContact(ws.deviceId, 3, 1, { ...base, answeredAt: '2025-05-06T10:40:00.000Z' });
      const r = await push(ws.token, [item(xVoided), item(y), item(z)]);
      expect(r.json.results.map((v: { status: string }) => v.status)).toEqual([
        'accepted',
        'accepted',
        'accepted',
      ]);
      expect(await count()).toBe(2);
    });
  });

  describe('roster', () => {
    it('refuses a second doctor with the same auth id', async () => {
      await addDoctor(server.store, { name: 'Første', authId: 'DUP1', roles: ['doctor'] });
      await expect(
        addDoctor(server.store, { name: 'Anden', authId: 'dup1', roles: ['doctor'] }),
      ).rejects.toThrow(/auth-id dup1 bruges allerede af Første/);
    });
  });

  describe('connections', () => {
    it('closes a connection whose headers never finish, and caps simultaneous connections', async () => {
      const s = await startServer({
        storage: server.store,
        port: 0,
        headersTimeoutMs: 300,
        maxConnections: 2,
        log: () => {},
      });
      try {
        const open = () =>
          new Promise<Socket>((resolve) => {
            const sock = connect(s.port, '127.0.0.1', () => resolve(sock));
            sock.on('error', () => {});
          });
        const closed = (sock: Socket) => new Promise<void>((r) => sock.once('close', () => r()));
        const slow = await open();
        slow.write('GET /v1/health HTTP/1.1\r\nHost: x\r\n');
        const other = await open();
        const third = await open();
        // Beyond maxConnections the server drops the connection at once.
        await closed(third);
        // The slow sender is cut off by the headers timeout (Node answers 408 and closes).
        await closed(slow);
        other.destroy();
      } finally {
        await s.close();
      }
    });
  });

  describe('bind and logs', () => {
    it('refuses a non-loopback address unless allowed', async () => {
      await expect(
        startServer({ storage: server.store, port: 0, host: '0.0.0.0', log: () => {} }),
      ).rejects.toThrow(/allow-remote/);
      const s = await startServer({
        storage: server.store,
        port: 0,
        host: '0.0.0.0',
        allowRemote: true,
        log: () => {},
      });
      await s.close();
    });
    it('keeps the SQLite data folder 0700 and its database files 0600', () => {
      if (backend !== 'sqlite') return;
      expect(statSync(place.dataDir!).mode & 0o777).toBe(0o700);
      for (const f of ['sync-server.db', 'sync-server.db-wal', 'sync-server.db-shm']) {
        expect(statSync(`${place.dataDir}/${f}`).mode & 0o777, f).toBe(0o600);
      }
    });
    it('logs one line per request without tokens or CPR numbers', () => {
      expect(logs.length).toBeGreaterThan(10);
      const text = JSON.stringify(logs);
      expect(text).not.toContain('0101901234');
      expect(text).not.toContain(ws1.token);
      expect(logs[0]).toEqual(
        expect.objectContaining({ method: 'GET', path: '/v1/health', status: 200, deviceId: null }),
      );
      expect(logs.some((l) => l.path === '/v1/push' && l.deviceId === ws1.deviceId)).toBe(true);
    });
  });
});
