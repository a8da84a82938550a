// The derived load tables (R-LOAD-1): load_cells per contact part and clock hour, and their
// per-(hour, doctor) sums in load_hours. Rebuilt for a contact on each of its revisions, in the
// revision's transaction; they hold no record of care (that is contact_revisions).
import type { Contact } from '../../shared/contract/models';
import { contactLoadRows, type LoadRow } from '../../shared/load/cells';
import type { DB } from '../db/open';
import { q } from '../db/sql';

interface CellRow {
  hour_ms: number;
  doctor_id: string;
  contacts: number;
  band: LoadRow['band'];
  talk_s: number;
  handling_s: number;
  video_escalations: number;
  video_connected: number;
  transport: number;
  fees_ore: number;
}

function bump(db: DB, r: CellRow, sign: 1 | -1): void {
  const n = sign * r.contacts;
  q(
    db,
    `INSERT INTO load_hours (hour_ms, doctor_id, contacts, a, b, c, day, talk_s, handling_s,
       video_escalations, video_connected, transport, fees_ore) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (hour_ms, doctor_id) DO UPDATE SET
       contacts = contacts + excluded.contacts, a = a + excluded.a, b = b + excluded.b,
       c = c + excluded.c, day = day + excluded.day, talk_s = talk_s + excluded.talk_s,
       handling_s = handling_s + excluded.handling_s,
       video_escalations = video_escalations + excluded.video_escalations,
       video_connected = video_connected + excluded.video_connected,
       transport = transport + excluded.transport, fees_ore = fees_ore + excluded.fees_ore`,
  ).run(
    r.hour_ms,
    r.doctor_id,
    n,
    r.band === 'A' ? n : 0,
    r.band === 'B' ? n : 0,
    r.band === 'C' ? n : 0,
    r.band === 'DAY' ? n : 0,
    sign * r.talk_s,
    sign * r.handling_s,
    sign * r.video_escalations,
    sign * r.video_connected,
    sign * r.transport,
    sign * r.fees_ore,
  );
}

export function refreshLoad(db: DB, c: Contact): void {
  const old = q(db, 'SELECT * FROM load_cells WHERE contact_id = ?').all(c.id) as CellRow[];
  for (const r of old) bump(db, r, -1);
  q(db, 'DELETE FROM load_cells WHERE contact_id = ?').run(c.id);
  const ins = q(
    db,
    `INSERT INTO load_cells (contact_id, part, hour_ms, doctor_id, contacts, band, talk_s, handling_s,
       video_escalations, video_connected, transport, fees_ore) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of contactLoadRows(c)) {
    const row: CellRow = {
      hour_ms: r.hourMs,
      doctor_id: r.doctorId,
      contacts: r.contacts,
      band: r.band,
      talk_s: r.talkSeconds,
      handling_s: r.handlingSeconds,
      video_escalations: r.videoEscalations,
      video_connected: r.videoConnected,
      transport: r.transportGranted,
      fees_ore: r.feesOre,
    };
    ins.run(
      c.id,
      r.part,
      row.hour_ms,
      row.doctor_id,
      row.contacts,
      row.band,
      row.talk_s,
      row.handling_s,
      row.video_escalations,
      row.video_connected,
      row.transport,
      row.fees_ore,
    );
    bump(db, row, 1);
  }
}

/** Recomputes load_hours from load_cells (after a bulk load, and as the consistency check). */
export const LOAD_HOURS_FROM_CELLS = `
  SELECT hour_ms, doctor_id, SUM(contacts) AS contacts,
         SUM(contacts * (band = 'A')) AS a, SUM(contacts * (band = 'B')) AS b,
         SUM(contacts * (band = 'C')) AS c, SUM(contacts * (band = 'DAY')) AS day,
         SUM(talk_s) AS talk_s, SUM(handling_s) AS handling_s,
         SUM(video_escalations) AS video_escalations, SUM(video_connected) AS video_connected,
         SUM(transport) AS transport, SUM(fees_ore) AS fees_ore
    FROM load_cells GROUP BY hour_ms, doctor_id`;

export function rebuildLoadHours(db: DB): void {
  db.transaction(() => {
    db.exec('DELETE FROM load_hours');
    db.exec(`INSERT INTO load_hours ${LOAD_HOURS_FROM_CELLS}`);
  })();
}
