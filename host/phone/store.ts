// The phone link's settings (one row, off until a supervisor enables it) and its refusal log
// (append-only; never a CPR number or a caller number). R-PHONE-1, docs/phone-link.md.
import { randomBytes } from 'node:crypto';
import type { DB } from '../db/open';
import { q } from '../db/sql';

export const DEFAULT_PHONE_PORT = 47311;
export const DEFAULT_MAX_SKEW_SECONDS = 10;
export const DEFAULT_MAX_AGE_SECONDS = 300;

export interface PhoneConfig {
  enabled: boolean;
  key: string;
  port: number;
  maxSkewSeconds: number;
  maxAgeSeconds: number;
}

interface Row {
  enabled: number;
  key: string;
  port: number;
  max_skew_seconds: number;
  max_age_seconds: number;
}

export function newPhoneKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The settings, created (disabled, with a fresh key) on first read. */
export function readPhoneConfig(db: DB, at: string): PhoneConfig {
  let r = q(db, 'SELECT * FROM phone_link WHERE singleton = 1').get() as Row | undefined;
  if (!r) {
    q(
      db,
      `INSERT OR IGNORE INTO phone_link (singleton, enabled, key, port, max_skew_seconds, max_age_seconds, updated_at)
       VALUES (1, 0, ?, ?, ?, ?, ?)`,
    ).run(newPhoneKey(), DEFAULT_PHONE_PORT, DEFAULT_MAX_SKEW_SECONDS, DEFAULT_MAX_AGE_SECONDS, at);
    r = q(db, 'SELECT * FROM phone_link WHERE singleton = 1').get() as Row;
  }
  return {
    enabled: r.enabled === 1,
    key: r.key,
    port: r.port,
    maxSkewSeconds: r.max_skew_seconds,
    maxAgeSeconds: r.max_age_seconds,
  };
}

export function writePhoneConfig(db: DB, c: PhoneConfig, at: string, by: string | null): void {
  readPhoneConfig(db, at);
  q(
    db,
    `UPDATE phone_link SET enabled = ?, key = ?, port = ?, max_skew_seconds = ?, max_age_seconds = ?,
       updated_at = ?, updated_by = ? WHERE singleton = 1`,
  ).run(c.enabled ? 1 : 0, c.key, c.port, c.maxSkewSeconds, c.maxAgeSeconds, at, by);
}

export interface RefusalRow {
  at: string;
  eventType: string | null;
  callId: string | null;
  agentAuthId: string | null;
  reason: string;
}

export function logRefusal(db: DB, r: RefusalRow): void {
  q(
    db,
    'INSERT INTO phone_refusals (at, event_type, call_id, agent_auth_id, reason) VALUES (?, ?, ?, ?, ?)',
  ).run(r.at, r.eventType, r.callId, r.agentAuthId, r.reason);
}

export function listRefusals(db: DB, limit: number): RefusalRow[] {
  const rows = q(
    db,
    'SELECT at, event_type, call_id, agent_auth_id, reason FROM phone_refusals ORDER BY seq DESC LIMIT ?',
  ).all(limit) as Array<{
    at: string;
    event_type: string | null;
    call_id: string | null;
    agent_auth_id: string | null;
    reason: string;
  }>;
  return rows.map((r) => ({
    at: r.at,
    eventType: r.event_type,
    callId: r.call_id,
    agentAuthId: r.agent_auth_id,
    reason: r.reason,
  }));
}

export function contactIdOfCall(db: DB, callId: string): string | null {
  const r = q(db, 'SELECT id FROM contacts WHERE phone_call_id = ?').get(callId) as
    { id: string } | undefined;
  return r?.id ?? null;
}

export function markPhoneContact(db: DB, contactId: string, callId: string): void {
  q(db, "UPDATE contacts SET source = 'phone', phone_call_id = ? WHERE id = ?").run(
    callId,
    contactId,
  );
}
