// R-CLAIM-5 on a linked workstation against a stand-in server that answers whatever a test
// tells it: the claim comes from the server and is kept as a read-only copy; an unreachable
// server gives an offline statement "foreløbig – ikke afregnet" that marks nothing; a hostile or
// refusing server gives a clear error and writes nothing; never a local mark. (The real server,
// two workstations and the whole story: host/region-claims.test.ts.)
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimSchema, type Claim } from '../../shared/claims/model';
import { saveSyncConfig } from '../sync/config';
import { testHost, type TestHost } from '../testing';
import { draftClaim } from './service';
import { NIGHT, seedNight } from './testing/night';

type Reply = (req: IncomingMessage, body: string) => { status: number; body: string };

let stub: Server;
let stubUrl: string;
let reply: Reply;
const claimRequests: string[] = [];

beforeAll(async () => {
  stub = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      // The sync loop's push and pull meet a busy server; only claims are answered.
      const r = req.url?.startsWith('/v1/claims')
        ? (claimRequests.push(`${req.method} ${req.url} ${body}`), reply(req, body))
        : { status: 503, body: '{"error":{"code":"UNAVAILABLE","message":"busy"}}' };
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(r.body);
    });
  });
  await new Promise<void>((ok) => stub.listen(0, '127.0.0.1', ok));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => stub.close(() => ok())));

let h: TestHost;
let dir: string;
const range = { from: NIGHT.from, to: NIGHT.to };

function linkedHost(serverUrl: string): TestHost {
  dir = mkdtempSync(path.join(tmpdir(), 'vagt-region-'));
  saveSyncConfig(dir, { serverUrl, token: 'device-token-1' });
  const host = testHost('2025-03-05T08:00:00.000Z', dir);
  seedNight(host.ctx);
  return host;
}

