// Enrolment: how a pasted key becomes a saved profile, without UI. "Add API Key" (the wizard) and
// `Accounts.addProfile` (the scripted path) both end in `enrol`, and the wizard's steps call the
// same stages (`checkNewKey`, `chooseWorkspace`) between its inputs, so the two cannot drift apart.
// Pure (no vscode import): what it needs from the shell comes in as `EnrolDeps`.
import { randomUUID } from 'node:crypto';
import type { RetracClient } from '../api/client';
import { keyType, redactKey } from '../api/keys';
import type { Translate } from '../api/l10n';
import type { KeyType, Workspace } from '../api/types';
import { AccountError, isUserFacingAccountError } from './accountError';
import type { Profile } from './connection';
import { checkKey, checkWorkspace, roleIn, type KeyCheckResult } from './keyCheck';
import { apiUrlProblem, defaultProfileName, hostOf, parseKeyInput, uniqueName } from './keyInput';

/** What `addProfile` takes: the key plus what the command would ask or read from settings. */
export interface AddProfileOptions {
  key: string;
  name?: string;
  /** Default: the `retrac.apiUrl` setting. */
  apiUrl?: string;
  /** Full-access keys: the workspace (id or slug); may be left out when the key reaches exactly one. */
  workspaceId?: string;
  caCertPath?: string;
  sandbox?: boolean;
  sessionOnly?: boolean;
}

/** What enrolment needs from the accounts part. */
export interface EnrolDeps {
  /** Translates the key and URL checks' sentences (vscode.l10n.t in the shell; English by default). */
  t?: Translate;
  /** The sentences enrolment says itself, localised by the shell. */
  messages: {
    unconfirmedHost(host: string): string;
    whichWorkspace(count: number): string;
  };
  profileNames(): string[];
  isHostConfirmed(apiUrl: string): boolean;
  /** The `retrac.caCertificatePath` setting: the CA of a check when the caller pins none. */
  configuredCaPath(): string | undefined;
  /** Hands the key to the log redaction before the first request carries it. */
  redactPending(key: string): void;
  /** A client for a key check (its expected 403 scope probes are logged at debug level). */
  makeProbingClient(key: string, apiUrl: string, caCertPath: string | undefined): Promise<RetracClient>;
  /** The user-facing sentence for a failed check. */
  explain(e: unknown, apiUrl: string): string;
  logScopes(keyType: KeyType, check: KeyCheckResult): void;
  /** Saves a checked profile (SecretStorageError when the keyring refuses). */
  save(profile: Profile, key: string): Promise<void>;
}

/** A key that the API answered: what it reaches and may do. */
export interface CheckedKey {
  key: string;
  apiUrl: string;
  client: RetracClient;
  check: KeyCheckResult;
}

/** Wraps a failure into the AccountError the user reads. */
function explained(deps: EnrolDeps, e: unknown, apiUrl: string): Error {
  return isUserFacingAccountError(e) ? e : new AccountError(deps.explain(e, apiUrl), e);
}

/** Checks a parsed key with the API (which workspaces, which scopes). Throws AccountError. */
export async function checkNewKey(deps: EnrolDeps, key: string, apiUrl: string, caCertPath: string | undefined, signal?: AbortSignal): Promise<CheckedKey> {
  deps.redactPending(key);
  try {
    const client = await deps.makeProbingClient(key, apiUrl, caCertPath);
    const check = await checkKey(client, signal);
    deps.logScopes(client.keyType, check);
    return { key, apiUrl, client, check };
  } catch (e) {
    throw explained(deps, e, apiUrl);
  }
}

/**
 * The workspace of the profile: for a full-access key, `wanted` (id or slug, checked with the
 * API) or the only one it reaches; a restricted key's own workspace otherwise. Throws AccountError.
 */
export async function chooseWorkspace(deps: EnrolDeps, checked: CheckedKey, wanted: string | undefined, signal?: AbortSignal): Promise<Workspace | undefined> {
  const { client, check } = checked;
  if (client.keyType !== 'full') return check.workspaces[0];
  const id = wanted ?? (check.workspaces.length === 1 ? check.workspaces[0].id : undefined);
  if (!id) throw new AccountError(deps.messages.whichWorkspace(check.workspaces.length));
  try {
    return await checkWorkspace(client, id, signal);
  } catch (e) {
    throw explained(deps, e, checked.apiUrl);
  }
}

/** The profile a checked key would be saved as (its name: the one given, or a unique default). */
export function draftProfile(
  deps: EnrolDeps,
  checked: CheckedKey,
  workspace: Workspace | undefined,
  options: Omit<AddProfileOptions, 'key' | 'apiUrl' | 'workspaceId'>,
): Profile {
  const { key, apiUrl, check } = checked;
  const base: Profile = {
    id: randomUUID(),
    name: '',
    keyType: keyType(key),
    apiUrl,
    workspaceId: workspace?.id,
    workspaceName: workspace?.name,
    workspaceSlug: workspace?.slug,
    plan: workspace?.plan,
    role: roleIn(workspace) ?? check.role,
    scopes: check.scopes,
    sandbox: options.sandbox || undefined,
    // A CA passed here is pinned to the profile; otherwise the retrac.caCertificatePath setting applies at each use.
    caCertPath: options.caCertPath,
    sessionOnly: options.sessionOnly || undefined,
    keyHint: redactKey(key),
  };
  base.name = options.name?.trim() || uniqueName(defaultProfileName(base), deps.profileNames());
  return base;
}

/**
 * Checks a key and saves it as a profile: the one way a key is enrolled. `done` carries the
 * stages an interactive caller already ran (the wizard checked the key and the workspace while
 * it asked), so they are not repeated. Throws AccountError with the user-facing sentence, or
 * SecretStorageError (nothing saved then).
 */
export async function enrol(
  deps: EnrolDeps,
  options: AddProfileOptions & { apiUrl: string },
  done: { checked?: CheckedKey; workspace?: Workspace } = {},
): Promise<Profile> {
  const parsed = parseKeyInput(options.key, deps.t);
  if (!parsed.ok) throw new AccountError(parsed.message);
  const apiUrl = options.apiUrl;
  const urlProblem = apiUrlProblem(apiUrl, deps.t);
  if (urlProblem) throw new AccountError(urlProblem);
  if (!deps.isHostConfirmed(apiUrl)) {
    throw new AccountError(deps.messages.unconfirmedHost(hostOf(apiUrl)));
  }
  const checked = done.checked ?? (await checkNewKey(deps, parsed.key, apiUrl, options.caCertPath ?? deps.configuredCaPath()));
  const workspace = done.checked ? done.workspace : await chooseWorkspace(deps, checked, options.workspaceId);
  const profile = draftProfile(deps, checked, workspace, options);
  await deps.save(profile, parsed.key);
  return profile;
}
