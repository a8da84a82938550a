import type { Impl } from '../../shared/contract/dispatcher';

/** A slice of the contract's Impl, implemented by one area of the host. */
export type ImplPart<K extends keyof Impl> = Pick<Impl, K>;
