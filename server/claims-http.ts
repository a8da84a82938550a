// POST /v1/claims and GET /v1/claims/{id} (R-CLAIM-5): a linked device (a doctor's workstation
// or a supervisor) asks the server to make and mark a doctor's claim over the region's records,
// and gets the claim back to print with the shared layouts; GET returns a stored claim for a
// reprint. The server is where claims are marked once a workstation is linked.
import { z } from 'zod';
import { isLocalDate } from '../shared/claims/period';
import type { Device } from './auth';
import {
  draftServerClaim,
  findRosterDoctor,
  NothingToClaimError,
  recordServerClaim,
  storedServerClaim,
} from './claims';
import { ClaimConflictError } from './store/claims-types';
import type { Storage } from './store/types';

/** A refusal http.ts answers with this status and code. */
export class ClaimRouteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const localDate = z.string().refine(isLocalDate, 'a date YYYY-MM-DD');
export const claimRequestSchema = z
  .object({ doctorId: z.string().min(1).max(64), from: localDate, to: localDate })
  .strict()
  .refine((r) => r.from <= r.to, 'from after to');

const CLAIM_PATH = /^\/v1\/claims\/([0-9a-f-]{36})$/;

/** The answer for a claims path, or null when the path is not one. */
export async function claimsRoute(
  store: Storage,
  method: string | undefined,
  path: string,
  body: () => Promise<Buffer>,
  device: Device,
): Promise<string | null> {
  const one = CLAIM_PATH.exec(path);
  if (one) {
    if (method !== 'GET') throw new ClaimRouteError(405, 'METHOD', 'use GET');
    const claim = await storedServerClaim(store, one[1]!);
    if (!claim) throw new ClaimRouteError(404, 'NOT_FOUND', 'no such claim');
    return JSON.stringify({ claim });
  }
  if (path !== '/v1/claims') return null;
  if (method !== 'POST') throw new ClaimRouteError(405, 'METHOD', 'use POST');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await body()));
  } catch {
    throw new ClaimRouteError(400, 'BAD_REQUEST', 'body is not JSON');
  }
  const req = claimRequestSchema.safeParse(json);
  if (!req.success) {
    const issue = req.error.issues[0];
    throw new ClaimRouteError(400, 'BAD_REQUEST', `${issue?.path.join('.')}: ${issue?.message}`);
  }
  const doctor = await findRosterDoctor(store, req.data.doctorId);
  if (!doctor) throw new ClaimRouteError(404, 'UNKNOWN_DOCTOR', 'no such doctor on the roster');
  const draft = await draftServerClaim(
    store,
    { doctorId: doctor.id, from: req.data.from, to: req.data.to },
    new Date().toISOString(),
  );
  try {
    const claim = await recordServerClaim(store, draft, { deviceId: device.id, createdBy: null });
    return JSON.stringify({ claim });
  } catch (e) {
    if (e instanceof NothingToClaimError)
      throw new ClaimRouteError(409, 'NOTHING_TO_CLAIM', `nothing to claim (${e.pending} open)`);
    if (e instanceof ClaimConflictError)
      throw new ClaimRouteError(409, 'CLAIM_CONFLICT', 'claimed meanwhile by another claim; retry');
    throw e;
  }
}
