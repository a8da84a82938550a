// The workstation's sync client (docs/sync-protocol.md "Workstation rules"): one loop at a time that pushes
// the outbox oldest first in batches and then pulls roster, rule sets and (for supervisors)
// everyone's records. Runs at start, after changes (debounced), on network regain and every
// 60 s; failures back off exponentially with jitter, honouring Retry-After.
import type Database from 'better-sqlite3';
import { payloadSchemas } from '../../shared/sync/items';
import type { AuditPayload, RosterDoctorPayload } from '../../shared/sync/items';
import type { Contact, Shift } from '../../shared/contract/models';
import type { RuleSet } from '../../shared/rules/schema';
import {
  MAX_PULL_LIMIT,
  MAX_PUSH_ITEMS,
  pullResponseSchema,
  pushResponseSchema,
} from '../../shared/sync/protocol';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from './backoff';
import type { BackoffOptions } from './backoff';
import { Outbox } from './outbox';
import type { Batch } from './outbox';
import { SyncState } from './state';
import { SyncHttpError, Transport } from './transport';
import type { FetchFn, HttpAnswer } from './transport';

/** More than this between the server's clock and ours is shown as a warning (docs/sync-protocol.md). */
export const CLOCK_SKEW_WARN_MS = 120_000;

export interface SyncStatus {
  /** The last exchange reached the server and it answered (not 5xx/429). */
  online: boolean;
  /** Outbox rows still to push. */
  waiting: number;
  /** Outbox rows the server answered `conflict` or `rejected`: kept and shown. */
  conflicts: number;
  lastSuccessAt: string | null;
  /** Server clock minus local clock, from the last answer; null until measured. */
  clockSkewMs: number | null;
  /** |clockSkewMs| > 2 minutes: band and fee decisions depend on the clock. */
  clockWarning: boolean;
  syncing: boolean;
  lastError: string | null;
  nextAttemptAt: string | null;
}

/** A pulled item with its payload validated against its record schema. */
export type PulledItem = { id: string; rev: number; deviceId: string } & (
  | { type: 'doctor'; payload: RosterDoctorPayload }
  | { type: 'rules'; payload: RuleSet }
  | { type: 'contact'; payload: Contact }
  | { type: 'shift'; payload: Shift }
  | { type: 'audit'; payload: AuditPayload }
);

export interface SyncStats {
  requests: number;
  failedRequests: number;
  batches: number;
  itemsSent: number;
  accepted: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
  pulled: number;
  pullInvalid: number;
}

export type SetTimer = (fn: () => void, ms: number) => () => void;

export interface SyncClientOptions {
  db: Database.Database;
  serverUrl: string;
  token: string;
  fetch?: FetchFn;
  now?: () => number;
  random?: () => number;
  onStatus?: (status: SyncStatus) => void;
  /**
   * Applies pulled items to the host's tables. Called synchronously inside a transaction that
   * also stores the new cursor, so items and cursor commit together or not at all.
   */
  applyPulled?: (items: PulledItem[], cursor: string) => void;
  backoff?: Partial<BackoffOptions>;
  intervalMs?: number;
  debounceMs?: number;
  requestTimeoutMs?: number;
  pullLimit?: number;
  /** Push batches in flight at once (default 2: the next is sent while one is stored). */
  pushConcurrency?: number;
  /** Timer factory; tests pass a fast clock. Defaults to unref'd setTimeout. */
  setTimer?: SetTimer;
  /**
   * Acknowledged outbox rows older than this are pruned after a successful sync (D87: 30 days,
   * long enough to look into a sync question; never a row not acknowledged).
   */
  outboxRetentionMs?: number;
}

/** D87: how long an acknowledged outbox row is kept on the workstation. */
export const DEFAULT_OUTBOX_RETENTION_MS = 30 * 86_400_000;

const defaultSetTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

const RETRYABLE = new Set(['network', 'server', 'throttled']);

/**
 * Our server's 400/413 concern the batch's content (split it, then reject the one bad item).
 * Anything else (a 404 from a wrong URL, a proxy's error page) is a failure with backoff and
 * never costs an item.
 */
const isBatchRefusal = (e: unknown): boolean =>
  e instanceof SyncHttpError && e.protocolError && (e.status === 400 || e.status === 413);

