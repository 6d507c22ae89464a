// The sentence for a failed edit: it starts with what the user was doing ("Set on-hand stock was
// refused: …") and names the cause (missing scope, owner-only, location access, plan limit,
// duplicate SKU, rate limit with the wait), from the same RetracError as ./describeError, whose
// sentence it uses for everything else. Its own file so that only the edit bundle loads it (the
// main bundle has a size budget). Pure; `t` as in ./l10n.
import { describeError, describeWait } from './describeError';
import { isRetracError } from './errors';
import { english, type Translate } from './l10n';
import { MAX_RETRY_AFTER_MS } from './retryAfter';

export interface EditErrorContext {
  /** What the user was doing, e.g. "Set on-hand stock": the sentence starts with it. */
  action: string;
  /** Names that make the sentence concrete. */
  sku?: string;
  locationName?: string;
  /** The translator (default: English). */
  t?: Translate;
}

export function describeEditError(e: unknown, o: EditErrorContext): string {
  const { action } = o;
  const t = o.t ?? english;
  const plain = (): string => describeError(e, { t });
  if (!isRetracError(e)) return t('{0} failed: {1}', action, plain());
  switch (e.code) {
    case 'forbidden':
      switch (e.forbidden) {
        case 'scope':
          return e.missingScope
            ? t('{0} needs the "{1}" scope, which this API key lacks. Create a key with it in the Retrac dashboard.', action, e.missingScope)
            : t('{0} needs a scope this API key lacks: {1}', action, e.message);
        case 'role':
          return t('{0} is owner-only: this API key belongs to a workspace member.', action);
        case 'location':
          return o.locationName
            ? t('{0} was refused: your access at "{1}" is View-only or None. A workspace owner can give you Edit access there.', action, o.locationName)
            : t('{0} was refused: your access at that location is View-only or None.', action);
        case 'plan':
          return t('{0} was refused: API keys need the Business plan or above.', action);
        case 'plan_limit':
          return t('{0} was refused: the workspace reached a plan limit ({1}).', action, e.message);
        default:
          return t('{0} was refused: {1}', action, e.message);
      }
    case 'exceeded_limit':
      return t('{0} was refused: the workspace reached a plan limit ({1}). Upgrade the plan or remove unused records.', action, e.message);
    case 'conflict':
      return o.sku
        ? t('{0} failed: the SKU "{1}" already exists in this workspace.', action, o.sku)
        : t('{0} failed: {1}', action, e.message);
    case 'rate_limit_exceeded':
      return e.retryAfterMs !== undefined && e.retryAfterMs >= MAX_RETRY_AFTER_MS
        ? t('{0} was not sent: Retrac asked to wait more than an hour; try again later.', action)
        : t('{0} was not sent: the API key is over its rate limit. Try again in {1}.', action, describeWait(e.retryAfterMs, t));
    case 'not_found':
      return t('{0} failed: it no longer exists or is not in this workspace.', action);
    case 'unprocessable_entity':
      return t('{0} was refused by the server: {1}', action, plain());
    default:
      return t('{0} failed: {1}', action, plain());
  }
}
