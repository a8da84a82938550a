// The server's claim storage (R-CLAIM-5): claims made over every workstation's records, and the
// marks saying which contact revision each claim took. Append-only in both backends.

/** A latest contact revision that may go on the doctor's claim, with the parts already claimed. */
export interface ClaimContactRow {
  payload: string;
  /** Parts some claim has marked, comma-joined ("call,video"), or null. */
  claimed: string | null;
}

/** A part a claim holds whose contact has a later revision now (R-CLAIM-3). */
export interface ClaimedChangedRow {
  claimId: string;
  part: string;
  /** The lines as claimed then (JSON). */
  lines: string;
  /** The contact's latest revision. */
  payload: string;
}

export interface ClaimMarkRow {
  contactId: string;
  part: string;
  contactRev: number;
  /** The lines now claimed (JSON; "[]" once reversed away). */
  lines: string;
  /** The claim that marked this part last, as the draft saw it (null: never claimed). */
  prevClaimId: string | null;
}

export interface StoredClaimRow {
  id: string;
  doctorId: string;
  periodFrom: string;
  periodTo: string;
  createdAt: string;
  createdBy: string | null;
  deviceId: string;
  lineCount: number;
  separateCount: number;
  totalOre: number;
  /** The claim's JSON exactly as exported, for a byte-for-byte reprint. */
  canonical: string;
}

/** Which revision of a contact a claim marked, and when (the audit's RETTET-EFTER-AFREGNING). */
export interface ClaimMarkSeen {
  contactId: string;
  rev: number;
  /** The claim's creation instant. */
  claimedAt: string;
}

/** A stored mark, as migrate-to copies it. */
export interface ClaimPartRow {
  claimId: string;
  contactId: string;
  part: string;
  doctorId: string;
  contactRev: number;
  lines: string;
}

export interface ClaimExport {
  claims: StoredClaimRow[];
  parts: ClaimPartRow[];
}

export type ClaimListRow = Omit<StoredClaimRow, 'canonical'>;

/** Another claim marked one of these parts after the draft was made: draft again. */
export class ClaimConflictError extends Error {}

export interface ClaimStore {
  /**
   * Latest revisions of contacts answered in [from, to) that are not voided and name the doctor
   * (a cheap text filter; the caller decides exactly whose parts they are).
   */
  contactsOf(doctorId: string, fromIso: string, toIso: string): Promise<ClaimContactRow[]>;
  /** The doctor's claimed parts whose contact has had a revision since (latest mark per part). */
  changedSinceClaimed(doctorId: string): Promise<ClaimedChangedRow[]>;
  /**
   * Stores the claim and its marks in one transaction, serialised with every other claim; throws
   * ClaimConflictError when a part's last mark is no longer the one the draft saw.
   */
  record(claim: StoredClaimRow, marks: readonly ClaimMarkRow[]): Promise<void>;
  /**
   * Every mark of contacts whose latest revision was answered in [from, to), voided or not (the
   * audit keeps the latest marked revision of each).
   */
  marksAnswered(fromIso: string, toIso: string): Promise<ClaimMarkSeen[]>;
  /** The stored JSON of a claim, or null. */
  canonical(claimId: string): Promise<string | null>;
  /** Stored claims, newest first; one doctor's or everyone's. */
  list(doctorId: string | null): Promise<ClaimListRow[]>;
  /** Every claim and mark in the order stored (migrate-to). */
  exportAll(): Promise<ClaimExport>;
  /** Writes exported claims and marks in that order, in one transaction (migrate-to). */
  importAll(data: ClaimExport): Promise<void>;
}
