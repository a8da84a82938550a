// The band now and the next change (R-TIME-1), and a timer that emits `band` events when it changes.
import type { BandNow } from '../../shared/contract/models';
import type { HostContext } from '../context';

export function bandNow(ctx: HostContext): BandNow {
  const now = ctx.clock.now();
  const d = ctx.tariff.decide(now);
  const next = ctx.tariff.nextChange(now);
  return {
    now: new Date(now).toISOString(),
    band: d.band,
    vagttid: d.vagttid,
    holiday: d.holiday,
    local: d.local,
    next: { at: new Date(next.at).toISOString(), band: next.band },
    rulesId: ctx.tariff.ruleSetFor(now)?.id ?? null,
  };
}

/** Emits a band event at each change; re-arms at most hourly so a shifted clock is followed. */
export function startBandTicker(ctx: HostContext): () => void {
  let timer: NodeJS.Timeout | null = null;
  let lastBand = bandNow(ctx).band;
  const arm = () => {
    const now = ctx.clock.now();
    const next = ctx.tariff.nextChange(now).at;
    const delay = Math.min(Math.max(next - now, 250), 3_600_000);
    timer = setTimeout(tick, delay);
    timer.unref?.();
  };
  const tick = () => {
    const b = bandNow(ctx);
    if (b.band !== lastBand) {
      lastBand = b.band;
      ctx.events.emit({ type: 'band', band: b });
    }
    arm();
  };
  arm();
  return () => {
    if (timer) clearTimeout(timer);
  };
}
