// Connects the sync client (host/sync) to a host. When the data folder has a sync
// configuration the client runs: host outbox writes wake it, pulled roster, rule sets and other
// devices' records are applied (sync-apply.ts, same transaction as the cursor), and its status
// goes out as `sync` host events. The controller also serves the contract's sync.* methods
// (configure / disconnect / now / status / problems / network) and the supervisor's server load.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { HostError } from '../shared/contract/errors';
import { createTariff } from '../shared/tariff';
import { healthResponseSchema, loadResponseSchema } from '../shared/sync/protocol';
import { regionAuditSchema } from '../shared/audit/schema';
import { rosterChangeAnswerSchema } from '../shared/sync/roster';
import type { HostContext } from './context';
import { bandNow } from './impl/clock';
import { allRuleSets } from './impl/rules';
import { applyPulledItems } from './sync-apply';
import { SyncClient, type SyncClientOptions, type SyncStatus } from './sync/client';
import { SyncHttpError, Transport } from './sync/transport';
import type {
  DeviceRole,
  SyncController,
  SyncLink,
  SyncProblem,
  SyncView,
} from './sync/controller';
import {
  loadSyncConfig,
  saveSyncConfig,
  SYNC_CONFIG_FILE,
  type Decrypt,
  type Encrypt,
} from './sync/config';

export type { DeviceRole, SyncController, SyncLink, SyncProblem, SyncView };

export interface SyncLinkOptions {
  decrypt?: Decrypt;
  encrypt?: Encrypt;
  /** Overrides for the sync client (tests: fast timers, fetch). */
  client?: Partial<SyncClientOptions>;
  fetch?: typeof fetch;
  /** Timeout of the health check, role probe and server load request (default 5 s). */
  requestTimeoutMs?: number;
}

const CPR_LIKE = /\b\d{6}-?\d{4}\b/g;

/** http(s) with a host, no credentials in the URL; returns it without trailing slashes. */
export function normaliseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new HostError('VALIDATION', 'The server address is not a URL', {
      serverUrl: 'SYNC_URL',
    });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new HostError('VALIDATION', 'The server address must be http(s)', {
      serverUrl: 'SYNC_URL',
    });
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new HostError('VALIDATION', 'The server address must not carry credentials or a query', {
      serverUrl: 'SYNC_URL',
    });
  }
  return url.toString().replace(/\/+$/, '');
}

/**
 * Checks a server before its address and token are saved: /v1/health must answer protocol 1,
 * and the token must be known (probed with an empty /v1/load: 200 = supervisor device, 403 =
 * workstation device, 401 = unknown or revoked token). Throws HostError with field details.
 */
export async function checkSyncServer(
  serverUrl: string,
  token: string,
  opts: { fetch?: typeof fetch; timeoutMs?: number; nowIso?: string } = {},
): Promise<DeviceRole> {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  if (!/^[\x21-\x7e]{1,500}$/.test(token)) {
    throw new HostError('VALIDATION', 'The device token is not valid', { token: 'SYNC_TOKEN' });
  }
  let health: unknown;
  try {
    const res = await doFetch(`${serverUrl}/v1/health`, { signal: AbortSignal.timeout(timeoutMs) });
    health = res.ok ? await res.json() : null;
  } catch {
    throw new HostError('SYNC_FAILED', 'The server did not answer', {
      serverUrl: 'SYNC_UNREACHABLE',
    });
  }
  if (!healthResponseSchema.safeParse(health).success) {
    throw new HostError('SYNC_FAILED', 'Not a Vagtkonsol sync server (protocol 1)', {
      serverUrl: 'SYNC_NOT_SERVER',
    });
  }
  const at = opts.nowIso ?? new Date().toISOString();
  let status: number;
  try {
    const res = await doFetch(
      `${serverUrl}/v1/load?from=${encodeURIComponent(at)}&to=${encodeURIComponent(at)}`,
      { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) },
    );
    await res.text().catch(() => '');
    status = res.status;
  } catch {
    status = 0;
  }
  if (status === 200) return 'supervisor';
  if (status === 403) return 'workstation';
  if (status === 401) {
    throw new HostError('SYNC_FAILED', 'The server refused the device token', {
      token: 'SYNC_TOKEN_REFUSED',
    });
  }
  throw new HostError('SYNC_FAILED', 'The server did not answer', {
    serverUrl: 'SYNC_UNREACHABLE',
  });
}

