// Pricing of one contact into fee lines (docs/rules.md §4: R-FEE-1..8).
import type { Band, FeeLine, PriceFlag, PricingInput, PricingResult, ServiceId } from '../types';
import type { RuleSet } from '../rules/schema';
import type { Classification } from '../bands/engine';
import { parseInstant, storageInstantMs, toUtcIso } from '../time';
import { regulate } from './regulation';

/** What pricing needs from the tariff: decisions per instant and rule sets per day. */
export interface PricingContext {
  classify(ms: number): Classification;
  covering(day: number): RuleSet | null;
}

interface Priced {
  line: FeeLine | null;
  flags: PriceFlag[];
}

export function priceContact(ctx: PricingContext, input: PricingInput): PricingResult {
  const answeredMs = mustParse(input.answeredAt, 'answeredAt');
  const at = ctx.classify(answeredMs);
  const flags = new Set<PriceFlag>();
  const lines: FeeLine[] = [];
  const rules = ctx.covering(at.day);

  if (input.group === 2) flags.add('gruppe-2');
  if (at.band === 'DAY') flags.add('uden-for-vagttid');
  if (!rules) flags.add('ingen-takst'); // R-FEE-5

  // R-FEE-1: one uniform triage fee per telephone contact in vagttid, whatever the outcome.
  if (input.kind === 'telefon' && at.band !== 'DAY') {
    const p = feeLine(ctx, `TLF-${at.band}` as ServiceId, at, input.answeredAt, answeredMs, false);
    if (p.line) lines.push(p.line);
    p.flags.forEach((f) => flags.add(f));
  }

  // R-FEE-2/3/4: video by the band and agreement year of the instant it connects.
  const video = input.video;
  if (video && video.connectedAt) {
    const connectedMs = mustParse(video.connectedAt, 'video.connectedAt');
    const c = ctx.classify(connectedMs);
    if (c.band === 'DAY') {
      flags.add('video-uden-for-vagttid');
    } else {
      const videoBand: Band = c.band === 'C' ? 'B' : c.band; // R-FEE-3
      const p = feeLine(
        ctx,
        `VIDEO-${videoBand}` as ServiceId,
        c,
        video.connectedAt,
        connectedMs,
        true,
      );
      if (p.line) lines.push(p.line);
      p.flags.forEach((f) => flags.add(f));
    }
  } else if (video && video.failedAt) {
    flags.add('video-mislykket');
  }

  return { band: at.band, rulesId: rules?.id ?? null, lines, flags: [...flags] };
}

function feeLine(
  ctx: PricingContext,
  code: ServiceId,
  at: Classification,
  instant: string,
  ms: number,
  isVideo: boolean,
): Priced {
  const rules = ctx.covering(at.day);
  if (!rules) return { line: null, flags: ['ingen-takst'] }; // R-FEE-5
  const date = at.date;
  const period = latestFrom(rules.feePeriods, date);
  if (!period) return { line: null, flags: ['ingen-takst'] };
  const flags: PriceFlag[] = [];
  const index = latestFrom(rules.index, date);
  const unitOre = index ? regulate(period.fees[code], index.factor) : period.fees[code];
  if (!index) flags.push('april-2021-niveau');
  if (isVideo && rules.continuationFrom !== null && date >= rules.continuationFrom) {
    flags.push('takst-videreført');
  }
  const band = code.slice(code.indexOf('-') + 1) as FeeLine['band'];
  return {
    line: {
      code,
      regionalCode: rules.serviceCodes[code] ?? null,
      band,
      unitOre,
      count: 1,
      amountOre: unitOre * 1,
      // An instant already in the storage format is its own canonical text (saves a Date).
      decidedAt: storageInstantMs(instant) === ms ? instant : toUtcIso(ms),
    },
    flags,
  };
}

/** The entry in force on a date: the latest whose `from` is on or before it (ISO dates sort). */
function latestFrom<T extends { from: string }>(entries: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const e of entries) if (e.from <= date && (best === null || e.from >= best.from)) best = e;
  return best;
}

function mustParse(s: string, field: string): number {
  const ms = parseInstant(s);
  if (ms === null) throw new RangeError(`${field} is not an ISO instant with zone: ${s}`);
  return ms;
}
