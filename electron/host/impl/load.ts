// R-LOAD-1 on this workstation's data: a range read of the per-(hour, doctor) sums kept in
// load_hours, then the pure report builder in shared/load.
import type { LoadReport } from '../../../shared/contract/models';
import { HOUR_MS, hourStart } from '../../../shared/load/hours';
import { buildLoadReport, type HourSums } from '../../../shared/load/report';
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
  return buildLoadReport(sums, {
    source: 'local',
    asOf: new Date(now).toISOString(),
    from,
    to,
    thresholds,
    names,
  });
}
