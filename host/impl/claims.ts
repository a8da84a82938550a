// Contract methods for claims (docs/rules.md §6). Doctors claim for themselves; a supervisor may claim,
// list and reprint for anyone. The work is in ../claims.
//
// Which claims (R-CLAIM-5, D90–D94): a workstation never linked to a sync server makes and marks
// its claims locally (R-CLAIM-3). A linked one has the server make and mark them and keeps a
// read-only copy; when the server cannot be reached it makes an offline statement marked
// "foreløbig – ikke afregnet" that marks nothing. A linked workstation never marks locally.
import type { Claim } from '../../shared/claims/model';
import { localDateTime } from '../../shared/claims/parts';
import type { ClaimSummary } from '../../shared/contract/claims';
import { HostError } from '../../shared/contract/errors';
import type { Doctor } from '../../shared/contract/models';
import type { HostContext } from '../context';
import { hasRole, nowIso, requireDoctor } from '../context';
import { renderClaim } from '../claims/export';
import {
  claimOnServer,
  fetchServerClaim,
  keepRegionCopy,
  listRegionCopies,
  regionCopy,
  wasLinked,
  type RegionClaimRequest,
} from '../claims/region';
import { commitClaim, draftClaim, storedClaim, type ClaimRequest } from '../claims/service';
import { claimCanonical, listClaims } from '../claims/store';
import { getShift } from '../stores/shifts';
import type { SyncClient } from '../sync/client';
import type { ImplPart } from './types';

type Target = { doctorId?: string; shiftId?: string; from?: string; to?: string };

function whose(me: Doctor, doctorId: string | undefined): string {
  const id = doctorId ?? me.id;
  if (id !== me.id && !hasRole(me, 'supervisor'))
    throw new HostError('FORBIDDEN', 'Doctors may only claim for themselves');
  return id;
}

function request(ctx: HostContext, me: Doctor, t: Target): ClaimRequest {
  if (t.shiftId) {
    const shift = ctx.db.prepare('SELECT doctor_id FROM shifts WHERE id = ?').get(t.shiftId) as
      { doctor_id: string } | undefined;
    if (!shift) throw new HostError('NOT_FOUND', 'Unknown shift');
    if (t.doctorId && t.doctorId !== shift.doctor_id)
      throw new HostError('VALIDATION', 'The shift belongs to another doctor', {
        shiftId: 'OTHER_DOCTOR',
      });
    return { doctorId: whose(me, shift.doctor_id), shiftId: t.shiftId };
  }
  return { doctorId: whose(me, t.doctorId), from: t.from!, to: t.to! };
}

/** The running sync client when this workstation is linked to a server, else null. */
function linkedClient(ctx: HostContext): SyncClient | null {
  return ctx.sync?.link?.client ?? null;
}

/**
 * The server claims date ranges: a shift becomes its local dates, opening to closing (the
 * doctor's other unclaimed parts of those dates come with it; D91).
 */
function asRange(ctx: HostContext, req: ClaimRequest): RegionClaimRequest {
  if (!('shiftId' in req)) return req;
  const s = getShift(ctx.db, req.shiftId)!;
  return {
    doctorId: req.doctorId,
    from: localDateTime(s.openedAt).date,
    to: localDateTime(s.closedAt ?? nowIso(ctx)).date,
  };
}

async function file(claim: Claim, format: Parameters<typeof renderClaim>[1]) {
  const f = await renderClaim(claim, format);
  return { fileName: f.fileName, mime: f.mime, base64: f.bytes.toString('base64') };
}

