// Enrolment (./enrol) wired to this window's accounts: the client, the log, the store, the
// localised sentences. Part of the accounts UI bundle.
import * as vscode from 'vscode';
import { withWhereToSet } from './connectionSettings';
import type { Profile } from './connection';
import { enrol, type AddProfileOptions, type EnrolDeps } from './enrol';
import type { Accounts } from './index';
import { explainCheckFailure } from './keyCheck';

const t = vscode.l10n.t;

/** The sentence for a failed key check, with where to set a connection setting. */
export function explainFailure(accounts: Accounts, e: unknown, apiUrl: string): string {
  return withWhereToSet(explainCheckFailure(e, apiUrl, (x) => accounts.describe(x)));
}

/** What enrolment needs from this window (see ./enrol). */
export function enrolDeps(accounts: Accounts): EnrolDeps {
  return {
    t,
    messages: {
      unconfirmedHost: (host) => t('{0} is not a confirmed Retrac host: add the key with “Retrac: Add API Key” to confirm it.', host),
      whichWorkspace: (count) => t('This key reaches {0} workspaces: say which one (workspaceId).', count),
    },
    profileNames: () => accounts.profiles.map((p) => p.name),
    isHostConfirmed: (apiUrl) => accounts.hostTrust.isConfirmed(apiUrl),
    configuredCaPath: () => accounts.configuredCaPath(),
    redactPending: (key) => accounts.registerSecret('pending', key),
    makeProbingClient: (key, apiUrl, caCertPath) => accounts.makeClient(key, apiUrl, undefined, caCertPath, true),
    explain: (e, apiUrl) => (e instanceof Error && /^(AccountError|SecretStorageError)$/.test(e.name) ? e.message : explainFailure(accounts, e, apiUrl)),
    logScopes: (keyType, check) => accounts.logScopes(keyType, check),
    save: (profile, key) => accounts.saveProfile(profile, key),
  };
}

/** `Accounts.addProfile`: the scripted path of enrolment. */
export function enrolProfile(accounts: Accounts, options: AddProfileOptions & { apiUrl: string }): Promise<Profile> {
  return enrol(enrolDeps(accounts), options);
}
