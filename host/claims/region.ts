// Claims on a workstation linked to a sync server (R-CLAIM-5, D90–D94). The server makes and
// marks the claim (POST /v1/claims) over every workstation's records, through the sync client's
// transport (its token, timeout and failure classification); this file checks the answer
// against the shared claim schema and keeps a read-only copy for the claims screen's list and
// reprint (migrations/007). When the server cannot be reached the caller makes an offline
// statement instead; nothing here ever marks a local claim.
import { z } from 'zod';
import { claimSchema, type Claim } from '../../shared/claims/model';
import { HostError } from '../../shared/contract/errors';
import type { DB } from '../db/open';
import { SyncHttpError, type HttpAnswer } from '../sync/transport';

/** The one part of the sync client this needs (tests may pass a stand-in). */
export interface ServerRequester {
  request(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpAnswer>;
}

export interface RegionClaimRequest {
  doctorId: string;
  /** Inclusive local dates YYYY-MM-DD (the server claims date ranges). */
  from: string;
  to: string;
}

export type RegionClaimOutcome =
  | { kind: 'region'; claim: Claim }
  /** The server could not be reached (network, timeout, 5xx/503): make an offline statement. */
  | { kind: 'offline'; why: string };

const answerSchema = z.object({ claim: claimSchema });

/** Network failures and 5xx: the server is not there to ask. A 200 that is not JSON is not that. */
export function serverUnreachable(e: unknown): boolean {
  return (
    e instanceof SyncHttpError &&
    (e.kind === 'network' || (e.kind === 'server' && (e.status === null || e.status >= 500)))
  );
}

/** The protocol's error code from a SyncHttpError message ("HTTP 409 NOTHING_TO_CLAIM: …"). */
function protocolCode(e: SyncHttpError): string | null {
  return e.protocolError ? (/^HTTP \d+ ([A-Z_]+):/.exec(e.message)?.[1] ?? null) : null;
}

/** A refusal from a reachable server, as the host's error (details.claim: a stable code). */
function refusal(e: unknown): HostError {
  if (!(e instanceof SyncHttpError)) {
    return new HostError('SYNC_FAILED', `claim: ${String(e)}`, { claim: 'CLAIM_REFUSED' });
  }
  const code = protocolCode(e);
  if (e.kind === 'auth')
    return new HostError('SYNC_FAILED', e.message, { claim: 'CLAIM_TOKEN_REFUSED' });
  if (e.kind === 'throttled')
    return new HostError('SYNC_FAILED', e.message, { claim: 'CLAIM_BUSY' });
  if (code === 'NOTHING_TO_CLAIM') {
    const pending = /\((\d+) open\)/.exec(e.message)?.[1] ?? '0';
    return new HostError('ALREADY_CLAIMED', 'Nothing to claim in the period (server)', { pending });
  }
  if (code === 'CLAIM_CONFLICT')
    return new HostError('INVALID_STATE', e.message, { claim: 'CLAIM_CONFLICT' });
  if (code === 'UNKNOWN_DOCTOR')
    return new HostError('NOT_FOUND', e.message, { claim: 'CLAIM_UNKNOWN_DOCTOR' });
  if (e.kind === 'server') return badAnswer(e.message);
  return new HostError('SYNC_FAILED', e.message, { claim: 'CLAIM_REFUSED' });
}

function badAnswer(why: string): HostError {
  return new HostError('SYNC_FAILED', `The server's answer is not a claim: ${why}`, {
    claim: 'CLAIM_BAD_ANSWER',
  });
}

/**
 * The claim in a server's answer, checked: the claim schema, a stored claim (an id, not a
 * statement), and consistent with what was asked. Anything else is refused (nothing is written).
 */
export function checkedClaim(
  json: unknown,
  expect: { claimId?: string; doctorId?: string; from?: string; to?: string },
): Claim {
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badAnswer(`${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const { claim } = parsed.data;
  if (claim.claimId === null || claim.preliminary) throw badAnswer('not a stored claim');
  if (expect.claimId !== undefined && claim.claimId !== expect.claimId)
    throw badAnswer('another claim id');
  if (expect.doctorId !== undefined && claim.doctor.id !== expect.doctorId)
    throw badAnswer('another doctor');
  if (
    expect.from !== undefined &&
    (claim.period.kind !== 'range' ||
      claim.period.from !== expect.from ||
      claim.period.to !== expect.to)
  )
    throw badAnswer('another period');
  const sum = claim.lines.reduce((s, l) => s + l.amountOre, 0);
  const byCode = claim.totals.byCode.reduce((s, t) => s + t.amountOre, 0);
  if (sum !== claim.totals.grandTotalOre || byCode !== sum) throw badAnswer('totals do not add up');
  return claim;
}

/**
 * Asks the server to make and mark the doctor's claim. A claim that another claim overtook
 * (409 CLAIM_CONFLICT) is asked for once more. Unreachable → { kind: 'offline' }; any other
 * failure is a HostError, and never a local claim.
 */
export async function claimOnServer(
  server: ServerRequester,
  req: RegionClaimRequest,
): Promise<RegionClaimOutcome> {
  const body = JSON.stringify({ doctorId: req.doctorId, from: req.from, to: req.to });
  for (let attempt = 1; ; attempt++) {
    let answer: HttpAnswer;
    try {
      answer = await server.request('POST', '/v1/claims', body);
    } catch (e) {
      if (serverUnreachable(e)) return { kind: 'offline', why: (e as Error).message };
      if (e instanceof SyncHttpError && protocolCode(e) === 'CLAIM_CONFLICT' && attempt < 2)
        continue;
      throw refusal(e);
    }
    return { kind: 'region', claim: checkedClaim(answer.json, req) };
  }
}

/** A stored region claim from the server (GET /v1/claims/ID), for a reprint; null if unknown. */
export async function fetchServerClaim(
  server: ServerRequester,
  claimId: string,
): Promise<Claim | null> {
  let answer: HttpAnswer;
  try {
    answer = await server.request('GET', `/v1/claims/${claimId}`);
  } catch (e) {
    if (e instanceof SyncHttpError && e.status === 404) return null;
    if (serverUnreachable(e))
      throw new HostError('SYNC_FAILED', (e as Error).message, {
        claim: 'CLAIM_SERVER_UNREACHABLE',
      });
    throw refusal(e);
  }
  return checkedClaim(answer.json, { claimId });
}

/**
 * This workstation has worked with a sync server (a sync succeeded, or it holds a region claim):
 * its contacts may be claimed in the region, so it must not claim locally even once unlinked.
 */
export function wasLinked(db: DB): boolean {
  const copies = db.prepare('SELECT 1 FROM region_claims LIMIT 1').get();
  if (copies) return true;
  try {
    return !!db.prepare("SELECT 1 FROM sync_state WHERE key = 'lastSuccessAt'").get();
  } catch {
    return false; // no sync_state table: never configured
  }
}

/** Keeps a read-only copy of a region claim (once per id; append-only table). */
export function keepRegionCopy(db: DB, claim: Claim, serverUrl: string, receivedAt: string): void {
  db.prepare(
    `INSERT OR IGNORE INTO region_claims (id, doctor_id, doctor_name, period_from, period_to,
       created_at, server_url, received_at, line_count, separate_count, total_ore, canonical)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    claim.claimId,
    claim.doctor.id,
    claim.doctor.name,
    claim.period.from,
    claim.period.to,
    claim.generatedAt,
    serverUrl,
    receivedAt,
    claim.lines.length,
    claim.separate.length,
    claim.totals.grandTotalOre,
    JSON.stringify(claimSchema.parse(claim)),
  );
}

export interface RegionCopyRow {
  id: string;
  doctorId: string;
  doctorName: string;
  periodFrom: string;
  periodTo: string;
  createdAt: string;
  lineCount: number;
  separateCount: number;
  totalOre: number;
}

/** The copies kept here, newest first; one doctor's or everyone's. */
export function listRegionCopies(db: DB, doctorId: string | null): RegionCopyRow[] {
  const sql = `SELECT id, doctor_id AS doctorId, doctor_name AS doctorName,
      period_from AS periodFrom, period_to AS periodTo, created_at AS createdAt,
      line_count AS lineCount, separate_count AS separateCount, total_ore AS totalOre
      FROM region_claims`;
  return (
    doctorId
      ? db.prepare(`${sql} WHERE doctor_id = ? ORDER BY seq DESC`).all(doctorId)
      : db.prepare(`${sql} ORDER BY seq DESC`).all()
  ) as RegionCopyRow[];
}

/** A kept copy exactly as received, or null. */
export function regionCopy(db: DB, claimId: string): Claim | null {
  const r = db.prepare('SELECT canonical FROM region_claims WHERE id = ?').get(claimId) as
    { canonical: string } | undefined;
  return r ? claimSchema.parse(JSON.parse(r.canonical)) : null;
}
