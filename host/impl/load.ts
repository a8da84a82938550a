// R-LOAD-1 on this workstation's data: a range read of the per-(hour, doctor) sums kept in
// load_hours, then the pure report builder in shared/load.
import type { Contact, LoadReport } from '../../shared/contract/models';
import { contactLoadRows } from '../../shared/load/cells';
import { HOUR_MS, hourStart } from '../../shared/load/hours';
import { buildLoadReport, sumRows, type HourSums } from '../../shared/load/report';
import type { HostContext } from '../context';
import { q } from '../db/sql';
import { listDoctors } from '../stores/doctors';

// Rows with neither contacts nor talk time are what a void or correction left behind.
const SQL = `
  SELECT doctor_id AS doctorId, hour_ms AS hourMs, contacts, a AS A, b AS B, c AS C, day AS DAY,
         talk_s AS talkSeconds, handling_s AS handlingSeconds, video_escalations AS videoEscalations,
         video_connected AS videoConnected, transport AS transportGranted, fees_ore AS feesOre
    FROM load_hours
   WHERE hour_ms >= ? AND hour_ms < ? AND (contacts != 0 OR talk_s != 0)`;

export function localLoad(ctx: HostContext, from: string, to: string): LoadReport {
  const fromMs = hourStart(Date.parse(from));
  // An hour that starts before `to` belongs to the report.
  const toMs = hourStart(Date.parse(to) - 1) + HOUR_MS;
  // Arrays, not row objects: the cost of this query is per returned cell, not per contact.
  const rows = q(ctx.db, SQL).raw(true).all(fromMs, toMs) as Array<[string, number, ...number[]]>;
  const sums: HourSums[] = rows.map((r) => ({
    doctorId: r[0],
    hourMs: r[1],
    contacts: r[2]!,
    A: r[3]!,
    B: r[4]!,
    C: r[5]!,
    DAY: r[6]!,
    talkSeconds: r[7]!,
    handlingSeconds: r[8]!,
    videoEscalations: r[9]!,
    videoConnected: r[10]!,
    transportGranted: r[11]!,
    feesOre: r[12]!,
  }));
  const now = ctx.clock.now();
  const names = new Map(listDoctors(ctx.db).map((d) => [d.id, d.name]));
  const thresholds = ctx.tariff.ruleSetFor(now)?.loadThresholds ?? { amber: 12, red: 20 };
  // Other workstations' contacts pulled while online (a supervisor device), as of the last sync.
  const remote = remoteSums(ctx, fromMs, toMs);
  const sync = ctx.sync?.status();
  const asOf =
    sync?.configured && sync.lastSuccessAt ? sync.lastSuccessAt : new Date(now).toISOString();
  return buildLoadReport(remote.length ? mergeSums(sums, remote) : sums, {
    source: 'local',
    asOf,
    from,
    to,
    thresholds,
    names,
  });
}

/** Pulled contacts of other devices (remote_contacts, migration 005) summed per doctor and hour. */
function remoteSums(ctx: HostContext, fromMs: number, toMs: number): HourSums[] {
  // A contact answered up to a day before the range may still talk (or video) into it.
  const rows = q(
    ctx.db,
    'SELECT state FROM remote_contacts WHERE answered_at >= ? AND answered_at < ?',
  ).all(new Date(fromMs - 86_400_000).toISOString(), new Date(toMs).toISOString()) as Array<{
    state: string;
  }>;
  if (rows.length === 0) return [];
  const loadRows = rows.flatMap((r) =>
    contactLoadRows(JSON.parse(r.state) as Contact, { fromMs, toMs }),
  );
  return sumRows(loadRows, fromMs, toMs);
}

function mergeSums(a: HourSums[], b: HourSums[]): HourSums[] {
  const map = new Map<string, HourSums>();
  for (const s of [...a, ...b]) {
    const key = `${s.doctorId}|${s.hourMs}`;
    const cur = map.get(key);
    if (!cur) {
      map.set(key, { ...s });
      continue;
    }
    cur.contacts += s.contacts;
    cur.A += s.A;
    cur.B += s.B;
    cur.C += s.C;
    cur.DAY += s.DAY;
    cur.talkSeconds += s.talkSeconds;
    cur.handlingSeconds += s.handlingSeconds;
    cur.videoEscalations += s.videoEscalations;
    cur.videoConnected += s.videoConnected;
    cur.transportGranted += s.transportGranted;
    cur.feesOre += s.feesOre;
  }
  return [...map.values()];
}

/**
 * R-LOAD-2 from the sync server (every workstation), when this device is a supervisor device
 * and the server answers; null otherwise (the caller falls back to localLoad).
 */
export async function serverLoadReport(
  ctx: HostContext,
  from: string,
  to: string,
): Promise<LoadReport | null> {
  const answer = await ctx.sync?.serverLoad(from, to);
  if (!answer) return null;
  const now = ctx.clock.now();
  return {
    source: 'server',
    asOf: new Date(now).toISOString(),
    from,
    to,
    thresholds: ctx.tariff.ruleSetFor(now)?.loadThresholds ?? { amber: 12, red: 20 },
    doctors: answer.doctors,
  };
}