export class SyncClient {
  private readonly db: Database.Database;
  private readonly outbox: Outbox;
  private readonly state: SyncState;
  private readonly transport: Transport;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly setTimer: SetTimer;
  private readonly backoffOpts: BackoffOptions;
  private readonly intervalMs: number;
  private readonly debounceMs: number;
  private readonly pullLimit: number;
  private readonly pushConcurrency: number;

  private started = false;
  private loop: Promise<void> | null = null;
  private rerun = false;
  private failures = 0;
  private cancelTimer: (() => void) | null = null;
  private cancelDebounce: (() => void) | null = null;
  private abort = new AbortController();
  private lastEmitted = '';
  private lastProgressAt = 0;
  private readonly current: SyncStatus;
  readonly stats: SyncStats = {
    requests: 0,
    failedRequests: 0,
    batches: 0,
    itemsSent: 0,
    accepted: 0,
    duplicates: 0,
    conflicts: 0,
    rejected: 0,
    pulled: 0,
    pullInvalid: 0,
  };

  constructor(private readonly opts: SyncClientOptions) {
    this.db = opts.db;
    this.outbox = new Outbox(opts.db);
    this.state = new SyncState(opts.db);
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.setTimer = opts.setTimer ?? defaultSetTimer;
    this.backoffOpts = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.intervalMs = opts.intervalMs ?? 60_000;
    this.debounceMs = opts.debounceMs ?? 1_000;
    this.pullLimit = Math.min(opts.pullLimit ?? MAX_PULL_LIMIT, MAX_PULL_LIMIT);
    this.pushConcurrency = Math.max(1, opts.pushConcurrency ?? 2);
    this.transport = new Transport({
      serverUrl: opts.serverUrl,
      token: opts.token,
      fetch: opts.fetch ?? fetch,
      now: this.now,
      timeoutMs: opts.requestTimeoutMs ?? 30_000,
    });
    this.current = {
      online: false,
      ...this.outbox.counts(),
      lastSuccessAt: this.state.get('lastSuccessAt'),
      clockSkewMs: null,
      clockWarning: false,
      syncing: false,
      lastError: null,
      nextAttemptAt: null,
    };
  }

  status(): SyncStatus {
    return { ...this.current, ...this.outbox.counts() };
  }

  /** Starts the background loop: a sync now, then every interval (or backoff after failures). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.abort = new AbortController();
    void this.syncNow();
  }

  /** Stops timers, aborts a request in flight and waits for the loop to end. */
  async stop(): Promise<void> {
    this.started = false;
    this.cancelTimer?.();
    this.cancelDebounce?.();
    this.cancelTimer = this.cancelDebounce = null;
    this.abort.abort();
    await this.loop;
    this.current.nextAttemptAt = null;
    this.emit();
  }

  /**
   * Runs a sync now (or, if one is running, once more right after it) and resolves when done.
   * Never rejects: the outcome is in status().
   */
  syncNow(): Promise<void> {
    if (this.loop) {
      this.rerun = true;
      return this.loop;
    }
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.loop = this.runLoop().finally(() => {
      this.loop = null;
      this.scheduleNext();
    });
    return this.loop;
  }

  /** The host calls this after writing to the outbox; syncs after a quiet debounce period. */
  notifyChange(): void {
    this.emit();
    // While backing off, the retry timer decides: a busy workstation must not hammer a server
    // that is down or asking it to slow down.
    if (!this.started || this.failures > 0) return;
    this.cancelDebounce?.();
    this.cancelDebounce = this.setTimer(() => {
      this.cancelDebounce = null;
      if (this.started) void this.syncNow();
    }, this.debounceMs);
  }

  /** The shell reports network changes (Electron net / the renderer's online event). */
  notifyNetwork(online: boolean): void {
    if (!online) {
      this.current.online = false;
      this.emit();
      return;
    }
    this.failures = 0;
    if (this.started) void this.syncNow();
  }

  private async runLoop(): Promise<void> {
    do {
      this.rerun = false;
      await this.runOnce();
    } while (this.rerun && this.started && this.failures === 0);
  }

