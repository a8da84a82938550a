// A server claim as a file (R-CLAIM-2): the same CSV, JSON and PDF layouts as the workstation
// (shared/claims/csv.ts, json.ts, pdf.ts), so a claim prints to the same bytes wherever it is
// made.
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
