// Contract entries for the sync link (issue 7, docs/sync-protocol.md "Workstation rules"): status for the
// console's header and settings screen, configuration (supervisors), a manual run, the list of
// items the server would not take, and the renderer's online/offline events.
import { z } from 'zod';
import { instant } from './models';

export const syncStatusSchema = z.object({
  configured: z.boolean(),
  serverUrl: z.string().nullable(),
  online: z.boolean(),
  syncing: z.boolean(),
  /** Outbox items still to push. */
  waiting: z.number().int(),
  /** Items the server answered `conflict` / `rejected`: kept and shown (sync.problems). */
  conflicts: z.number().int(),
  rejected: z.number().int(),
  lastSuccessAt: instant.nullable(),
  /** Server clock minus ours; more than 2 minutes either way sets clockWarning. */
  clockSkewMs: z.number().int().nullable(),
  clockWarning: z.boolean(),
  lastError: z.string().nullable(),
  /** The device's role on the server (null until known). */
  role: z.enum(['workstation', 'supervisor']).nullable(),
});
export type SyncStatusView = z.infer<typeof syncStatusSchema>;

/** A kept outbox item: what and why, never its payload (no CPR). */
export const syncProblemSchema = z.object({
  type: z.string(),
  id: z.string(),
  rev: z.number().int(),
  status: z.enum(['conflict', 'rejected']),
  reason: z.string(),
  at: z.string(),
});
export type SyncProblem = z.infer<typeof syncProblemSchema>;

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const syncMethods = {
  'sync.status': { input: empty, output: syncStatusSchema },
  /** Supervisors: checks /v1/health and the token, then saves (0600) and starts syncing. */
  'sync.configure': {
    input: z
      .object({
        serverUrl: z.string().trim().min(1).max(2000),
        token: z.string().trim().min(1).max(500),
      })
      .strict(),
    output: syncStatusSchema,
  },
  /** Supervisors: stops syncing and forgets the server; the outbox is kept. */
  'sync.disconnect': { input: empty, output: ok },
  'sync.now': { input: empty, output: syncStatusSchema },
  'sync.problems': { input: empty, output: z.array(syncProblemSchema) },
  /** The renderer's online/offline events (browser mode and Electron alike). */
  'sync.network': { input: z.object({ online: z.boolean() }).strict(), output: ok },
} as const;