  private async runOnce(): Promise<void> {
    this.current.syncing = true;
    this.current.nextAttemptAt = null;
    this.emit();
    try {
      await this.pushAll();
      await this.pullAll();
      this.failures = 0;
      const at = new Date(this.now()).toISOString();
      this.state.set('lastSuccessAt', at);
      this.current.lastSuccessAt = at;
      this.current.online = true;
      this.current.lastError = null;
      const keepMs = this.opts.outboxRetentionMs ?? DEFAULT_OUTBOX_RETENTION_MS;
      this.outbox.pruneAcknowledged(new Date(this.now() - keepMs).toISOString());
    } catch (e) {
      if (this.abort.signal.aborted && !this.started) return;
      this.failures += 1;
      const err = e as Error;
      this.current.lastError = err.message;
      this.retryAfterMs =
        e instanceof SyncHttpError ? parseRetryAfter(e.retryAfter, this.now()) : null;
      // Only a network failure, 5xx or 429 means the server is not reachable for us; a 401 or
      // 404 came from a server that answered (the error text says what is wrong).
      if (e instanceof SyncHttpError) this.current.online = !RETRYABLE.has(e.kind);
    } finally {
      this.current.syncing = false;
      this.emit();
    }
  }

  private retryAfterMs: number | null = null;

  private scheduleNext(): void {
    if (!this.started) return;
    const delay =
      this.failures > 0
        ? backoffDelay(this.failures, this.random, this.backoffOpts, this.retryAfterMs)
        : this.intervalMs;
    this.current.nextAttemptAt = new Date(this.now() + delay).toISOString();
    this.emit();
    this.cancelTimer = this.setTimer(() => {
      this.cancelTimer = null;
      if (this.started) void this.syncNow();
    }, delay);
  }

  /**
   * One request to the server outside the sync loop (the region's claims, R-CLAIM-5), with the
   * client's token, timeout and failure classification. Throws SyncHttpError.
   */
  request(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpAnswer> {
    return this.call(method, path, body);
  }

  private async call(method: 'GET' | 'POST', path: string, body?: string) {
    this.stats.requests += 1;
    try {
      const answer = await this.transport.request(method, path, body, this.abort.signal);
      this.current.online = true;
      return answer;
    } catch (e) {
      this.stats.failedRequests += 1;
      throw e;
    }
  }

  private measureSkew(serverMs: number, sentAt: number, receivedAt: number): void {
    if (Number.isNaN(serverMs)) return;
    const skew = Math.round(serverMs - (sentAt + receivedAt) / 2);
    this.current.clockSkewMs = skew;
    this.current.clockWarning = Math.abs(skew) > CLOCK_SKEW_WARN_MS;
  }

  private async pushAll(): Promise<void> {
    if (this.pushConcurrency > 1) {
      try {
        await this.pushPipelined();
        return;
      } catch (e) {
        // A batch our server refused as a whole: finish the run one batch at a time, which
        // splits it down to the offending item.
        if (!isBatchRefusal(e)) throw e;
      }
    }
    await this.pushSequential();
  }

  /**
   * Keeps up to pushConcurrency batches in flight so the client prepares and sends the next
   * batch while the server stores the previous one. Order per record is kept: a batch that
   * shares an item id with a batch in flight waits for it, so a later revision is never sent
   * before the earlier one is acknowledged. Batches are disjoint seq ranges of the outbox.
   */
  private async pushPipelined(): Promise<void> {
    const inFlight = new Map<Promise<void>, Set<string>>();
    let failure: { error: unknown } | null = null;
    let afterSeq = 0;
    for (;;) {
      while (inFlight.size >= this.pushConcurrency) await Promise.race(inFlight.keys());
      if (failure || (!this.started && this.abort.signal.aborted)) break;
      const batch = this.outbox.nextBatch(afterSeq);
      if (!batch) break;
      const busy = [...inFlight.values()];
      if (busy.some((ids) => batch.rows.some((r) => ids.has(r.item_id)))) {
        await Promise.race(inFlight.keys());
        continue;
      }
      const sent: Promise<void> = this.pushBatch(batch)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => inFlight.delete(sent));
      inFlight.set(sent, new Set(batch.rows.map((r) => r.item_id)));
      afterSeq = batch.rows[batch.rows.length - 1]!.seq;
    }
    await Promise.all(inFlight.keys());
    if (failure) throw (failure as { error: unknown }).error;
  }