export function createSyncController(
  ctx: HostContext,
  dataDir: string,
  opts: SyncLinkOptions = {},
): SyncController {
  const doFetch = opts.fetch ?? opts.client?.fetch ?? fetch;
  const timeoutMs = opts.requestTimeoutMs ?? 5_000;
  let link: SyncLink | null = null;
  let cfg: { serverUrl: string; token: string } | null = null;
  let role: DeviceRole | null = null;

  const get = (path: string, token?: string) =>
    doFetch(cfg ? `${cfg.serverUrl}${path}` : path, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });

  /** 200 from /v1/load → supervisor; 403 → workstation; 401 → bad token; else unknown. */
  async function probeRole(
    serverUrl: string,
    token: string,
  ): Promise<DeviceRole | 'unauthorised' | null> {
    const at = new Date(ctx.clock.now()).toISOString();
    try {
      const res = await doFetch(
        `${serverUrl}/v1/load?from=${encodeURIComponent(at)}&to=${encodeURIComponent(at)}`,
        {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(timeoutMs),
        },
      );
      await res.text().catch(() => '');
      if (res.status === 200) return 'supervisor';
      if (res.status === 403) return 'workstation';
      if (res.status === 401) return 'unauthorised';
      return null;
    } catch {
      return null;
    }
  }

  function outboxSplit(): { waiting: number; conflicts: number; rejected: number } {
    const rows = ctx.db
      .prepare(
        `SELECT status, count(*) AS n FROM outbox
         WHERE status IN ('pending', 'conflict', 'rejected') GROUP BY status`,
      )
      .all() as { status: string; n: number }[];
    const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
    return { waiting: n('pending'), conflicts: n('conflict'), rejected: n('rejected') };
  }

  function lastSuccessStored(): string | null {
    try {
      const r = ctx.db.prepare("SELECT value FROM sync_state WHERE key = 'lastSuccessAt'").get() as
        { value: string } | undefined;
      return r?.value ?? null;
    } catch {
      return null; // no sync_state table before the first configuration
    }
  }

  function emitStatus(s: SyncStatus | null): void {
    const split = outboxSplit();
    ctx.events.emit({
      type: 'sync',
      configured: s !== null,
      online: s?.online ?? false,
      waiting: split.waiting,
      conflicts: split.conflicts + split.rejected,
      lastSuccessAt: s ? s.lastSuccessAt : lastSuccessStored(),
      clockSkewMs: s?.clockSkewMs == null ? null : Math.round(s.clockSkewMs),
    });
  }

  function afterApply(outcome: { roster: boolean; rules: boolean; skipped: string[] }): void {
    for (const s of outcome.skipped) console.warn(`[host] sync: ${s}`);
    if (!outcome.roster && !outcome.rules) return;
    // Runs after the pull transaction returns, and reads what it committed.
    queueMicrotask(() => {
      if (outcome.rules) {
        try {
          ctx.tariff = createTariff(allRuleSets(ctx.db));
          ctx.events.emit({ type: 'band', band: bandNow(ctx) });
        } catch (err) {
          console.error('[host] sync: rule sets could not be loaded:', err);
        }
      }
      if (outcome.roster) ctx.events.emit({ type: 'roster' });
    });
  }

  function startLink(c: { serverUrl: string; token: string }): SyncLink {
    const client = new SyncClient({
      db: ctx.db,
      serverUrl: c.serverUrl,
      token: c.token,
      now: () => ctx.clock.now(),
      onStatus: (s) => emitStatus(s),
      applyPulled: (items) =>
        afterApply(
          applyPulledItems(ctx.db, ctx.deviceId, items, new Date(ctx.clock.now()).toISOString()),
        ),
      ...opts.client,
    });
    const unsubscribe = ctx.events.subscribe((e) => {
      if (e.type === 'outbox') client.notifyChange();
    });
    client.start();
    return {
      client,
      async stop() {
        unsubscribe();
        await client.stop();
      },
    };
  }

  function view(): SyncView {
    const s = link?.client.status() ?? null;
    const split = outboxSplit();
    return {
      configured: link !== null,
      serverUrl: cfg?.serverUrl ?? null,
      online: s?.online ?? false,
      syncing: s?.syncing ?? false,
      ...split,
      lastSuccessAt: s ? s.lastSuccessAt : lastSuccessStored(),
      clockSkewMs: s?.clockSkewMs == null ? null : Math.round(s.clockSkewMs),
      clockWarning: s?.clockWarning ?? false,
      lastError: s?.lastError ? s.lastError.replace(CPR_LIKE, '••••••-••••') : null,
      role: link ? role : null,
    };
  }

  // Start-up: run the configured link, if any, and learn this device's role in the background.
  try {
    cfg = loadSyncConfig(dataDir, opts.decrypt);
  } catch (err) {
    // A broken config must not keep the console from recording calls; it is reported instead.
    console.error('[host] sync configuration unreadable:', err);
    cfg = null;
  }
  if (cfg) {
    cfg = { ...cfg, serverUrl: cfg.serverUrl.replace(/\/+$/, '') };
    link = startLink(cfg);
    const probing = cfg;
    void probeRole(probing.serverUrl, probing.token).then((r) => {
      if (cfg === probing && (r === 'supervisor' || r === 'workstation')) role = r;
    });
  }

  return {
    get link() {
      return link;
    },
    status: view,
    async configure(serverUrlRaw, tokenRaw, onSaved) {
      const serverUrl = normaliseServerUrl(serverUrlRaw);
      const token = tokenRaw.trim();
      const probed = await checkSyncServer(serverUrl, token, {
        fetch: doFetch,
        timeoutMs,
        nowIso: new Date(ctx.clock.now()).toISOString(),
      });
      // Save (0600, encrypted when the shell can) and restart the loop on the new server.
      const previous = cfg?.serverUrl ?? null;
      if (link) await link.stop();
      link = null;
      saveSyncConfig(dataDir, { serverUrl, token }, opts.encrypt);
      if (previous !== serverUrl) {
        // Another server: its cursor means nothing here; pull from the start.
        try {
          ctx.db.prepare("DELETE FROM sync_state WHERE key = 'cursor'").run();
        } catch {
          /* no sync_state table yet */
        }
      }
      cfg = { serverUrl, token };
      role = probed;
      link = startLink(cfg);
      onSaved?.(view());
      await link.client.syncNow();
      return view();
    },
    async disconnect() {
      if (link) await link.stop();
      link = null;
      cfg = null;
      role = null;
      rmSync(join(dataDir, SYNC_CONFIG_FILE), { force: true });
      // The outbox is kept: nothing recorded is dropped, it waits for the next server.
      emitStatus(null);
    },
    async syncNow() {
      if (!link) throw new HostError('INVALID_STATE', 'No sync server is configured');
      await link.client.syncNow();
      return view();
    },
    problems(limit = 200) {
      const rows = ctx.db
        .prepare(
          `SELECT type, item_id AS id, rev, status, last_error AS reason, created_at AS at
             FROM outbox WHERE status IN ('conflict', 'rejected') ORDER BY seq LIMIT ?`,
        )
        .all(limit) as Array<Omit<SyncProblem, 'reason'> & { reason: string | null }>;
      // The list shows type, id, revision and reason only; a reason never shows a CPR number.
      return rows.map((r) => ({
        ...r,
        reason: (r.reason ?? r.status).replace(CPR_LIKE, '••••••-••••').slice(0, 500),
      }));
    },
    notifyNetwork(online) {
      link?.client.notifyNetwork(online);
    },
    async serverLoad(from, to) {
      if (!link || !cfg || role === 'workstation') return null;
      try {
        const res = await get(
          `/v1/load?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
          cfg.token,
        );
        const text = await res.text();
        if (res.status === 403) {
          role = 'workstation';
          return null;
        }
        if (!res.ok) return null;
        const parsed = loadResponseSchema.safeParse(JSON.parse(text));
        if (!parsed.success) return null;
        role = 'supervisor';
        return parsed.data;
      } catch {
        return null;
      }
    },
    async serverAudit(from, to) {
      if (!link || !cfg || role === 'workstation') return null;
      try {
        const res = await get(
          `/v1/audit?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
          cfg.token,
        );
        const text = await res.text();
        if (!res.ok) return null;
        const parsed = regionAuditSchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async rosterChange(change) {
      if (!link || !cfg) throw new HostError('INVALID_STATE', 'No sync server is configured');
      const transport = new Transport({
        serverUrl: cfg.serverUrl,
        token: cfg.token,
        fetch: doFetch,
        now: () => ctx.clock.now(),
        timeoutMs,
      });
      const res = await transport.request(
        'POST',
        '/v1/roster',
        JSON.stringify(change),
        new AbortController().signal,
      );
      const parsed = rosterChangeAnswerSchema.safeParse(res.json);
      if (!parsed.success) {
        throw new SyncHttpError('server', 200, "the roster answer is not the protocol's");
      }
      role = 'supervisor';
      return parsed.data;
    },
    async stop() {
      if (link) await link.stop();
    },
  };
}
