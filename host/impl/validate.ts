// What an ended contact must hold (R-CON-3): an outcome and a valid patient identity.
// Problems come back as HostError VALIDATION with details { field: code } for the renderer.
import { parseCpr } from '../../shared/cpr';
import { parseVisitor } from '../../shared/visitor';
import type { Contact } from '../../shared/contract/models';
import { HostError } from '../../shared/contract/errors';
import { DateTime } from 'luxon';
import { ZONE } from '../../shared/time';

export function localToday(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISODate() ?? '';
}

export function validateForEnd(c: Contact, nowMs: number): void {
  const details: Record<string, string> = {};
  const today = localToday(nowMs);
  if (!c.outcome) details.outcome = 'REQUIRED';
  const p = c.patient;
  if (!p) details.patient = 'REQUIRED';
  else if (p.type === 'cpr') {
    const r = parseCpr(p.cpr, today);
    if (!r.ok) details['patient.cpr'] = r.code;
  } else {
    const r = parseVisitor(p, today);
    if (!r.ok) details['patient.visitor'] = r.code;
  }
  if (Object.keys(details).length > 0) {
    throw new HostError('VALIDATION', 'The contact is not complete', details);
  }
}
