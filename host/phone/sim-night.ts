// The phone-platform simulator's nights: a JSON file of events (played when the phone clock
// reaches each event's instant, or its `sendAt`), or a generated night with realistic timing.
import { z } from 'zod';
import { DateTime } from 'luxon';
import { ZONE } from '../../shared/time';
import { phoneEventSchema, type PhoneEvent } from '../../shared/phone/events';

export interface PlannedEvent {
  /** Phone-clock ms at which to send. */
  sendAt: number;
  event: PhoneEvent;
}

const fileEntry = z.union([
  phoneEventSchema,
  z.object({ sendAt: z.string(), event: phoneEventSchema }).strict(),
]);
export const nightFileSchema = z.object({ events: z.array(fileEntry).max(10_000) }).strict();

function instantOf(e: PhoneEvent): number {
  return Date.parse(e.type === 'answered' ? e.answeredAt : e.endedAt);
}

/** A night file: each event is sent at its own instant unless it names `sendAt` (a replay). */
export function planFromFile(json: unknown): PlannedEvent[] {
  const night = nightFileSchema.parse(json);
  return night.events
    .map((x) =>
      'event' in x
        ? { sendAt: Date.parse(x.sendAt), event: x.event }
        : { sendAt: instantOf(x), event: x },
    )
    .sort((a, b) => a.sendAt - b.sendAt);
}

/** Deterministic pseudo-random numbers (mulberry32) so a night can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Calls per hour for one doctor by local hour: busy evening, quiet small hours. */
export function callsPerHour(hour: number): number {
  if (hour >= 16 && hour < 19) return 9;
  if (hour >= 19 && hour < 22) return 7;
  if (hour >= 22) return 4;
  if (hour < 6) return 1.5;
  return 3;
}

/**
 * A generated night for one agent from 16:00 local on `date` to 08:00 the next morning: Poisson
 * arrivals by hour, talk times around 4 minutes (log-normal), each call `answered` then `ended`.
 * Instants are the night's own; the caller shifts them onto its clock (see sim.ts).
 */
export function generateNight(date: string, agentAuthId: string, seed = 1): PlannedEvent[] {
  const rand = rng(seed);
  const start = DateTime.fromISO(`${date}T16:00:00`, { zone: ZONE });
  if (!start.isValid) throw new Error(`Ugyldig dato: ${date}`);
  const end = start.plus({ hours: 16 }).toMillis();
  let t = start.toMillis();
  const out: PlannedEvent[] = [];
  let n = 0;
  while (t < end) {
    const hour = DateTime.fromMillis(t, { zone: ZONE }).hour;
    const gap = (-Math.log(1 - rand()) / callsPerHour(hour)) * 3_600_000;
    t += Math.max(20_000, gap);
    if (t >= end) break;
    const talk = Math.round(Math.exp(Math.log(240) + 0.5 * (rand() * 2 - 1)) * 1000);
    const callId = `sim-${date}-${String(++n).padStart(3, '0')}`;
    const answeredAt = new Date(t).toISOString();
    const endedAt = new Date(t + talk).toISOString();
    out.push({
      sendAt: t,
      event: {
        type: 'answered',
        callId,
        answeredAt,
        agentAuthId,
        callerNumber: `+45${String(20_000_000 + Math.floor(rand() * 79_999_999))}`,
        ivrCpr: rand() < 0.7 ? '010190-1234' : null,
        queue: 'Lægevagten',
      },
    });
    out.push({ sendAt: t + talk, event: { type: 'ended', callId, endedAt } });
    t += talk;
  }
  return out;
}

/** Moves a planned night so its first event is at `firstAt` (phone clock ms), keeping its gaps. */
export function shiftPlan(plan: PlannedEvent[], firstAt: number, speed = 1): PlannedEvent[] {
  if (plan.length === 0) return plan;
  const t0 = plan[0]!.sendAt;
  const at = (ms: number) => firstAt + Math.round((ms - t0) / speed);
  return plan.map(({ sendAt, event }) => ({
    sendAt: at(sendAt),
    event:
      event.type === 'answered'
        ? { ...event, answeredAt: new Date(at(Date.parse(event.answeredAt))).toISOString() }
        : { ...event, endedAt: new Date(at(Date.parse(event.endedAt))).toISOString() },
  }));
}
