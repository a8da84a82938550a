// A server claim as a file (R-CLAIM-2): the same CSV, JSON and PDF layouts as the workstation
// (shared/claims/csv.ts, json.ts, pdf.ts), so a claim prints to the same bytes wherever it is
// made; and the safe write the workstation's `claim` command uses (temp 0600, fsync, rename).
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { claimCsvText } from '../shared/claims/csv';
import { claimJsonText } from '../shared/claims/json';
import type { Claim, ClaimFormat } from '../shared/claims/model';
import { claimPdfBytes } from '../shared/claims/pdf';

export async function claimBytes(claim: Claim, format: ClaimFormat): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(claimCsvText(claim), 'utf8');
  if (format === 'json') return Buffer.from(claimJsonText(claim), 'utf8');
  // pdfkit loads on the first PDF, not at every server start.
  const { default: PDFDocument } = await import('pdfkit');
  const bytes = await claimPdfBytes(claim, PDFDocument);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Writes `bytes` to `out`: a temporary owner-only file in the target folder, fsync, rename, fsync
 * of the folder. On failure the temporary file is removed and the error rethrown; `out` is
 * either the old file or the whole new one.
 */
export function writeFileSafely(out: string, bytes: Uint8Array): void {
  const dir = path.dirname(out);
  const tmp = path.join(dir, `.${path.basename(out)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, out);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw err;
  }
  try {
    const dfd = openSync(dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Not every file system lets a folder be synced; the file itself is.
  }
}
