// The profile commands: switch, rename, remove (confirmed by a modal), bind to the open folder,
// unbind. Part of the accounts UI bundle.
import * as vscode from 'vscode';
import { BACK } from '../quickInput';
import type { Profile } from './connection';
import type { Accounts } from './index';
import { describeProfile, hostOf, keyTypeLabel, profileNameProblem } from './keyInput';

const t = vscode.l10n.t;

export async function switchProfileCommand(accounts: Accounts, id?: string): Promise<Profile | undefined> {
  const profile = id ? accounts.store.get(id) : await pickProfile(accounts, t('Switch Retrac Profile'), true);
  if (!profile) return undefined;
  await accounts.activate(profile.id);
  const bound = accounts.boundProfileId;
  const switched = t('Switched to “{0}” ({1}).', profile.name, describeProfile(profile, t));
  void vscode.window.showInformationMessage(bound && bound !== profile.id
    ? `${switched} ${t('This folder stays bound to “{0}”; it comes back when the folder is reopened. Use “Bind Profile to This Workspace” to change that.', accounts.store.get(bound)?.name ?? bound)}`
    : switched);
  return profile;
}

export async function renameProfileCommand(accounts: Accounts, id?: string): Promise<Profile | undefined> {
  const profile = id ? accounts.store.get(id) : await pickProfile(accounts, t('Rename Retrac Profile'));
  if (!profile) return undefined;
  const others = accounts.profiles.filter((p) => p.id !== profile.id).map((p) => p.name);
  const name = await accounts.inputs.text({
    title: t('Rename “{0}”', profile.name), value: profile.name,
    validate: (v) => profileNameProblem(v, others, t),
  });
  if (name === undefined || name === BACK) return undefined;
  const renamed = { ...profile, name: name.trim() };
  await accounts.store.update(renamed);
  accounts.profilesChanged();
  void vscode.window.showInformationMessage(renamed.name === profile.name ? t('“{0}” keeps its name.', profile.name) : t('Renamed “{0}” to “{1}”.', profile.name, renamed.name));
  return renamed;
}

export async function removeApiKeyCommand(accounts: Accounts, id?: string): Promise<boolean> {
  const profile = id ? accounts.store.get(id) : await pickProfile(accounts, t('Remove Retrac API Key'));
  if (!profile) return false;
  // A modal, as VS Code does for destructive actions: Enter alone never removes a key.
  const remove = t('Remove');
  const choice = await accounts.confirmDestructive(
    t('Remove “{0}” and delete its key ({1}) from this machine?', profile.name, profile.keyHint),
    { modal: true, detail: t('The key stays valid at Retrac: revoke it in the dashboard if it leaked.') },
    remove,
  );
  if (choice !== remove) return false;
  await accounts.remove(profile.id);
  void vscode.window.showInformationMessage(t('Removed “{0}”.', profile.name));
  return true;
}

export async function bindProfileCommand(accounts: Accounts, id?: string): Promise<Profile | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showWarningMessage(t('Open a folder first: a profile is bound to the open folder or workspace.'));
    return undefined;
  }
  const profile = id ? accounts.store.get(id) : await pickProfile(accounts, t('Bind Retrac Profile to This Workspace'), true);
  if (!profile) return undefined;
  if (profile.sessionOnly) {
    void vscode.window.showWarningMessage(t('“{0}” lives only in this session, so it cannot be bound.', profile.name));
    return undefined;
  }
  await accounts.bind(profile.id);
  void vscode.window.showInformationMessage(t('This workspace now opens with “{0}”.', profile.name));
  return profile;
}

export async function unbindProfileCommand(accounts: Accounts): Promise<void> {
  const bound = accounts.boundProfileId;
  if (!bound) {
    void vscode.window.showInformationMessage(t('This workspace is not bound to a Retrac profile.'));
    return;
  }
  await accounts.bind(undefined);
  void vscode.window.showInformationMessage(t('This workspace is no longer bound to “{0}”.', accounts.store.get(bound)?.name ?? bound));
}

async function pickProfile(accounts: Accounts, title: string, activeFirst = false): Promise<Profile | undefined> {
  const profiles = accounts.profiles;
  if (!profiles.length) {
    const add = t('Add API Key');
    if ((await vscode.window.showInformationMessage(t('No Retrac profile yet.'), add)) === add) await accounts.addApiKeyCommand();
    return undefined;
  }
  type Item = vscode.QuickPickItem & { profile: Profile };
  const bound = accounts.boundProfileId;
  const active = accounts.activeProfileId;
  const items: Item[] = profiles.map((p) => ({
    profile: p,
    label: `${p.id === active ? '$(check) ' : ''}${p.name}`,
    description: [keyTypeLabel(p.keyType, t), p.workspaceName ?? p.workspaceSlug ?? p.workspaceId, p.sandbox && t('sandbox'), p.sessionOnly && t('this session only'), p.id === bound && t('bound to this folder')]
      .filter(Boolean)
      .join(' · '),
    detail: `${hostOf(p.apiUrl)} · ${p.keyHint}`,
  }));
  if (!activeFirst) items.sort((a, b) => Number(b.profile.id === active) - Number(a.profile.id === active));
  const picked = await accounts.inputs.pick<Item>({ title, items, placeholder: t('Pick a profile'), matchOnDetail: true });
  return picked === undefined || picked === BACK ? undefined : picked.profile;
}
