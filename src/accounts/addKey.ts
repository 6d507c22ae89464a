// "Retrac: Add API Key": the wizard (key → workspace for a full-access key → name) on the one
// flow runner (runFlow: Back, step numbers), over the UI-free enrolment stages of ./enrol.
import * as vscode from 'vscode';
import { isRetracError } from '../api/errors';
import type { Workspace } from '../api/types';
import { withProgress } from '../progress';
import { BACK } from '../quickInput';
import { FINISH, runFlow } from '../runFlow';
import { isSecretStorageError, isUserFacingAccountError } from './accountError';
import type { Profile } from './connection';
import { checkNewKey, chooseWorkspace, draftProfile, enrol, type CheckedKey, type EnrolDeps } from './enrol';
import type { Accounts } from './index';
import { roleIn } from './keyCheck';
import { apiUrlProblem, describeProfile, hostOf, keyInputProblem, parseKeyInput, profileNameProblem, uniqueName, workspaceIdProblem } from './keyInput';
import { enrolDeps, explainFailure } from './enrolDeps';

const t = vscode.l10n.t;

/** What "Retrac: Add API Key" ended with (the command returns it, so tests can read it). */
export interface AddKeyOutcome {
  profile?: Profile;
  /** The message shown to the user (error, or what the key can do). */
  message?: string;
  cancelled?: boolean;
}

export async function addApiKeyCommand(accounts: Accounts): Promise<AddKeyOutcome> {
  const apiUrl = accounts.configuredApiUrl(true);
  const urlProblem = apiUrlProblem(apiUrl, t);
  if (urlProblem) return fail(accounts, urlProblem);
  const deps = enrolDeps(accounts);
  const title = t('Add Retrac API Key');
  const host = hostOf(apiUrl);
  // Outside the runner's state (which it clones for Back): the typed key stays in the box on Back,
  // and the checked key holds a client.
  let raw = '';
  let checked: CheckedKey | undefined;
  let outcome: AddKeyOutcome | undefined;
  const totalSteps = () => (checked?.client.keyType === 'restricted' ? 2 : 3);
  const failed = (e: unknown): undefined => {
    outcome = failure(accounts, e, apiUrl);
    return undefined;
  };

  const state = await runFlow<{ workspace?: Workspace }>({}, ['key', 'workspace', 'name'], {
    key: async (s) => {
      for (;;) {
        const answer = await accounts.inputs.text({
          title, step: 1, totalSteps: totalSteps(), password: true, value: raw,
          prompt: t('Paste a key from the Retrac dashboard (Settings → API Keys). It is checked with {0}, then kept in VS Code’s secret storage (the OS keyring on desktop).', host),
          placeholder: t('24 letters and digits, or retrac_…'),
          validate: (v) => keyInputProblem(v, t),
        });
        if (answer === undefined || answer === BACK) return undefined;
        raw = answer;
        const parsed = parseKeyInput(answer, t);
        if (!parsed.ok) continue;
        if (!(await accounts.hostTrust.confirm(apiUrl))) return undefined;
        try {
          checked = await withProgress(t('Checking the key with {0}…', host), (signal) => checkNewKey(deps, parsed.key, apiUrl, accounts.configuredCaPath(), signal), { cancellable: true });
        } catch (e) {
          return failed(e);
        }
        s.workspace = checked.check.workspaces[0];
        return parsed.keyType === 'full' ? 'workspace' : 'name';
      }
    },
    workspace: async (s) => {
      const chosen = await pickWorkspace(accounts, title, checked!.check.workspaces);
      if (chosen === BACK || chosen === undefined) return chosen;
      try {
        s.workspace = await withProgress(t('Checking workspace {0}…', chosen), (signal) => chooseWorkspace(deps, checked!, chosen, signal), { cancellable: true });
      } catch (e) {
        return failed(e);
      }
      return 'name';
    },
    name: async (s) => {
      const draft = draftProfile(deps, checked!, s.workspace, {});
      const others = accounts.profiles.map((p) => p.name);
      const name = await accounts.inputs.text({
        title, step: totalSteps(), totalSteps: totalSteps(), canGoBack: true,
        prompt: t('A name for this profile ({0}).', describeProfile(draft, t)),
        value: uniqueName(draft.name, others),
        validate: (v) => profileNameProblem(v, others, t),
      });
      if (name === BACK || name === undefined) return name;
      outcome = await save(accounts, deps, checked!, s.workspace, name.trim(), apiUrl);
      return FINISH;
    },
  });
  return outcome ?? (state ? {} : { cancelled: true });
}