export function claimMethods(
  ctx: HostContext,
): ImplPart<'claim.preview' | 'claim.export' | 'claim.list' | 'claim.reprint'> {
  const { db } = ctx;
  return {
    'claim.preview': ({ includeClaimed, ...t }) => {
      const me = requireDoctor(ctx);
      return draftClaim(db, ctx.tariff, request(ctx, me, t), nowIso(ctx), null, {
        includeClaimed,
      }).claim;
    },

    'claim.export': async ({ format, ...t }) => {
      const me = requireDoctor(ctx);
      const req = request(ctx, me, t);
      const server = linkedClient(ctx);
      if (!server && wasLinked(db)) {
        // Unlinked after working with a server: the region may have claimed these contacts, and
        // a local mark could claim them twice (D90). The server's claims office can still claim.
        throw new HostError(
          'INVALID_STATE',
          'This workstation was linked; claims are made on the server',
          {
            claim: 'CLAIM_WAS_LINKED',
          },
        );
      }
      if (!server) {
        // Never linked: today's local claim, made and marked here (R-CLAIM-3).
        const claim = commitClaim(db, ctx.tariff, req, {
          generatedAt: nowIso(ctx),
          createdBy: me.id,
          deviceId: ctx.deviceId,
        });
        return {
          claimId: claim.claimId!,
          source: 'local' as const,
          ...(await file(claim, format)),
        };
      }
      const range = asRange(ctx, req);
      const outcome = await claimOnServer(server, range);
      if (outcome.kind === 'region') {
        keepRegionCopy(db, outcome.claim, ctx.sync?.status().serverUrl ?? '', nowIso(ctx));
        return {
          claimId: outcome.claim.claimId!,
          source: 'region' as const,
          ...(await file(outcome.claim, format)),
        };
      }
      // The server cannot be reached: a statement of the period as this workstation holds it,
      // marked "foreløbig – ikke afregnet"; it marks nothing and is stored nowhere (D91).
      console.warn(`[host] claim: server unreachable, offline statement (${outcome.why})`);
      const { claim } = draftClaim(db, ctx.tariff, range, nowIso(ctx), null, {
        includeClaimed: true,
      });
      return {
        claimId: null,
        source: 'offline' as const,
        ...(await file({ ...claim, preliminary: true }, format)),
      };
    },

    'claim.list': ({ doctorId }) => {
      const me = requireDoctor(ctx);
      const who = doctorId ? whose(me, doctorId) : hasRole(me, 'supervisor') ? null : me.id;
      const local: ClaimSummary[] = listClaims(db, who).map((r) => ({
        claimId: r.id,
        source: 'local' as const,
        doctorId: r.doctor_id,
        doctorName: r.name,
        period:
          r.period_kind === 'shift'
            ? { kind: 'shift' as const, shiftId: r.shift_id!, from: r.period_from, to: r.period_to }
            : { kind: 'range' as const, from: r.period_from, to: r.period_to },
        createdAt: r.created_at,
        createdBy: r.created_by,
        lines: r.line_count,
        separate: r.separate_count,
        grandTotalOre: r.total_ore,
      }));
      // Copies of region claims made through this workstation (R-CLAIM-5), newest first too.
      const region: ClaimSummary[] = listRegionCopies(db, who).map((r) => ({
        claimId: r.id,
        source: 'region' as const,
        doctorId: r.doctorId,
        doctorName: r.doctorName,
        period: { kind: 'range' as const, from: r.periodFrom, to: r.periodTo },
        createdAt: r.createdAt,
        createdBy: null,
        lines: r.lineCount,
        separate: r.separateCount,
        grandTotalOre: r.totalOre,
      }));
      return [...local, ...region].sort((a, b) =>
        a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
      );
    },

    'claim.reprint': async ({ claimId, format }) => {
      const me = requireDoctor(ctx);
      const stored = claimCanonical(db, claimId);
      if (stored) {
        whose(me, stored.doctorId);
        return {
          claimId,
          source: 'local' as const,
          ...(await file(storedClaim(db, claimId), format)),
        };
      }
      // A region claim: the copy kept here, else the server's stored claim (kept from now on).
      let claim = regionCopy(db, claimId);
      const server = linkedClient(ctx);
      if (!claim && server) {
        claim = await fetchServerClaim(server, claimId);
        if (claim) {
          whose(me, claim.doctor.id);
          keepRegionCopy(db, claim, ctx.sync?.status().serverUrl ?? '', nowIso(ctx));
        }
      }
      if (!claim) throw new HostError('NOT_FOUND', 'Unknown claim');
      whose(me, claim.doctor.id);
      return { claimId, source: 'region' as const, ...(await file(claim, format)) };
    },
  };
}