const rows = (t: string) =>
  (h.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
const nothingWritten = () =>
  expect({
    claims: rows('claims'),
    claim_parts: rows('claim_parts'),
    claim_lines: rows('claim_lines'),
    region_claims: rows('region_claims'),
  }).toEqual({ claims: 0, claim_parts: 0, claim_lines: 0, region_claims: 0 });

/** What the server would answer for Anne's night: the claim built from the same records. */
function serverClaim(id = '01955f00-0000-7000-8000-0000000c5e01'): Claim {
  return draftClaim(
    h.db,
    h.ctx.tariff,
    { doctorId: NIGHT.anne, ...range },
    '2025-03-05T08:00:00.000Z',
    id,
  ).claim;
}
const ok = (claim: unknown) => ({ status: 200, body: JSON.stringify({ claim }) });
const decode = (f: { base64: string }) => Buffer.from(f.base64, 'base64');

function pdfText(pdf: Buffer): string {
  const d = mkdtempSync(path.join(tmpdir(), 'vagt-pdf-'));
  try {
    writeFileSync(path.join(d, 'c.pdf'), pdf);
    return spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', path.join(d, 'c.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout;
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
}

describe('R-CLAIM-5 claims on a linked workstation', () => {
  beforeEach(async () => {
    claimRequests.length = 0;
    h = linkedHost(stubUrl);
    await h.call('auth.signIn', { doctorId: NIGHT.anne, pin: NIGHT.pin });
  });
  afterEach(async () => {
    await h.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-CLAIM-5 the server makes the claim; the workstation keeps a read-only copy and marks nothing', async () => {
    const made = serverClaim();
    reply = () => ok(made);
    const f = await h.call('claim.export', { ...range, format: 'json' });
    expect(f).toMatchObject({ claimId: made.claimId, source: 'region' });
    expect(JSON.parse(decode(f).toString('utf8'))).toEqual(claimSchema.parse(made));
    // POST /v1/claims with the doctor and the dates, once.
    expect(claimRequests).toEqual([
      `POST /v1/claims ${JSON.stringify({ doctorId: NIGHT.anne, ...range })}`,
    ]);
    expect(rows('claims') + rows('claim_parts') + rows('claim_lines')).toBe(0);
    expect(rows('region_claims')).toBe(1);
    // The local preview still has every line: nothing was marked here.
    const preview = await h.call('claim.preview', range);
    expect(preview.lines.length).toBe(made.lines.length);
    // Listed and reprinted byte for byte from the copy, with no server call.
    const list = await h.call('claim.list', {});
    expect(list).toEqual([
      expect.objectContaining({
        claimId: made.claimId,
        source: 'region',
        grandTotalOre: made.totals.grandTotalOre,
      }),
    ]);
    for (const format of ['csv', 'json', 'pdf'] as const) {
      const first = await h.call('claim.export', { ...range, format }).catch(() => null);
      expect(first?.claimId).toBe(made.claimId); // the stub answers the same claim again
      const again = await h.call('claim.reprint', { claimId: made.claimId!, format });
      expect(again.source).toBe('region');
      expect(decode(again).equals(decode(first!))).toBe(true);
    }
    expect(rows('region_claims')).toBe(1);
  });

  it('R-CLAIM-5 an unreachable server (503, refused connection) gives an offline statement "foreløbig – ikke afregnet" that marks nothing', async () => {
    reply = () => ({ status: 503, body: '{"error":{"code":"UNAVAILABLE","message":"db away"}}' });
    const csv = await h.call('claim.export', { ...range, format: 'csv' });
    expect(csv).toMatchObject({ claimId: null, source: 'offline' });
    expect(csv.fileName).toContain('foreloebig');
    const text = decode(csv).toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFFFORELØBIG – IKKE AFREGNET;/);
    expect(text).toContain('Afregning;Foreløbig – ikke afregnet\r\n');
    const json = JSON.parse(
      decode(await h.call('claim.export', { ...range, format: 'json' })).toString('utf8'),
    ) as Claim;
    expect(json).toMatchObject({ claimId: null, preliminary: true });
    // The statement lists the period as this workstation holds it (the preview's lines).
    const preview = await h.call('claim.preview', range);
    expect(json.lines).toEqual(preview.lines);
    expect(json.totals).toEqual(preview.totals);
    const pdf = decode(await h.call('claim.export', { ...range, format: 'pdf' }));
    expect(pdfText(pdf)).toContain('FORELØBIG – IKKE AFREGNET');
    nothingWritten();
    expect(await h.call('claim.list', {})).toEqual([]);

    // The server gone altogether (connection refused): the same.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await h.shutdown();
    h = linkedHost(`http://127.0.0.1:${port}`);
    await h.call('auth.signIn', { doctorId: NIGHT.anne, pin: NIGHT.pin });
    expect(await h.call('claim.export', { ...range, format: 'csv' })).toMatchObject({
      source: 'offline',
      claimId: null,
    });
    nothingWritten();
  });

  it('R-CLAIM-5 a hostile or refusing server gives a clear error, never a local claim, and writes nothing', async () => {
    const good = serverClaim();
    const cases: Array<[string, Reply, { code: string; details?: Record<string, string> }]> = [
      [
        'not JSON',
        () => ({ status: 200, body: '<html>' }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_BAD_ANSWER' } },
      ],
      [
        'no claim',
        () => ok({ lines: 'x' }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_BAD_ANSWER' } },
      ],
      [
        'a statement, not a claim',
        () => ok({ ...good, claimId: null }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_BAD_ANSWER' } },
      ],
      [
        'another doctor',
        () => ok({ ...good, doctor: { ...good.doctor, id: NIGHT.bo } }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_BAD_ANSWER' } },
      ],
      [
        'another period',
        () => ok({ ...good, period: { kind: 'range', from: '2025-01-01', to: '2025-01-31' } }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_BAD_ANSWER' } },
      ],
      [
        'totals that do not add up',
        () => ok({ ...good, totals: { ...good.totals, grandTotalOre: 1 } }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_BAD_ANSWER' } },
      ],
      [
        'an amount beyond any number',
        () => ({
          status: 200,
          body: JSON.stringify({ claim: good }).replace(/"amountOre":\d+/, '"amountOre":1e400'),
        }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_BAD_ANSWER' } },
      ],
      [
        'half an øre',
        () => ok({ ...good, lines: [{ ...good.lines[0]!, amountOre: 0.5 }] }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_BAD_ANSWER' } },
      ],
      [
        '401',
        () => ({ status: 401, body: '{"error":{"code":"UNAUTHORIZED","message":"token"}}' }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_TOKEN_REFUSED' } },
      ],
      [
        '429',
        () => ({ status: 429, body: '{"error":{"code":"BUSY","message":"slow down"}}' }),
        { code: 'SYNC_FAILED', details: { claim: 'CLAIM_BUSY' } },
      ],
      [
        'unknown doctor',
        () => ({
          status: 404,
          body: '{"error":{"code":"UNKNOWN_DOCTOR","message":"no such doctor on the roster"}}',
        }),
        { code: 'NOT_FOUND', details: { claim: 'CLAIM_UNKNOWN_DOCTOR' } },
      ],
      [
        'nothing to claim',
        () => ({
          status: 409,
          body: '{"error":{"code":"NOTHING_TO_CLAIM","message":"nothing to claim (2 open)"}}',
        }),
        { code: 'ALREADY_CLAIMED', details: { pending: '2' } },
      ],
      [
        'a conflict twice',
        () => ({ status: 409, body: '{"error":{"code":"CLAIM_CONFLICT","message":"retry"}}' }),
        { code: 'INVALID_STATE', details: { claim: 'CLAIM_CONFLICT' } },
      ],
    ];
    for (const [what, r, expected] of cases) {
      reply = r;
      const e = await h.fail('claim.export', { ...range, format: 'csv' });
      expect(e, what).toMatchObject(expected);
      nothingWritten();
    }
    // A conflict once is asked again, and the second answer is the claim.
    let n = 0;
    claimRequests.length = 0;
    reply = () =>
      n++ === 0
        ? { status: 409, body: '{"error":{"code":"CLAIM_CONFLICT","message":"retry"}}' }
        : ok(good);
    expect(await h.call('claim.export', { ...range, format: 'csv' })).toMatchObject({
      source: 'region',
      claimId: good.claimId,
    });
    expect(claimRequests).toHaveLength(2);
    // A reprint of a claim the server does not know, or answers for someone else: refused.
    reply = () => ({
      status: 404,
      body: '{"error":{"code":"NOT_FOUND","message":"no such claim"}}',
    });
    expect(
      await h.fail('claim.reprint', {
        claimId: '01955f00-0000-7000-8000-00000000dead',
        format: 'csv',
      }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    reply = () => ok({ ...good, claimId: '01955f00-0000-7000-8000-00000000beef' });
    expect(
      await h.fail('claim.reprint', {
        claimId: '01955f00-0000-7000-8000-00000000dead',
        format: 'csv',
      }),
    ).toMatchObject({ code: 'SYNC_FAILED', details: { claim: 'CLAIM_BAD_ANSWER' } });
    expect(rows('claims') + rows('claim_parts')).toBe(0);
  });

  it('R-CLAIM-5 the command line refuses to claim locally in a linked data folder', () => {
    h.close();
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'host/cli/main.ts',
        'claim',
        '--data',
        dir,
        '--doctor',
        NIGHT.anne,
        '--from',
        range.from,
        '--to',
        range.to,
        '--format',
        'csv',
        '--out',
        path.join(dir, 'x.csv'),
      ],
      {
        cwd: path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..'),
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/forbundet til en synkroniseringsserver/);
  });
});

it('R-CLAIM-3 a workstation never linked keeps its local claims (source local, marked here)', async () => {
  const local = testHost('2025-03-05T08:00:00.000Z');
  try {
    seedNight(local.ctx);
    await local.call('auth.signIn', { doctorId: NIGHT.anne, pin: NIGHT.pin });
    const f = await local.call('claim.export', { ...range, format: 'csv' });
    expect(f.source).toBe('local');
    expect(f.claimId).not.toBeNull();
    expect((await local.call('claim.list', {}))[0]).toMatchObject({
      claimId: f.claimId,
      source: 'local',
    });
    expect((await local.fail('claim.export', { ...range, format: 'csv' })).code).toBe(
      'ALREADY_CLAIMED',
    );
    expect(
      (local.db.prepare('SELECT COUNT(*) AS n FROM region_claims').get() as { n: number }).n,
    ).toBe(0);
  } finally {
    await local.shutdown();
  }
});
