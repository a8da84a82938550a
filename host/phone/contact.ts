// What the phone link adds to the ordinary contact steps (R-PHONE-1): the end of a call is the
// phone system's `ended` instant when it came, and the doctor's first save is timed for the
// load view (answer → first save).
import type { Contact } from '../../shared/contract/models';
import { HostError } from '../../shared/contract/errors';
import type { DB } from '../db/open';
import { q } from '../db/sql';

/**
 * The instant a contact ends: the phone system's end when its `ended` event came and nothing on
 * the record is later (a video may outlast the phone call); otherwise now. Never before answered.
 */
export function endInstant(c: Contact, nowMs: number): string {
  const phoneEnd = c.phone?.endedAt ? Date.parse(c.phone.endedAt) : null;
  const v = c.video;
  const latest = Math.max(
    Date.parse(c.answeredAt),
    ...[v?.requestedAt, v?.connectedAt, v?.failedAt, v?.endedAt]
      .filter((x): x is string => typeof x === 'string')
      .map((x) => Date.parse(x)),
  );
  if (phoneEnd !== null && phoneEnd >= latest && phoneEnd <= nowMs)
    return new Date(phoneEnd).toISOString();
  return new Date(Math.max(nowMs, latest)).toISOString();
}

/** Records when the doctor's first edit of a contact reached the host (once). */
export function markFirstSave(db: DB, id: string, at: string): void {
  q(db, 'UPDATE contacts SET first_saved_at = ? WHERE id = ? AND first_saved_at IS NULL').run(
    at,
    id,
  );
}

/**
 * A corrected answered instant (R-PHONE-1: a wrong phone-system instant is corrected as a
 * revision with a reason): not before the shift opened, not after anything else on the record.
 */
export function checkedAnsweredAt(c: Contact, at: string, shiftOpenedAt?: string): string {
  const ms = Date.parse(at);
  const v = c.video;
  const later = [c.endedAt, v?.requestedAt, v?.connectedAt, v?.failedAt, v?.endedAt].filter(
    (x): x is string => typeof x === 'string',
  );
  if (shiftOpenedAt && ms < Date.parse(shiftOpenedAt))
    throw new HostError('VALIDATION', 'Answered before the shift opened', {
      answeredAt: 'BEFORE_SHIFT',
    });
  if (later.some((x) => ms > Date.parse(x)))
    throw new HostError('VALIDATION', 'Answered after the call ended', {
      answeredAt: 'AFTER_END',
    });
  return new Date(ms).toISOString();
}

/** Keeps the lookup column in step with a corrected answered instant (the state holds the truth). */
export function setAnsweredAtColumn(db: DB, c: Contact): void {
  q(db, 'UPDATE contacts SET answered_at = ? WHERE id = ?').run(c.answeredAt, c.id);
}
