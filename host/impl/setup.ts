// First-launch state and demo seeding.
import type { HostContext } from '../context';
import { countDoctors } from '../stores/doctors';
import { seedDemo } from './demo';
import type { ImplPart } from './types';

export function setupMethods(ctx: HostContext): ImplPart<'setup.status' | 'setup.loadDemo'> {
  return {
    'setup.status': () => {
      const demo = ctx.db
        .prepare('SELECT EXISTS (SELECT 1 FROM doctors WHERE demo = 1) AS d')
        .get() as { d: number };
      return {
        hasDoctors: countDoctors(ctx.db) > 0,
        demo: demo.d === 1,
        workstationId: ctx.deviceId,
        version: ctx.version,
        mode: ctx.mode,
      };
    },
    'setup.loadDemo': () => {
      const out = seedDemo(ctx);
      ctx.events.emit({ type: 'roster' });
      return out;
    },
  };
}
