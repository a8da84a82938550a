// The contract's sync.* methods, served by the host's sync controller (sync-link.ts).
// Configuring and disconnecting the server is for supervisors; the status is for everyone (the
// header shows it before sign-in too).
import { HostError } from '../../shared/contract/errors';
import type { SyncStatusView } from '../../shared/contract/sync';
import type { HostContext } from '../context';
import { nowIso, requireDoctor, requireRole } from '../context';
import { writeAudit } from '../stores/audit';
import { outboxCounts } from '../stores/outbox';
import { afterOutboxWrite } from './outbox-events';
import type { ImplPart } from './types';

type SyncMethod =
  | 'sync.status'
  | 'sync.configure'
  | 'sync.disconnect'
  | 'sync.now'
  | 'sync.problems'
  | 'sync.network';

export function syncMethods(ctx: HostContext): ImplPart<SyncMethod> {
  const control = () => {
    if (!ctx.sync) throw new HostError('INVALID_STATE', 'Sync is turned off for this host');
    return ctx.sync;
  };
  const audit = (doctorId: string, action: string, details: Record<string, unknown>) => {
    writeAudit(ctx.db, {
      at: nowIso(ctx),
      doctorId,
      deviceId: ctx.deviceId,
      action,
      subjectId: null,
      details,
    });
    afterOutboxWrite(ctx);
  };
  return {
    'sync.status': (): SyncStatusView => {
      if (ctx.sync) return ctx.sync.status();
      const { waiting, conflicts } = outboxCounts(ctx.db);
      return {
        configured: false,
        serverUrl: null,
        online: false,
        syncing: false,
        waiting,
        conflicts,
        rejected: 0,
        lastSuccessAt: null,
        clockSkewMs: null,
        clockWarning: false,
        lastError: null,
        role: null,
      };
    },
    'sync.configure': async ({ serverUrl, token }) => {
      const me = requireRole(ctx, 'supervisor');
      // The address is recorded (and sent with the first sync), never the token.
      return control().configure(serverUrl, token, (view) =>
        audit(me.id, 'sync-configure', { serverUrl: view.serverUrl, role: view.role }),
      );
    },
    'sync.disconnect': async () => {
      const me = requireRole(ctx, 'supervisor');
      const c = control();
      const was = c.status().serverUrl;
      await c.disconnect();
      audit(me.id, 'sync-disconnect', { serverUrl: was });
      return { ok: true as const };
    },
    'sync.now': () => {
      requireDoctor(ctx);
      return control().syncNow();
    },
    'sync.problems': () => {
      requireDoctor(ctx);
      return ctx.sync ? ctx.sync.problems() : [];
    },
    'sync.network': ({ online }) => {
      ctx.sync?.notifyNetwork(online);
      return { ok: true as const };
    },
  };
}
