-- 002: a derived index for the local load view (R-LOAD-1), so a supervisor's query over a
-- million contacts is one indexed GROUP BY instead of a scan of contact JSON.
-- One row per (contact, part, clock hour it touches): the call part belongs to the answering
-- doctor, the video part to the doctor who took the video (R-CON-5). `contacts` is 1 only in
-- the hour the part was answered; talk seconds are split exactly across the hours touched.
-- Rows are rebuilt from the contact's state on each revision (they hold no record of care).

CREATE TABLE load_cells (
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  part TEXT NOT NULL CHECK (part IN ('call', 'video')),
  hour_ms INTEGER NOT NULL,          -- start of the clock hour, epoch ms (UTC hours = Danish clock hours)
  doctor_id TEXT NOT NULL,
  contacts INTEGER NOT NULL,
  band TEXT NOT NULL CHECK (band IN ('A', 'B', 'C', 'DAY')),
  talk_s INTEGER NOT NULL,
  handling_s INTEGER NOT NULL,
  video_escalations INTEGER NOT NULL,
  video_connected INTEGER NOT NULL,
  transport INTEGER NOT NULL,
  fees_ore INTEGER NOT NULL,
  PRIMARY KEY (contact_id, part, hour_ms)
) WITHOUT ROWID;

-- Covering index: the load query reads only this index, in hour order.
CREATE INDEX load_cells_hour ON load_cells(
  hour_ms, doctor_id, contacts, band, talk_s, handling_s,
  video_escalations, video_connected, transport, fees_ore
);
