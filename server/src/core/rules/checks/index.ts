/** Named checks: the small TypeScript escape hatch for what rule data cannot say. */
import type { NamedCheck } from '../evaluator';
import { phiInNamesTags } from './phi-names-tags';
import { redisAuthToken } from './redis-auth-token';

export const namedChecks: ReadonlyMap<string, NamedCheck> = new Map<string, NamedCheck>([
  ['phi-in-names-tags', phiInNamesTags],
  ['redis-auth-token', redisAuthToken],
]);
