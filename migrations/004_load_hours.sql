-- 004: per (clock hour, doctor) sums of load_cells, kept up to date in the same transaction as
-- each revision. The load view then reads one row per cell it shows instead of grouping a
-- million contacts (R-LOAD-1 over 1M contacts within ~200 ms). load_cells stays as the
-- per-contact record of what was added, so a revision can take its old contribution back out.

CREATE TABLE load_hours (
  hour_ms INTEGER NOT NULL,
  doctor_id TEXT NOT NULL,
  contacts INTEGER NOT NULL DEFAULT 0,
  a INTEGER NOT NULL DEFAULT 0,
  b INTEGER NOT NULL DEFAULT 0,
  c INTEGER NOT NULL DEFAULT 0,
  day INTEGER NOT NULL DEFAULT 0,
  talk_s INTEGER NOT NULL DEFAULT 0,
  handling_s INTEGER NOT NULL DEFAULT 0,
  video_escalations INTEGER NOT NULL DEFAULT 0,
  video_connected INTEGER NOT NULL DEFAULT 0,
  transport INTEGER NOT NULL DEFAULT 0,
  fees_ore INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour_ms, doctor_id)
) WITHOUT ROWID;

INSERT INTO load_hours
SELECT hour_ms, doctor_id, SUM(contacts),
       SUM(contacts * (band = 'A')), SUM(contacts * (band = 'B')),
       SUM(contacts * (band = 'C')), SUM(contacts * (band = 'DAY')),
       SUM(talk_s), SUM(handling_s), SUM(video_escalations), SUM(video_connected),
       SUM(transport), SUM(fees_ore)
  FROM load_cells GROUP BY hour_ms, doctor_id;

-- The query no longer scans load_cells by hour; lookups by contact use its primary key.
DROP INDEX load_cells_hour;
