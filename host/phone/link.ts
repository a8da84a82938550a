// The phone link's life: listening only while a supervisor has it enabled (R-PHONE-1). The host
// starts it at launch when enabled; phone.configure restarts or stops it.
import type { HostContext } from '../context';
import type { PhoneLink } from './types';
import { readPhoneConfig } from './store';
import { startPhoneServer, type PhoneServer, type RateLimit } from './server';

export function createPhoneLink(ctx: HostContext, opts: { rate?: RateLimit } = {}): PhoneLink {
  let server: PhoneServer | null = null;
  let lastError: string | null = null;
  let limitedBefore = 0;
  let chain: Promise<void> = Promise.resolve();
  /** Set by stop(): the host is closing; nothing may start listening again. */
  let stopped = false;

  const stopNow = async () => {
    if (!server) return;
    const s = server;
    server = null;
    limitedBefore += s.rateLimited();
    await s.close();
  };

  const apply = () =>
    (chain = chain.then(async () => {
      await stopNow();
      if (stopped || !ctx.db.open) return;
      let cfg;
      try {
        cfg = readPhoneConfig(ctx.db, new Date(ctx.clock.now()).toISOString());
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        return;
      }
      if (!cfg.enabled) return;
      try {
        server = await startPhoneServer(ctx, {
          port: cfg.port,
          // Read per request: a new key takes effect at once.
          key: () => readPhoneConfig(ctx.db, new Date(ctx.clock.now()).toISOString()).key,
          rate: opts.rate,
        });
        lastError = null;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        console.error('[phone] could not listen:', lastError);
      }
    }));

  return {
    apply,
    status: () => ({
      listening: server !== null,
      url: server?.url ?? null,
      lastError,
      rateLimited: limitedBefore + (server?.rateLimited() ?? 0),
    }),
    stop: () => {
      stopped = true;
      return (chain = chain.then(stopNow));
    },
  };
}
