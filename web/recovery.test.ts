// The recovery page in browser mode: an emptied database beside a backup with data shows the
// recovery page (not a silent first launch); only a signed-in page may restore; after the
// restore the console's API works on the recorded call again.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dailyBackup } from '../host/db/backup';
import { DB_FILE } from '../host/host';
import { testHost } from '../host/testing';
import { startBrowserHost } from './server';

function req(port: number, method: string, p: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, method, path: p, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    r.on('error', reject);
    r.end(method === 'POST' ? '{}' : undefined);
  });
}

describe('browser mode recovery page', () => {
  it('offers and performs the restore of the newest good backup', async () => {
    const h = testHost();
    const sup = await h.call('setup.createFirstSupervisor', {
      name: 'S',
      authId: 'S1',
      pin: '4321',
    });
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    await h.call('shift.open', {});
    await dailyBackup(h.db, path.join(h.dataDir, 'backups'), Date.parse('2025-03-04T12:00:00Z'));
    h.close();
    const file = path.join(h.dataDir, DB_FILE);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.writeFileSync(file, '');

    const bh = await startBrowserHost({ dataDir: h.dataDir, port: 0, open: false });
    try {
      const page = await req(bh.port, 'GET', '/');
      expect(page.status).toBe(503);
      expect(page.body).toContain('data-db-state="needs-recovery"');
      expect(page.body).toContain('/vagt-recovery.js');
      expect(page.body).toContain(path.join(h.dataDir, 'logs', 'vagtkonsol.log'));
      // Without the session: refused, nothing touched.
      expect((await req(bh.port, 'POST', '/recovery/restore')).status).toBe(401);
      expect(fs.statSync(file).size).toBe(0);
      const ok = await req(bh.port, 'POST', '/recovery/restore', {
        Cookie: `vagt_session_${bh.port}=${bh.token}`,
      });
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
      const status = await req(bh.port, 'POST', '/api/setup.status', {
        Authorization: `Bearer ${bh.token}`,
        'Content-Type': 'application/json',
      });
      expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { hasDoctors: true } });
    } finally {
      await bh.close();
    }
  });
});