/** Enrols the checked key; the keyring refusing it offers this session only. */
async function save(accounts: Accounts, deps: EnrolDeps, checked: CheckedKey, workspace: Workspace | undefined, name: string, apiUrl: string): Promise<AddKeyOutcome> {
  const request = { key: checked.key, apiUrl, name };
  let profile: Profile;
  try {
    profile = await enrol(deps, request, { checked, workspace });
  } catch (e) {
    if (!isSecretStorageError(e)) return failure(accounts, e, apiUrl);
    if (!(await offerSessionOnly(accounts, e))) return fail(accounts, e.message, e);
    profile = await enrol(deps, { ...request, sessionOnly: true }, { checked, workspace });
  }
  await accounts.activate(profile.id);
  const message = t('Added “{0}”: {1}.', profile.name, describeProfile(profile, t));
  void vscode.window.showInformationMessage(message);
  return { profile, message };
}

async function pickWorkspace(accounts: Accounts, title: string, workspaces: Workspace[]): Promise<string | typeof BACK | undefined> {
  type Item = vscode.QuickPickItem & { workspaceId?: string };
  const typeIn: Item = { label: `$(edit) ${t('Enter a workspace id or slug…')}`, alwaysShow: true };
  const items: Item[] = [
    ...workspaces.map((w) => ({
      label: w.name,
      description: w.id,
      detail: [w.plan && t('{0} plan', w.plan), roleIn(w)].filter(Boolean).join(' · '),
      workspaceId: w.id,
    })),
    typeIn,
  ];
  for (;;) {
    const picked = await accounts.inputs.pick<Item>({
      title, step: 2, totalSteps: 3, canGoBack: true, items,
      placeholder: t('Which workspace should this full-access key use?'),
    });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.workspaceId) return picked.workspaceId;
    const typed = await accounts.inputs.text({
      title, step: 2, totalSteps: 3, canGoBack: true,
      prompt: t('The workspace id (ws_…) or slug, from the dashboard URL.'),
      validate: (v) => workspaceIdProblem(v, t),
    });
    if (typed === undefined) return undefined;
    if (typed !== BACK) return typed.trim();
  }
}

async function offerSessionOnly(accounts: Accounts, e: Error): Promise<boolean> {
  accounts.logger.error(e.message);
  const useSession = t('Use for This Session Only');
  const choice = await vscode.window.showErrorMessage(
    t('{0} The key can be used in this window until it closes, without being written to disk.', e.message),
    useSession,
  );
  return choice === useSession;
}

/** Says why the key could not be added (an AccountError's own sentence, or the check's explanation). */
function failure(accounts: Accounts, e: unknown, apiUrl: string): AddKeyOutcome {
  const message = isUserFacingAccountError(e) ? e.message : explainFailure(accounts, e, apiUrl);
  const cause = e instanceof Error && e.name === 'AccountError' && e.cause !== undefined ? e.cause : e;
  return fail(accounts, message, cause);
}

function fail(accounts: Accounts, message: string, cause?: unknown): AddKeyOutcome {
  accounts.logger.warn(`Add API Key: ${message}${isRetracError(cause) ? ` [${cause.code} ${cause.status}]` : ''}`);
  accounts.showError(message);
  return { message };
}
