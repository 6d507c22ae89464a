// The rule table: ids, default severities and texts for the docs, the settings and the diagnostics.
import * as crypto from 'node:crypto';
import { RULE_DOC_BASE, type RuleId, type Severity } from './types';

export interface RuleInfo {
  id: RuleId;
  defaultSeverity: Severity;
  title: string;
  description: string;
  docUrl: string;
}

function rule(id: RuleId, defaultSeverity: Severity, title: string, description: string): RuleInfo {
  return { id, defaultSeverity, title, description, docUrl: docUrlFor(id) };
}

/** `retrac/restricted-key` → `RULE_DOC_BASE + 'restricted-key'`. */
export function docUrlFor(id: RuleId): string {
  return RULE_DOC_BASE + id.slice('retrac/'.length);
}

export const ruleTable: readonly RuleInfo[] = [
  rule('retrac/restricted-key', 'error', 'Hard-coded restricted Retrac key',
    'A `retrac_` key literal in a file git tracks or does not ignore. Anyone who can read the file can call the API with the key\'s scopes. Move it to an environment variable or secret store and revoke it if it was committed.'),
  rule('retrac/full-access-key', 'error', 'Hard-coded full-access Retrac key',
    'A 24-character full-access key sent as `Bearer` to the Retrac API or assigned to a Retrac key name. Full-access keys carry every permission of their user in every workspace.'),
  rule('retrac/workspace-id-with-restricted-key', 'warning', 'workspaceId sent with a restricted key',
    'Restricted keys are bound to one workspace; sending `workspaceId` (or the deprecated `projectSlug`) with one is rejected by the sandbox and at best ignored by the API.'),
  rule('retrac/missing-workspace-id', 'warning', 'Full-access key without workspaceId',
    'A full-access key must send `?workspaceId=` on every workspace-scoped request (`/items`, `/tags`, `/locations`, `/inventory/...`); without it the API answers 404 `not_found`.'),
  rule('retrac/insecure-http', 'error', 'Plain HTTP to the Retrac API',
    '`http://api.retrac.co` sends the key in clear text; the API is HTTPS only.'),
  rule('retrac/client-exposed-key', 'error', 'Retrac key exposed to browser code',
    'A Retrac key behind a name that bundlers inline into client code (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`, `NUXT_PUBLIC_`, `GATSBY_`, `PUBLIC_`, `VUE_APP_`, `STORYBOOK_` and other frameworks\' public prefixes), in a client section of a framework or bundler config, compiled into an app by a build flag, or sent to the page by a server. Reported in `.env*` files even when git ignores them.'),
  rule('retrac/hardcoded-workspace-id', 'hint', 'Hard-coded workspace ID',
    'A `ws_…` literal passed as `workspaceId`; reading it from configuration keeps the code working when the key or workspace changes.'),
];

export const ruleById: ReadonlyMap<RuleId, RuleInfo> = new Map(ruleTable.map((r) => [r.id, r]));

/** Hex SHA-256 of `rule:secret` (the secret, or the flagged text for rules without one). */
export function fingerprint(rule: RuleId, secret: string): string {
  return sha256Hex(`${rule}:${secret}`);
}

// One-shot `crypto.hash` (Node 20.12+) skips the Hash object: about twice as fast per finding.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex: (data: string) => string = oneShotHash
  ? (data) => oneShotHash('sha256', data, 'hex')
  : (data) => crypto.createHash('sha256').update(data).digest('hex');
