// The tariff: the loaded rule sets compiled for fast band decisions and pricing.
// Everything that decides a band or a fee goes through here (one place, shared by host,
// server, CLI and renderer).
import type { Band, BandDecision, PricingInput, PricingResult } from './types';
import type { RuleSet } from './rules/schema';
import { OK21_NATIONAL } from './rules/ok21-national';
import { RuleSelector } from './rules/select';
import { BandEngine, type Classification } from './bands/engine';
import { priceContact } from './pricing/price';
import { toLocalIso } from './time';

export interface Tariff {
  readonly ruleSets: readonly RuleSet[];
  /** Band, vagttid and holiday of an instant (epoch ms), without the wall-clock string. */
  classify(ms: number): Classification;
  decide(ms: number): BandDecision;
  nextChange(ms: number): { at: number; band: Band };
  ruleSetFor(ms: number): RuleSet | null;
  price(input: PricingInput): PricingResult;
}

export function createTariff(ruleSets: readonly RuleSet[] = [OK21_NATIONAL]): Tariff {
  const selector = new RuleSelector(ruleSets);
  const engine = new BandEngine((day) => selector.forBands(day));
  const ctx = {
    classify: (ms: number) => engine.classify(ms),
    covering: (day: number) => selector.covering(day),
  };
  return {
    ruleSets,
    classify: ctx.classify,
    decide(ms) {
      const c = engine.classify(ms);
      return { band: c.band, vagttid: c.vagttid, holiday: c.holiday, local: toLocalIso(ms) };
    },
    nextChange: (ms) => engine.nextChange(ms),
    ruleSetFor: (ms) => selector.covering(engine.classify(ms).day),
    price: (input) => priceContact(ctx, input),
  };
}
