// The whole contract, implemented: one object with every method of shared/contract/methods.ts.
import type { Impl } from '../../../shared/contract/dispatcher';
import type { HostContext } from '../context';
import { requireRole } from '../context';
import { authMethods } from './auth';
import { claimMethods } from './claims';
import { bandNow } from './clock';
import { contactMethods } from './contacts';
import { localLoad } from './load';
import { rosterMethods } from './roster';
import { rulesMethods } from './rules';
import { setupMethods } from './setup';
import { shiftMethods } from './shifts';

export function createImpl(ctx: HostContext): Impl {
  return {
    ...setupMethods(ctx),
    ...rosterMethods(ctx),
    ...authMethods(ctx),
    ...shiftMethods(ctx),
    ...contactMethods(ctx),
    'clock.now': () => bandNow(ctx),
    'load.local': ({ from, to }) => {
      requireRole(ctx, 'supervisor');
      return localLoad(ctx, from, to);
    },
    ...rulesMethods(ctx),
    ...claimMethods(ctx),
  };
}
