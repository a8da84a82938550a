// After a committed change, tell subscribers (the sync loop, the status bar) the outbox size.
import type { HostContext } from '../context';
import { outboxCounts } from '../stores/outbox';

export function afterOutboxWrite(ctx: HostContext): void {
  ctx.events.emit({ type: 'outbox', ...outboxCounts(ctx.db) });
}
