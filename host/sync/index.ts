export { SyncClient, CLOCK_SKEW_WARN_MS } from './client';
export type { PulledItem, SyncClientOptions, SyncStats, SyncStatus } from './client';
export { saveSyncConfig, loadSyncConfig, SYNC_CONFIG_FILE } from './config';
export type { SyncConfig } from './config';
export { backoffDelay, parseRetryAfter, DEFAULT_BACKOFF } from './backoff';
