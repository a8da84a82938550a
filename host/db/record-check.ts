// At start the current state of each record is checked against its latest revision, and a
// record that cannot be read names itself (its id and what is wrong) instead of failing the
// whole shift it belongs to. Ids are uuids: no CPR number is ever part of a problem.
import { contactSchema, type Contact } from '../../shared/contract/models';
import type { DB } from './open';

export interface RecordProblem {
  table: 'contacts' | 'shifts';
  id: string;
  problem: string;
}

/**
 * A contact row's state, or null when it is not a JSON object (or, with `strict`, not a
 * Contact of the contract). Reads stay lenient (as stored); the start-up check is strict.
 */
export function readContactState(state: string, strict = false): Contact | null {
  try {
    const value: unknown = JSON.parse(state);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    if (strict && !contactSchema.safeParse(value).success) return null;
    return value as Contact;
  } catch {
    return null;
  }
}

const same = (a: string, b: string) => {
  if (a === b) return true;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
};

export function checkRecords(db: DB): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const contacts = db
    .prepare(
      `SELECT c.id, c.rev, c.status, c.state, r.rev AS last_rev, r.state AS last_state
         FROM contacts c
         LEFT JOIN contact_revisions r
           ON r.contact_id = c.id AND r.rev = (SELECT max(rev) FROM contact_revisions WHERE contact_id = c.id)`,
    )
    .all() as Array<{
    id: string;
    rev: number;
    status: string;
    state: string;
    last_rev: number | null;
    last_state: string | null;
  }>;
  for (const c of contacts) {
    // Lenient (JSON object) at start: a full schema parse of every record would slow each start.
    if (!readContactState(c.state)) {
      problems.push({ table: 'contacts', id: c.id, problem: 'current state cannot be read' });
    }
    if (c.last_rev === null) {
      problems.push({ table: 'contacts', id: c.id, problem: 'no revision' });
      continue;
    }
    if (c.rev !== c.last_rev) {
      problems.push({
        table: 'contacts',
        id: c.id,
        problem: `current state is revision ${c.rev}, latest revision is ${c.last_rev}`,
      });
    } else if (c.status !== 'open' && !same(c.state, c.last_state!)) {
      // An open call's row is its autosaved working state; a committed one must equal its revision.
      problems.push({
        table: 'contacts',
        id: c.id,
        problem: `current state differs from revision ${c.last_rev}`,
      });
    }
  }
  const shifts = db
    .prepare(
      `SELECT s.id, s.rev, s.closed_at, r.rev AS last_rev, r.action
         FROM shifts s
         LEFT JOIN shift_revisions r
           ON r.shift_id = s.id AND r.rev = (SELECT max(rev) FROM shift_revisions WHERE shift_id = s.id)`,
    )
    .all() as Array<{
    id: string;
    rev: number;
    closed_at: string | null;
    last_rev: number | null;
    action: string | null;
  }>;
  for (const s of shifts) {
    if (s.last_rev === null) {
      problems.push({ table: 'shifts', id: s.id, problem: 'no revision' });
    } else if (s.rev !== s.last_rev) {
      problems.push({
        table: 'shifts',
        id: s.id,
        problem: `current state is revision ${s.rev}, latest revision is ${s.last_rev}`,
      });
    } else if ((s.action === 'close') !== (s.closed_at !== null)) {
      problems.push({
        table: 'shifts',
        id: s.id,
        problem: `closed_at does not match revision ${s.last_rev} (${s.action})`,
      });
    }
  }
  return problems;
}
