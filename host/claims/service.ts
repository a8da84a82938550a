// Claims on this workstation's data: gather a doctor's parts for a period, build the claim
// (shared/claims) and, on export, store it and mark its parts claimed in one transaction
// (R-CLAIM-3). Used by the contract methods and the command line alike.
import type { Tariff } from '../../shared/tariff';
import { buildClaim, type Adjustment, type ClaimMark } from '../../shared/claims/build';
import { claimSchema, type Claim, type ClaimPeriod } from '../../shared/claims/model';
import { contactParts, localDateTime, type ContactPart } from '../../shared/claims/parts';
import { localRangeMs } from '../../shared/claims/period';
import { HostError } from '../../shared/contract/errors';
import type { Doctor } from '../../shared/contract/models';
import type { DB } from '../db/open';
import { getDoctor } from '../stores/doctors';
import { getShift } from '../stores/shifts';
import { uuidv7 } from '../uuidv7';
import {
  changedSinceClaimed,
  claimCanonical,
  contactsForDoctor,
  contactsForShift,
  insertClaim,
  openCallsOf,
} from './store';

export type ClaimRequest =
  { doctorId: string; shiftId: string } | { doctorId: string; from: string; to: string };

/** A video can connect well after the call was answered; look back this far for its part. */
const VIDEO_LOOKBACK_MS = 24 * 3_600_000;

function resolvePeriod(
  db: DB,
  req: ClaimRequest,
  generatedAt: string,
  includeClaimed: boolean,
): {
  period: ClaimPeriod;
  parts: (doctorId: string) => ContactPart[];
  pending: (doctorId: string) => number;
} {
  if ('shiftId' in req) {
    const s = getShift(db, req.shiftId);
    if (!s) throw new HostError('NOT_FOUND', 'Unknown shift');
    if (s.doctorId !== req.doctorId)
      throw new HostError('VALIDATION', 'The shift belongs to another doctor', {
        shiftId: 'OTHER_DOCTOR',
      });
    const period: ClaimPeriod = {
      kind: 'shift',
      shiftId: s.id,
      from: localDateTime(s.openedAt).date,
      to: localDateTime(s.closedAt ?? generatedAt).date,
    };
    return {
      period,
      pending: (doctorId) => openCallsOf(db, doctorId, { shiftId: s.id }),
      parts: (doctorId) =>
        contactsForShift(db, s.id).flatMap(({ contact, videoShiftId, claimed }) =>
          contactParts(contact).filter(
            (p) =>
              p.doctorId === doctorId &&
              (includeClaimed || !claimed.has(p.part)) &&
              (p.part === 'call' || contact.kind === 'video-forvisiteret'
                ? contact.shiftId === s.id
                : videoShiftId === s.id),
          ),
        ),
    };
  }
  const { fromMs, toMs } = localRangeMs(req.from, req.to);
  const period: ClaimPeriod = { kind: 'range', from: req.from, to: req.to };
  const fromIso = new Date(fromMs).toISOString();
  const toIso = new Date(toMs).toISOString();
  return {
    period,
    pending: (doctorId) => openCallsOf(db, doctorId, { fromIso, toIso }),
    parts: (doctorId) =>
      contactsForDoctor(
        db,
        doctorId,
        new Date(fromMs - VIDEO_LOOKBACK_MS).toISOString(),
        toIso,
      ).flatMap(({ contact, claimed }) =>
        contactParts(contact).filter((p) => {
          const at = Date.parse(p.at);
          return (
            p.doctorId === doctorId &&
            (includeClaimed || !claimed.has(p.part)) &&
            at >= fromMs &&
            at < toMs
          );
        }),
      ),
  };
}

function mustDoctor(db: DB, id: string): Doctor {
  const d = getDoctor(db, id);
  if (!d) throw new HostError('NOT_FOUND', 'Unknown doctor');
  return d;
}

/** Builds the claim from the current data. Reads only; marks nothing (a preview). */
export function draftClaim(
  db: DB,
  tariff: Tariff,
  req: ClaimRequest,
  generatedAt: string,
  claimId: string | null = null,
  opts: { includeClaimed?: boolean } = {},
): { claim: Claim; marks: ClaimMark[] } {
  const doctor = mustDoctor(db, req.doctorId);
  const { period, parts, pending } = resolvePeriod(db, req, generatedAt, !!opts.includeClaimed);
  // Parts no claim has marked yet: a part is claimed once (R-CLAIM-3).
  const newParts = parts(doctor.id).sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.contactId < b.contactId ? -1 : 1,
  );
  // A statement of the whole period has no reversals: it shows each part as it stands now.
  const adjustments: Adjustment[] = opts.includeClaimed
    ? []
    : changedSinceClaimed(db, doctor.id).map((c) => ({
        claimId: c.claimId,
        claimed: c.claimed,
        current:
          contactParts(c.contact).find((p) => p.part === c.part && p.doctorId === doctor.id) ??
          null,
      }));
  const info = new Map(
    tariff.ruleSets.map((r) => [r.id, { name: r.name, priceLevel: r.priceLevel }]),
  );
  return buildClaim({
    claimId,
    generatedAt,
    doctor: { id: doctor.id, name: doctor.name, authId: doctor.authId },
    period,
    newParts,
    adjustments,
    ruleSetInfo: (id) => info.get(id) ?? null,
    pending: pending(doctor.id),
  });
}

/**
 * Builds, stores and marks the claim in one immediate transaction, so two exports cannot both claim a contact. */
export function commitClaim(
  db: DB,
  tariff: Tariff,
  req: ClaimRequest,
  opts: {
    generatedAt: string;
    createdBy: string | null;
    deviceId: string;
    claimId?: string;
    /** The claim as already written to a file: marking refuses if the data changed since. */
    expected?: Claim;
  },
): Claim {
  return db
    .transaction(() => {
      // A fixed id only from tests (golden files); otherwise a fresh UUIDv7.
      const id = opts.claimId ?? uuidv7(Date.parse(opts.generatedAt));
      const { claim, marks } = draftClaim(db, tariff, req, opts.generatedAt, id);
      // An empty claim would be a stored record of nothing; say so instead (the renderer maps
      // the code to Danish, the command line prints its own message).
      if (claim.lines.length === 0 && claim.separate.length === 0) {
        throw new HostError('ALREADY_CLAIMED', 'Nothing to claim in the period', {
          pending: String(claim.pending),
        });
      }
      if (opts.expected && JSON.stringify(opts.expected) !== JSON.stringify(claim)) {
        throw new HostError('INVALID_STATE', 'The data changed while the claim was written');
      }
      insertClaim(db, claimSchema.parse(claim), marks, {
        createdBy: opts.createdBy,
        deviceId: opts.deviceId,
      });
      return claim;
    })
    .immediate();
}

/** A stored claim exactly as exported (for a reprint). */
export function storedClaim(db: DB, claimId: string): Claim {
  const r = claimCanonical(db, claimId);
  if (!r) throw new HostError('NOT_FOUND', 'Unknown claim');
  return claimSchema.parse(JSON.parse(r.json));
}
