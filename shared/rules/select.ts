// Which rule set applies on a local day (R-RULE-1, R-FEE-5).
import type { RuleSet } from './schema';
import { parseIsoDate } from '../calendar/civil';

interface Span {
  rules: RuleSet;
  from: number;
  to: number;
}

export class RuleSelector {
  private readonly spans: Span[];

  constructor(ruleSets: readonly RuleSet[]) {
    if (ruleSets.length === 0) throw new Error('at least one rule set is needed');
    // Later-starting rule sets win where they overlap; on a tie, the one loaded last.
    this.spans = ruleSets
      .map((rules, i) => ({
        rules,
        from: parseIsoDate(rules.validFrom) ?? -Infinity,
        to: rules.validTo === null ? Infinity : (parseIsoDate(rules.validTo) ?? Infinity),
        i,
      }))
      .sort((a, b) => a.from - b.from || a.i - b.i);
  }

  /** The rule set covering the day, or null (R-FEE-5: no fee, nothing guessed). */
  covering(day: number): RuleSet | null {
    for (let i = this.spans.length - 1; i >= 0; i--) {
      const s = this.spans[i]!;
      if (s.from <= day && day <= s.to) return s.rules;
    }
    return null;
  }

  /**
   * The rule set whose band schedule describes the day. Bands are a description of time and
   * exist before the first rule set starts (a 2021 contact is still "B"), so this never fails:
   * the covering one, else the nearest earlier one, else the earliest.
   */
  forBands(day: number): RuleSet {
    const covering = this.covering(day);
    if (covering) return covering;
    let best = this.spans[0]!;
    for (const s of this.spans) if (s.from <= day) best = s;
    return best.rules;
  }
}
