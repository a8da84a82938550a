// Roster and rule sets: the reference data the server owns and every device pulls. Stored in
// the same item log as pushed records (device 'server'), so one cursor covers everything.
import { createHash, randomUUID } from 'node:crypto';
import { rosterDoctorPayloadSchema } from '../shared/sync/items';
import type { RosterDoctorPayload } from '../shared/sync/items';
import { ruleSetSchema } from '../shared/rules/schema';
import type { RuleSet } from '../shared/rules/schema';
import type { Role } from '../shared/contract/models';
import { hashPin } from './auth';
import type { Db } from './db';

export const SERVER_DEVICE = 'server';

/** Stores a new revision of a server-owned item unless its content is unchanged. */
function storeReference(db: Db, type: 'doctor' | 'rules', id: string, payload: unknown): number {
  const canonical = JSON.stringify(payload);
  const hash = createHash('sha256').update(canonical).digest('base64');
  return db.transaction(() => {
    const found = db.prepare('SELECT max(rev) AS rev, type FROM items WHERE id = ?').get(id) as
      { rev: number; type: string } | { rev: null };
    const head = found.rev === null ? undefined : (found as { rev: number; type: string });
    if (head && head.type !== type) throw new Error(`id ${id} is already used by a ${head.type}`);
    if (head) {
      const cur = db
        .prepare('SELECT hash FROM items WHERE id = ? AND rev = ?')
        .get(id, head.rev) as {
        hash: string;
      };
      if (cur.hash === hash) return head.rev;
    }
    const rev = head ? head.rev + 1 : 1;
    db.prepare(
      'INSERT INTO items (id, type, rev, device_id, payload, hash, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(id, type, rev, SERVER_DEVICE, canonical, hash, new Date().toISOString());
    return rev;
  })();
}

export function addDoctor(
  db: Db,
  opts: { name: string; authId: string; roles: Role[]; pin?: string; id?: string },
): RosterDoctorPayload {
  const doctor = rosterDoctorPayloadSchema.parse({
    id: opts.id ?? randomUUID(),
    name: opts.name,
    authId: opts.authId,
    roles: opts.roles,
    active: true,
    demo: false,
    pinHash: opts.pin === undefined ? null : hashPin(opts.pin),
  });
  storeReference(db, 'doctor', doctor.id, doctor);
  return doctor;
}

export function setRules(db: Db, input: unknown): { id: string; rev: number } {
  const rules: RuleSet = ruleSetSchema.parse(input);
  return { id: rules.id, rev: storeReference(db, 'rules', rules.id, rules) };
}

/** Latest doctor names by id, for the load report. */
export function doctorNames(db: Db): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT payload FROM items WHERE seq IN
         (SELECT max(seq) FROM items WHERE type = 'doctor' GROUP BY id)`,
    )
    .all() as { payload: string }[];
  const names = new Map<string, string>();
  for (const r of rows) {
    const d = JSON.parse(r.payload) as { id: string; name: string };
    names.set(d.id, d.name);
  }
  return names;
}