  /** One batch at a time; halves a batch our server refuses until the bad item is alone. */
  private async pushSequential(): Promise<void> {
    let afterSeq = 0;
    let maxItems = MAX_PUSH_ITEMS;
    for (;;) {
      if (!this.started && this.abort.signal.aborted) return;
      const batch = this.outbox.nextBatch(afterSeq, maxItems);
      if (!batch) return;
      try {
        await this.pushBatch(batch);
      } catch (e) {
        if (!isBatchRefusal(e)) throw e;
        if (batch.rows.length > 1) {
          maxItems = Math.max(1, Math.floor(batch.rows.length / 2));
          continue;
        }
        const row = batch.rows[0]!;
        this.outbox.keep(row.seq, 'rejected', (e as Error).message);
        this.stats.rejected += 1;
        afterSeq = row.seq;
        continue;
      }
      afterSeq = batch.rows[batch.rows.length - 1]!.seq;
      maxItems = Math.min(MAX_PUSH_ITEMS, maxItems * 2);
    }
  }

  /** Sends one batch and records the server's per-item outcomes in the outbox. */
  private async pushBatch(batch: Batch): Promise<void> {
    this.stats.batches += 1;
    this.stats.itemsSent += batch.rows.length;
    const answer = await this.call('POST', '/v1/push', batch.body);
    const parsed = pushResponseSchema.safeParse(answer.json);
    if (!parsed.success || parsed.data.results.length !== batch.rows.length) {
      throw new SyncHttpError('server', 200, 'push answer does not match the batch');
    }
    const results = parsed.data.results;
    batch.rows.forEach((row, i) => {
      if (results[i]!.id !== row.item_id || results[i]!.rev !== row.rev) {
        throw new SyncHttpError('server', 200, 'push answer is out of order');
      }
    });
    this.measureSkew(Date.parse(parsed.data.serverTime), answer.sentAt, answer.receivedAt);
    this.outbox.applyResults(batch.rows, results, new Date(this.now()).toISOString());
    for (const r of results) {
      if (r.status === 'accepted') this.stats.accepted += 1;
      else if (r.status === 'duplicate') this.stats.duplicates += 1;
      else if (r.status === 'conflict') this.stats.conflicts += 1;
      else this.stats.rejected += 1;
    }
    this.emit(true);
  }

  private async pullAll(): Promise<void> {
    const apply = this.opts.applyPulled;
    if (!apply) return;
    let cursor = this.state.get('cursor');
    for (;;) {
      const query = `limit=${this.pullLimit}${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await this.call('GET', `/v1/pull?${query}`);
      if (answer.date) this.measureSkewFromDate(answer.date, answer.sentAt, answer.receivedAt);
      const parsed = pullResponseSchema.safeParse(answer.json);
      if (!parsed.success) throw new SyncHttpError('server', 200, 'pull answer has a bad shape');
      const items: PulledItem[] = [];
      for (const item of parsed.data.items) {
        const payload = payloadSchemas[item.type].safeParse(item.payload);
        if (payload.success) items.push({ ...item, payload: payload.data } as PulledItem);
        else {
          // Skipped rather than blocking every later pull; counted and shown.
          this.stats.pullInvalid += 1;
          this.current.lastError = `pulled ${item.type} ${item.id} rev ${item.rev} is invalid`;
        }
      }
      const next = parsed.data.cursor;
      this.db.transaction(() => {
        apply(items, next);
        this.state.set('cursor', next);
      })();
      this.stats.pulled += items.length;
      cursor = next;
      if (!parsed.data.more) return;
    }
  }

  /** The Date header has 1 s resolution: good enough for a 2-minute warning, not better. */
  private measureSkewFromDate(date: string, sentAt: number, receivedAt: number): void {
    if (this.current.clockSkewMs !== null && !this.current.clockWarning) {
      const coarse = Date.parse(date) + 500 - (sentAt + receivedAt) / 2;
      if (Math.abs(coarse - this.current.clockSkewMs) < 2_000) return;
    }
    this.measureSkew(Date.parse(date) + 500, sentAt, receivedAt);
  }

  /**
   * Sends the status to onStatus if it changed. Progress updates during a long push are
   * throttled: counting the outbox costs a few ms, and the console needs no more than ~4/s.
   */
  private emit(progress = false): void {
    if (progress) {
      const t = performance.now();
      if (t - this.lastProgressAt < 250) return;
      this.lastProgressAt = t;
    }
    const s = this.status();
    const key = JSON.stringify(s);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.opts.onStatus?.(s);
  }
}
