// Connects the sync client (electron/host/sync) to a host when this data folder has a sync
// configuration: host outbox writes wake it, its status goes out as `sync` host events. Pull is
// left to the sync client's own apply hook (none given here, so only pushing happens).
import type { HostContext } from './context';
import { SyncClient } from './sync/client';
import { loadSyncConfig, type Decrypt } from './sync/config';

export interface SyncLink {
  readonly client: SyncClient;
  stop(): Promise<void>;
}

export function linkSync(ctx: HostContext, dataDir: string, decrypt?: Decrypt): SyncLink | null {
  let cfg;
  try {
    cfg = loadSyncConfig(dataDir, decrypt);
  } catch (err) {
    // A broken config must not keep the console from recording calls; it is reported instead.
    console.error('[host] sync configuration unreadable:', err);
    return null;
  }
  if (!cfg) return null;
  const client = new SyncClient({
    db: ctx.db,
    serverUrl: cfg.serverUrl,
    token: cfg.token,
    now: () => ctx.clock.now(),
    onStatus: (s) =>
      ctx.events.emit({
        type: 'sync',
        online: s.online,
        waiting: s.waiting,
        conflicts: s.conflicts,
        lastSuccessAt: s.lastSuccessAt,
        clockSkewMs: s.clockSkewMs === null ? null : Math.round(s.clockSkewMs),
      }),
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
