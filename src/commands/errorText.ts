// One plain sentence for every way an edit can fail, naming the cause (missing scope, owner-only,
// location access, plan limit, duplicate, rate limit with the wait) rather than a status code.
import * as vscode from 'vscode';
import { describeError, describeWait } from '../api/describeError';
import { MAX_RETRY_AFTER_MS } from '../api/retryAfter';
import { isRetracError } from '../api/errors';
import { withWhereToSet } from '../accounts/connectionSettings';

export interface ErrorContext {
  /** What was being done, e.g. "Set on-hand stock". */
  action: string;
  /** Names that make the sentence concrete. */
  sku?: string;
  locationName?: string;
}

/** Whether the request may have reached the server before the connection failed. */
export function isInterrupted(e: unknown): boolean {
  return isRetracError(e) && (e.code === 'network' || e.code === 'timeout');
}

/** A sentence for a failed edit; one that asks to set a connection setting also says where. */
export function explainError(e: unknown, ctx: ErrorContext): string {
  return withWhereToSet(explainEditError(e, ctx));
}

function explainEditError(e: unknown, ctx: ErrorContext): string {
  const t = vscode.l10n.t;
  if (!isRetracError(e)) return t('{0} failed: {1}', ctx.action, describeError(e));
  switch (e.code) {
    case 'forbidden':
      switch (e.forbidden) {
        case 'scope':
          return e.missingScope
            ? t('{0} needs the "{1}" scope, which this API key lacks. Create a key with it in the Retrac dashboard.', ctx.action, e.missingScope)
            : t('{0} needs a scope this API key lacks: {1}', ctx.action, e.message);
        case 'role':
          return t('{0} is owner-only: this API key belongs to a workspace member.', ctx.action);
        case 'location':
          return ctx.locationName
            ? t('{0} was refused: your access at "{1}" is View-only or None. A workspace owner can give you Edit access there.', ctx.action, ctx.locationName)
            : t('{0} was refused: your access at that location is View-only or None.', ctx.action);
        case 'plan':
          return t('{0} was refused: API keys need the Business plan or above.', ctx.action);
        case 'plan_limit':
          return t('{0} was refused: the workspace reached a plan limit ({1}).', ctx.action, e.message);
        default:
          return t('{0} was refused: {1}', ctx.action, e.message);
      }
    case 'exceeded_limit':
      return t('{0} was refused: the workspace reached a plan limit ({1}). Upgrade the plan or remove unused records.', ctx.action, e.message);
    case 'conflict':
      return ctx.sku
        ? t('{0} failed: the SKU "{1}" already exists in this workspace.', ctx.action, ctx.sku)
        : t('{0} failed: {1}', ctx.action, e.message);
    case 'rate_limit_exceeded':
      return e.retryAfterMs !== undefined && e.retryAfterMs >= MAX_RETRY_AFTER_MS
        ? t('{0} was not sent: Retrac asked to wait more than an hour; try again later.', ctx.action)
        : t('{0} was not sent: the API key is over its rate limit. Try again in {1}.', ctx.action, describeWait(e.retryAfterMs));
    case 'not_found':
      return t('{0} failed: it no longer exists or is not in this workspace.', ctx.action);
    case 'unprocessable_entity':
      return t('{0} was refused by the server: {1}', ctx.action, describeError(e));
    default:
      return t('{0} failed: {1}', ctx.action, describeError(e));
  }
}
