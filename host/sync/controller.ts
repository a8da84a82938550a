// What the host's other services see of the sync link: its controller and status shapes.
// Kept apart from sync-link.ts so the host context can name them without an import cycle.
import type { LoadResponse } from '../../shared/sync/protocol';
import type { RegionAuditReport } from '../../shared/audit/schema';
import type { RosterChange, RosterChangeAnswer } from '../../shared/sync/roster';
import type { SyncClient } from './client';

export interface SyncLink {
  readonly client: SyncClient;
  /**
   * POST /v1/roster (R-ROSTER-1): a roster change made on the server. Resolves with the server's
   * answer (validated); throws the transport's SyncHttpError when the server cannot be reached or
   * refuses, and SyncHttpError('server') when the answer is not the protocol's.
   */
  rosterChange?(change: RosterChange): Promise<RosterChangeAnswer>;
  stop(): Promise<void>;
}

export type DeviceRole = 'workstation' | 'supervisor';

/** What sync.status answers (the client's status plus configuration and the outbox split). */
export interface SyncView {
  configured: boolean;
  serverUrl: string | null;
  online: boolean;
  syncing: boolean;
  waiting: number;
  conflicts: number;
  rejected: number;
  lastSuccessAt: string | null;
  clockSkewMs: number | null;
  clockWarning: boolean;
  lastError: string | null;
  role: DeviceRole | null;
}

export interface SyncProblem {
  type: string;
  id: string;
  rev: number;
  status: 'conflict' | 'rejected';
  reason: string;
  at: string;
}

export interface SyncController {
  /** The running link, or null when no server is configured. */
  readonly link: SyncLink | null;
  status(): SyncView;
  /** Tests, saves and starts; `onSaved` runs once saved, before the first sync (audit rows). */
  configure(serverUrl: string, token: string, onSaved?: (v: SyncView) => void): Promise<SyncView>;
  disconnect(): Promise<void>;
  syncNow(): Promise<SyncView>;
  problems(limit?: number): SyncProblem[];
  notifyNetwork(online: boolean): void;
  /** /v1/load from the server when this device is a supervisor and the server answers; else null. */
  serverLoad(from: string, to: string): Promise<LoadResponse | null>;
  /** /v1/audit (R-AUDIT-1) when this is a supervisor device and the server answers; else null. */
  serverAudit?(from: string, to: string): Promise<RegionAuditReport | null>;
  /**
   * POST /v1/roster (R-ROSTER-1): a roster change made on the server. Resolves with the server's
   * answer (validated); throws the transport's SyncHttpError when the server cannot be reached or
   * refuses, and SyncHttpError('server') when the answer is not the protocol's.
   */
  rosterChange?(change: RosterChange): Promise<RosterChangeAnswer>;
  stop(): Promise<void>;
}
