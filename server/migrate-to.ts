// `npm run server -- migrate-to --data DIR --database URL`: copies a SQLite server's devices and
// its whole item log into an empty PostgreSQL database, keeping every seq, so workstations'
// pull cursors stay valid and nothing is pulled twice or missed, and its claims with their marks
// (R-CLAIM-5), so nothing is claimed twice. The SQLite file is only read.
import type { ExportedItem, NewItem, Storage } from './store/types';

export class MigrateError extends Error {}

const PAGE = 5000;

function withContact(it: ExportedItem): NewItem & { seq: number } {
  if (it.type !== 'contact') return it;
  const c = JSON.parse(it.payload) as { answeredAt: string; status: string };
  return { ...it, contact: { answeredAt: c.answeredAt, status: c.status } };
}

export async function migrateTo(
  from: Storage,
  to: Storage,
): Promise<{ devices: number; items: number }> {
  if (
    (await to.items.count()) > 0 ||
    (await to.allDevices()).length > 0 ||
    (await to.claims.list(null)).length > 0
  ) {
    throw new MigrateError('måldatabasen er ikke tom; flytningen kræver en tom database');
  }
  const devices = await from.allDevices();
  await to.importDevices(devices);
  let after = 0;
  let items = 0;
  for (;;) {
    const page = await from.items.page(after, PAGE);
    if (page.length === 0) break;
    await to.items.importItems(page.map(withContact));
    items += page.length;
    after = page[page.length - 1]!.seq;
  }
  // Claims and their marks too, or the new database would claim every contact again (D84).
  await to.claims.importAll(await from.claims.exportAll());
  // The roster audit (R-ROSTER-1) moves too; it is small (one row per roster change).
  for (const row of (await from.rosterAudit.list(null, Number.MAX_SAFE_INTEGER)).reverse()) {
    await to.rosterAudit.add(row);
  }
  const copied = await to.items.count();
  if (copied !== items || copied !== (await from.items.count())) {
    throw new MigrateError(`kopierede ${copied} af ${items} elementer`);
  }
  return { devices: devices.length, items };
}
