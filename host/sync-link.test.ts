import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../shared/contract/events';
import { createHost } from './host';
import { saveSyncConfig } from './sync/config';
import { tempDir } from './testing';

describe('sync link', () => {
  it('pushes outbox items to the configured server and reports sync status as host events', async () => {
    const pushed: Array<{ id: string; rev: number; type: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.setHeader('Content-Type', 'application/json');
        if (req.url === '/v1/push') {
          const items = (
            JSON.parse(body) as { items: Array<{ id: string; rev: number; type: string }> }
          ).items;
          pushed.push(...items);
          res.end(
            JSON.stringify({
              results: items.map((i) => ({ id: i.id, rev: i.rev, status: 'accepted' })),
              serverTime: new Date().toISOString(),
            }),
          );
        } else if (req.url?.startsWith('/v1/pull')) {
          // The link pulls too (roster, rule sets): nothing new here.
          res.end(JSON.stringify({ items: [], cursor: 'c0', more: false }));
        } else res.end(JSON.stringify({ ok: true, protocol: 1, version: 'test' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const dataDir = tempDir();
    saveSyncConfig(dataDir, {
      serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      token: 'device-token',
    });
    const host = createHost({ dataDir, mode: 'browser', backups: false, ticker: false });
    const events: HostEvent[] = [];
    host.events.subscribe((e) => events.push(e));
    expect(host.sync).not.toBeNull();
    const sup = (await host.dispatch('setup.createFirstSupervisor', {
      name: 'S',
      authId: 'S1',
      pin: '1234',
    })) as { ok: true; value: { id: string } };
    await host.dispatch('auth.signIn', { doctorId: sup.value.id, pin: '1234' });
    await host.dispatch('shift.open', {});
    await host.sync!.client.syncNow();
    expect(pushed.some((i) => i.type === 'shift')).toBe(true);
    const last = events.filter((e) => e.type === 'sync').at(-1);
    expect(last).toMatchObject({ type: 'sync', online: true, waiting: 0, conflicts: 0 });
    await host.shutdown();
    server.close();
    expect(fs.existsSync(path.join(dataDir, 'vagtkonsol.db-wal'))).toBe(false);
  });

  it('stays off without a sync configuration', () => {
    const host = createHost({ dataDir: tempDir(), mode: 'browser', backups: false, ticker: false });
    expect(host.sync).toBeNull();
    host.close();
  });
});
