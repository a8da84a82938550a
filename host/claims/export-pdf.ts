// Printable A4 claim (R-CLAIM-2): the layout is shared/claims/pdf.ts (the same for the region's
// server); this supplies pdfkit, which shared/ may not import.
import PDFDocument from 'pdfkit';
import type { Claim } from '../../shared/claims/model';
import { claimPdfBytes } from '../../shared/claims/pdf';

export async function claimToPdf(claim: Claim): Promise<Buffer> {
  const bytes = await claimPdfBytes(claim, PDFDocument);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
