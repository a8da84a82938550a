// One claim → one file in the chosen format, with its name and MIME type.
import type { Claim, ClaimFormat } from '../../shared/claims/model';
import { claimToCsv } from './export-csv';
import { claimToJson } from './export-json';

export interface ClaimFileBytes {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

const MIME: Record<ClaimFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
};

/**
 * afregning-<autorisations-id>-<fra>-<til>-<end of claim id>.<format>, safe on every OS;
 * "udkast" for a preview, "foreloebig" for an offline statement.
 */
export function claimFileName(claim: Claim, format: ClaimFormat): string {
  const auth = claim.doctor.authId.replace(/[^A-Za-z0-9_-]/g, '_');
  // An offline statement (R-CLAIM-5) says so in its name too.
  const id = (claim.claimId ?? (claim.preliminary ? 'foreloebig' : 'udkast')).slice(-12);
  return `afregning-${auth}-${claim.period.from}-${claim.period.to}-${id}.${format}`;
}

export async function renderClaim(claim: Claim, format: ClaimFormat): Promise<ClaimFileBytes> {
  const bytes =
    format === 'csv'
      ? claimToCsv(claim)
      : format === 'json'
        ? claimToJson(claim)
        : // pdfkit and its fonts load on the first PDF, not at every host start.
          await import('./export-pdf').then((m) => m.claimToPdf(claim));
  return { fileName: claimFileName(claim, format), mime: MIME[format], bytes };
}
