// R-LOAD-1 on this workstation's data: one GROUP BY over the covering index of load_cells,
// then the pure report builder in shared/load.
import type { LoadReport } from '../../../shared/contract/models';
import { HOUR_MS, hourStart } from '../../../shared/load/hours';
import { buildLoadReport, type HourSums } from '../../../shared/load/report';
import type { HostContext } from '../context';
import { q } from '../db/sql';
import { listDoctors } from '../stores/doctors';

const SQL = `
  SELECT doctor_id AS doctorId, hour_ms AS hourMs,
         SUM(contacts) AS contacts,
         SUM(contacts * (band = 'A')) AS A, SUM(contacts * (band = 'B')) AS B,
         SUM(contacts * (band = 'C')) AS C, SUM(contacts * (band = 'DAY')) AS DAY,
         SUM(talk_s) AS talkSeconds, SUM(handling_s) AS handlingSeconds,
         SUM(video_escalations) AS videoEscalations, SUM(video_connected) AS videoConnected,
         SUM(transport) AS transportGranted, SUM(fees_ore) AS feesOre
    FROM load_cells
   WHERE hour_ms >= ? AND hour_ms < ?
   GROUP BY hour_ms, doctor_id`;

export function localLoad(ctx: HostContext, from: string, to: string): LoadReport {
  const fromMs = hourStart(Date.parse(from));
  // An hour that starts before `to` belongs to the report.
  const toMs = hourStart(Date.parse(to) - 1) + HOUR_MS;
  const sums = q(ctx.db, SQL).all(fromMs, toMs) as HourSums[];
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
