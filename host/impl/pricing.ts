// Band and fee decided when a contact is recorded and stored with it (R-FEE-8). Later
// revisions of the same contact are priced with the rule set it was first priced with, so a
// newly imported rule set never rewrites recorded history.
import { createTariff, type Tariff } from '../../shared/tariff';
import type { Contact } from '../../shared/contract/models';
import type { HostContext } from '../context';

const perRuleSet = new WeakMap<Tariff, Map<string, Tariff>>();

function tariffFor(ctx: HostContext, rulesId: string | null): Tariff {
  if (!rulesId) return ctx.tariff;
  let m = perRuleSet.get(ctx.tariff);
  if (!m) perRuleSet.set(ctx.tariff, (m = new Map()));
  let t = m.get(rulesId);
  if (!t) {
    const rs = ctx.tariff.ruleSets.find((r) => r.id === rulesId);
    t = rs ? createTariff([rs]) : ctx.tariff;
    m.set(rulesId, t);
  }
  return t;
}

type Priced = Pick<Contact, 'band' | 'vagttid' | 'holiday' | 'rulesId' | 'lines' | 'flags'>;

/** Prices a contact's current facts; `keepRules` pins the rule set already recorded on it. */
export function price(
  ctx: HostContext,
  c: Omit<Contact, keyof Priced> & Partial<Priced>,
  keepRules: boolean,
): Priced {
  const t = keepRules ? tariffFor(ctx, c.rulesId ?? null) : ctx.tariff;
  const answeredMs = Date.parse(c.answeredAt);
  const d = t.decide(answeredMs);
  const r = t.price({
    kind: c.kind,
    answeredAt: c.answeredAt,
    video: c.video ? { connectedAt: c.video.connectedAt, failedAt: c.video.failedAt } : null,
    group: c.group,
  });
  return {
    band: r.band,
    vagttid: d.vagttid,
    holiday: d.holiday,
    rulesId: r.rulesId,
    lines: r.lines,
    flags: r.flags,
  };
}
