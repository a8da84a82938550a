// The sync server's storage, split per aggregate so more stores (claims, audit, …) can be added
// beside these without one interface that knows everything. Two backends implement it:
// embedded SQLite (store/sqlite, the default) and PostgreSQL (store/pg). Every call is async so
// both fit; the SQLite ones simply finish synchronously.
import type { ClaimStore } from './claims-types';

export type DeviceRole = 'workstation' | 'supervisor';

export interface DeviceRow {
  id: string;
  name: string;
  role: DeviceRole;
  tokenHash: string;
  createdAt: string;
}

export interface DeviceStore {
  add(row: DeviceRow): Promise<void>;
  /** True if an active device was revoked. */
  revoke(id: string, at: string): Promise<boolean>;
  /** The active device holding this token hash. */
  byTokenHash(tokenHash: string): Promise<{ id: string; name: string; role: DeviceRole } | null>;
  exists(id: string): Promise<boolean>;
}

/** One stored revision as the push and reference logic sees it (no payload). */
export interface RevisionState {
  id: string;
  rev: number;
  type: string;
  deviceId: string;
  hash: string;
}

export interface NewItem {
  id: string;
  type: string;
  rev: number;
  deviceId: string;
  payload: string;
  hash: string;
  storedAt: string;
  /** For contacts: the fields the load report indexes (contacts_latest). */
  contact?: { answeredAt: string; status: string };
}

/** The item log inside one serialised write (see ItemStore.write). */
export interface ItemWriteTx {
  /** Every stored revision of these ids. */
  revisions(ids: readonly string[]): Promise<RevisionState[]>;
  /** Appends the items in order; each gets the next seq. */
  insert(items: readonly NewItem[]): Promise<void>;
}

export interface StoredItem {
  seq: number;
  id: string;
  type: string;
  rev: number;
  deviceId: string;
  payload: string;
}

export interface ExportedItem extends StoredItem {
  hash: string;
  storedAt: string;
}

export interface ItemWriteOptions {
  /**
   * Payloads the write may insert, handed over before it starts so a backend can store them
   * outside the serialised part (PostgreSQL does, D49). Giving more than is inserted is harmless.
   * `hash` is contentHash(text), as the items' own hash.
   */
  payloads?: readonly { text: string; hash: string }[];
}

export interface ItemStore {
  /**
   * Runs fn as one transaction that no other item write (in this or any other server process)
   * interleaves with: what fn reads stays true until it commits, and seqs become visible in
   * order (the pull cursor relies on this; the PostgreSQL backend explains how).
   */
  write<T>(fn: (tx: ItemWriteTx) => Promise<T>, opts?: ItemWriteOptions): Promise<T>;
  /** Items after seq `after` in seq order; `deviceId` null for everything (supervisors). */
  pull(after: number, deviceId: string | null, limit: number): Promise<StoredItem[]>;
  /** Latest payload of each id of a type (doctors, rule sets). */
  latestOfType(type: string): Promise<string[]>;
  /** Every stored item in seq order, in pages (migrate-to). */
  page(after: number, limit: number): Promise<ExportedItem[]>;
  /** Writes items with their own seq (migrate-to), so workstations' cursors stay valid. */
  importItems(items: readonly (NewItem & { seq: number })[]): Promise<void>;
  count(): Promise<number>;
}

export interface LoadStore {
  /** Payloads of the latest revision of non-voided contacts answered in [from, to). */
  contactsAnswered(fromIso: string, toIso: string): Promise<string[]>;
}

/** One change to the roster made on the server (R-ROSTER-1): who, when, from which device. */
export interface RosterAuditRow {
  id: string;
  at: string;
  /** Who acted: "server CLI (os-bruger NAME)" or a supervisor device's doctor. */
  actor: string;
  /** The device it came from; null for the server's own command line. */
  deviceId: string | null;
  action: string;
  doctorId: string;
  /** JSON object of what changed (never a PIN or its hash). */
  details: string;
}

export interface RosterAuditStore {
  add(row: RosterAuditRow): Promise<void>;
  /** Newest first. */
  list(doctorId: string | null, limit: number): Promise<RosterAuditRow[]>;
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgresql';
  readonly devices: DeviceStore;
  readonly items: ItemStore;
  readonly load: LoadStore;
  /** Claims made on the server over every workstation's records (R-CLAIM-5). */
  readonly claims: ClaimStore;
  readonly rosterAudit: RosterAuditStore;
  /** Every device row, for migrate-to. */
  allDevices(): Promise<(DeviceRow & { revokedAt: string | null })[]>;
  /** Writes device rows as they are (migrate-to). */
  importDevices(rows: (DeviceRow & { revokedAt: string | null })[]): Promise<void>;
  close(): Promise<void>;
}

/** The database cannot be reached right now (restarting, pool exhausted, locked): answer 503. */
export class StorageUnavailableError extends Error {}

/** The database was written by a newer server version; this one must not touch it. */
export class StorageTooNewError extends Error {}
