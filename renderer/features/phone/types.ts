import type { MethodInput } from '../../../shared/contract/methods';

export type ConfigureInput = MethodInput<'phone.configure'>;
