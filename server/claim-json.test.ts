// The stored claim's JSON is assembled from each line's JSON made once (server/claims.ts
// claimJson, for the region-wide claim's speed): it must be JSON.stringify(claim), byte for byte.
import { describe, expect, it } from 'vitest';
import { buildClaim } from '../shared/claims/build';
import type { ClaimLine } from '../shared/claims/model';
import { contactParts } from '../shared/claims/parts';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import { claimJson } from './claims';

const WS = '00000001-0000-7000-8000-000000000000';
const DOCTOR = '00000000-0000-4000-8000-000000000000';

function claimOf(name: string, group2 = false) {
  const parts = [0, 1, 2, 3].flatMap((i) =>
    contactParts(
      makeContact(WS, i, 1, {
        doctorId: DOCTOR,
        revisedBy: DOCTOR,
        answeredAt: `2025-01-0${i + 4}T21:0${i}:00.000Z`,
        ...(group2 && i === 2 ? { group: 2 as const } : {}),
      }),
    ),
  );
  return buildClaim({
    claimId: '00000000-0000-4000-8000-00000000abcd',
    generatedAt: '2025-02-01T08:00:00.000Z',
    doctor: { id: DOCTOR, name, authId: 'A1' },
    period: { kind: 'range', from: '2025-01-01', to: '2025-01-31' },
    newParts: parts,
    adjustments: [],
    ruleSetInfo: () => null,
  }).claim;
}

describe('R-CLAIM-2 the server stores a claim as exactly JSON.stringify(claim)', () => {
  it.each([
    ['plain', 'Anna Læge'],
    ['slot text inside a string', ',"lines":[],"separate":[],"totals":'],
    ['quotes, backslashes and control characters', 'a\\",\\"lines\\":[]\n\u2028"x"'],
  ])('%s', (_, name) => {
    for (const g2 of [false, true]) {
      const claim = claimOf(name, g2);
      expect(claim.lines.length).toBeGreaterThan(0);
      const cache = new Map<ClaimLine, string>();
      expect(claimJson(claim, cache)).toBe(JSON.stringify(claim));
      // Warm cache (as after the marks were made) gives the same bytes.
      expect(claimJson(claim, cache)).toBe(JSON.stringify(claim));
    }
  });

  it('an empty claim', () => {
    const claim = { ...claimOf('x'), lines: [], separate: [] };
    expect(claimJson(claim)).toBe(JSON.stringify(claim));
  });
});
