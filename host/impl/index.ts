// The whole contract, implemented: one object with every method of shared/contract/methods.ts.
import type { Impl } from '../../shared/contract/dispatcher';
import type { HostContext } from '../context';
import { requireRole } from '../context';
import { authMethods } from './auth';
import { claimMethods } from './claims';
import { bandNow } from './clock';
import { contactMethods } from './contacts';
import { localLoad, serverLoadReport } from './load';
import { rosterMethods } from './roster';
import { rulesMethods } from './rules';
import { setupMethods } from './setup';
import { settingsMethods } from './settings';
import { shiftMethods } from './shifts';
import { syncMethods } from './sync';
import { phoneMethods } from './phone';

export function createImpl(ctx: HostContext): Impl {
  return {
    ...setupMethods(ctx),
    ...rosterMethods(ctx),
    ...authMethods(ctx),
    ...shiftMethods(ctx),
    ...contactMethods(ctx),
    'clock.now': () => bandNow(ctx),
    // R-LOAD-2: the server's view of every workstation when this is a supervisor device and
    // the server answers; otherwise this workstation's data (+ pulled records), saying so.
    'load.local': async ({ from, to }) => {
      requireRole(ctx, 'supervisor');
      return (await serverLoadReport(ctx, from, to)) ?? localLoad(ctx, from, to);
    },
    ...rulesMethods(ctx),
    ...claimMethods(ctx),
    ...syncMethods(ctx),
    ...settingsMethods(ctx),
    ...phoneMethods(ctx),
    // R-AUDIT-1: the region's audit list, from the server only (it spans every workstation).
    'audit.region': async ({ from, to }) => {
      requireRole(ctx, 'supervisor');
      return (await ctx.sync?.serverAudit?.(from, to)) ?? null;
    },
  };
}
