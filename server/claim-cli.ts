// `claim` and `reprint-claim` on the server (R-CLAIM-5, server/README.md): a doctor's claim over
// every workstation's records, on either backend. As on the workstation (host/cli/claim.ts) the
// file is written first and the parts marked after: a failed write marks nothing, so a retry
// works; a mark that then fails removes the file, so no unmarked claim lies about.
import { existsSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { CLAIM_FORMATS, claimFormatSchema, type ClaimFormat } from '../shared/claims/model';
import { isLocalDate } from '../shared/claims/period';
import { writeFileSafely } from '../node/safe-write';
import { claimBytes } from './claim-files';
import {
  draftServerClaim,
  findRosterDoctor,
  NothingToClaimError,
  recordServerClaim,
  storedServerClaim,
} from './claims';
import { ClaimConflictError } from './store/claims-types';
import type { Storage } from './store/types';

/** A bad argument: main.ts prints it as a usage error (exit 2). */
export class ClaimArgError extends Error {}

/** Exit status when everything in the period is already claimed (as the workstation's CLI). */
export const NOTHING_TO_CLAIM = 3;

/** Who the command line claims as: the server itself. */
export const SERVER_CLAIM_DEVICE = 'server';

function outPath(out: string): string {
  const p = path.resolve(out);
  if (existsSync(p) && statSync(p).isDirectory())
    throw new ClaimArgError(`--out skal være en fil, men ${p} er en mappe`);
  return p;
}

function format(value: string): ClaimFormat {
  const f = claimFormatSchema.safeParse(value);
  if (!f.success) throw new ClaimArgError(`--format skal være ${CLAIM_FORMATS.join(', ')}`);
  return f.data;
}

/** Checks the arguments before any storage is opened. */
export function checkClaimArgs(a: {
  doctor: string;
  from: string;
  to: string;
  format: string;
  out: string;
}): { doctor: string; from: string; to: string; format: ClaimFormat; out: string } {
  if (!isLocalDate(a.from)) throw new ClaimArgError(`--from skal være en dato ÅÅÅÅ-MM-DD`);
  if (!isLocalDate(a.to)) throw new ClaimArgError(`--to skal være en dato ÅÅÅÅ-MM-DD`);
  if (a.from > a.to) throw new ClaimArgError('--from må ikke ligge efter --to');
  return { ...a, format: format(a.format), out: outPath(a.out) };
}

export async function claimCommand(
  store: Storage,
  a: ReturnType<typeof checkClaimArgs>,
  now: string = new Date().toISOString(),
): Promise<number> {
  const doctor = await findRosterDoctor(store, a.doctor);
  if (!doctor) throw new ClaimArgError(`ingen læge med id eller autorisations-id "${a.doctor}"`);
  const draft = await draftServerClaim(store, { doctorId: doctor.id, from: a.from, to: a.to }, now);
  const { claim } = draft;
  if (claim.lines.length === 0 && claim.separate.length === 0) {
    process.stderr.write(
      'Intet at afregne: lægens kontakter i perioden er allerede afregnet' +
        (claim.pending > 0 ? ` (${claim.pending} er ikke afsluttet endnu)` : '') +
        '. Ingen fil er skrevet.\n',
    );
    return NOTHING_TO_CLAIM;
  }
  const bytes = await claimBytes(claim, a.format);
  mkdirSync(path.dirname(a.out), { recursive: true, mode: 0o700 });
  writeFileSafely(a.out, bytes);
  try {
    await recordServerClaim(store, draft, { deviceId: SERVER_CLAIM_DEVICE, createdBy: null });
  } catch (e) {
    unlinkSync(a.out);
    if (e instanceof ClaimConflictError || e instanceof NothingToClaimError) {
      process.stderr.write(
        'Fejl: En anden afregning tog de samme kontakter imens; prøv igen. Intet er markeret.\n',
      );
      return 1;
    }
    throw e;
  }
  process.stderr.write(
    `Afregning ${claim.claimId} skrevet til ${a.out}: ` +
      `${claim.lines.length} ${claim.lines.length === 1 ? 'linje' : 'linjer'}` +
      (claim.separate.length ? `, ${claim.separate.length} særskilt (ikke medregnet)` : '') +
      `; i alt ${claim.totals.grandTotal}\n`,
  );
  return 0;
}

/** Writes a stored claim again, byte for byte as when it was made. */
export async function reprintCommand(
  store: Storage,
  a: { claim: string; format: string; out: string },
): Promise<number> {
  const f = format(a.format);
  const out = outPath(a.out);
  const claim = await storedServerClaim(store, a.claim);
  if (!claim) throw new ClaimArgError(`ingen afregning med id ${a.claim}`);
  mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  writeFileSafely(out, await claimBytes(claim, f));
  process.stderr.write(`Afregning ${claim.claimId} skrevet igen til ${out}\n`);
  return 0;
}
