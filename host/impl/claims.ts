// Contract methods for claims (docs/rules.md §6). Doctors claim for themselves; a supervisor may claim,
// list and reprint for anyone. The work is in ../claims.
import { HostError } from '../../shared/contract/errors';
import type { Doctor } from '../../shared/contract/models';
import type { HostContext } from '../context';
import { hasRole, nowIso, requireDoctor } from '../context';
import { renderClaim } from '../claims/export';
import { commitClaim, draftClaim, storedClaim, type ClaimRequest } from '../claims/service';
import { claimCanonical, listClaims } from '../claims/store';
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
      const claim = commitClaim(db, ctx.tariff, request(ctx, me, t), {
        generatedAt: nowIso(ctx),
        createdBy: me.id,
        deviceId: ctx.deviceId,
      });
      const f = await renderClaim(claim, format);
      return {
        claimId: claim.claimId!,
        fileName: f.fileName,
        mime: f.mime,
        base64: f.bytes.toString('base64'),
      };
    },

    'claim.list': ({ doctorId }) => {
      const me = requireDoctor(ctx);
      const who = doctorId ? whose(me, doctorId) : hasRole(me, 'supervisor') ? null : me.id;
      return listClaims(db, who).map((r) => ({
        claimId: r.id,
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
    },

    'claim.reprint': async ({ claimId, format }) => {
      const me = requireDoctor(ctx);
      const stored = claimCanonical(db, claimId);
      if (!stored) throw new HostError('NOT_FOUND', 'Unknown claim');
      whose(me, stored.doctorId);
      const f = await renderClaim(storedClaim(db, claimId), format);
      return { claimId, fileName: f.fileName, mime: f.mime, base64: f.bytes.toString('base64') };
    },
  };
}
