// Where the two connection settings come from. `retrac.apiUrl` and `retrac.caCertificatePath` are
// machine-scoped: in a remote window (code-server, SSH, WSL, Codespaces) VS Code reads them only
// from the Remote settings and ignores the User value, but only once the extension's settings are
// registered; until then a User value leaks through. So a value set in User settings was used in
// some runs and not in others. Here the documented rule is applied every time, and a User value
// that the rule ignores is reported with where to set it instead.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_API_URL } from '../api/types';

const t = vscode.l10n.t;

export type ConnectionSetting = 'apiUrl' | 'caCertificatePath';

export interface ConnectionSettings {
  apiUrl: string;
  caCertPath: string | undefined;
  /** Settings found in the User settings file that a remote window ignores (code-server layout). */
  ignoredUserSettings: ConnectionSetting[];
}

/** Whether this window's extension host runs remotely (machine settings come from the Remote tab). */
export function isRemoteWindow(): boolean {
  return vscode.env.remoteName !== undefined;
}

/** Where to set a machine-scoped Retrac setting in this window, as a phrase for messages. */
export function whereToSet(setting: ConnectionSetting): string {
  const remote = vscode.env.remoteName;
  return remote
    ? t('Set `retrac.{0}` in the Settings editor’s Remote [{1}] tab (or the Remote settings.json): in a remote window VS Code ignores it in User settings.', setting, remote)
    : t('Set `retrac.{0}` in User settings.', setting);
}

/**
 * Reads the two settings. In a remote window whose User settings file is on this machine (code-
 * server keeps `<user data>/User/settings.json` next to `<user data>/Machine/settings.json`), a
 * value that is only in the User file is ignored, as VS Code's rule says, even in the moment
 * before VS Code itself applies that rule.
 */
export function readConnectionSettings(globalStorage: vscode.Uri): ConnectionSettings {
  const config = vscode.workspace.getConfiguration('retrac');
  let apiUrl = config.get<string>('apiUrl')?.trim() || undefined;
  let caCertPath = config.get<string>('caCertificatePath')?.trim() || undefined;
  const ignoredUserSettings: ConnectionSetting[] = [];
  if (isRemoteWindow() && globalStorage.scheme === 'file') {
    // <user data>/User/globalStorage/<extension id>
    const userDir = path.dirname(path.dirname(globalStorage.fsPath));
    const user = settingsIn(path.join(userDir, 'settings.json'));
    const remote = settingsIn(path.join(path.dirname(userDir), 'Machine', 'settings.json'));
    if (user.apiUrl !== undefined && remote.apiUrl === undefined) {
      ignoredUserSettings.push('apiUrl');
      if (apiUrl === user.apiUrl) apiUrl = undefined;
    }
    if (user.caCertificatePath !== undefined && remote.caCertificatePath === undefined) {
      ignoredUserSettings.push('caCertificatePath');
      if (caCertPath === user.caCertificatePath) caCertPath = undefined;
    }
  }
  return { apiUrl: (apiUrl || DEFAULT_API_URL).replace(/\/+$/, ''), caCertPath, ignoredUserSettings };
}

/** The Retrac connection settings written in one settings.json (JSON with comments); {} when none. */
function settingsIn(file: string): Partial<Record<ConnectionSetting, string>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const out: Partial<Record<ConnectionSetting, string>> = {};
  for (const key of ['apiUrl', 'caCertificatePath'] as const) {
    // Line comments are dropped first so a commented-out value does not count.
    const uncommented = text.replace(/^\s*\/\/.*$/gm, '');
    const m = new RegExp(`"retrac\\.${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(uncommented);
    if (m) out[key] = (JSON.parse(`"${m[1]}"`) as string).trim();
  }
  return out;
}

/** The sentence shown when a User value is ignored in a remote window. */
export function ignoredUserSettingsMessage(ignored: ConnectionSetting[]): string {
  const remote = vscode.env.remoteName ?? '';
  return ignored.length === 1
    ? t('retrac.{0} is set in your User settings, which VS Code ignores for machine-scoped settings in a remote window ({1}). Set it in the Settings editor’s Remote tab instead; until then the default is used.', ignored[0], remote)
    : t('{0} are set in your User settings, which VS Code ignores for machine-scoped settings in a remote window ({1}). Set them in the Settings editor’s Remote tab instead; until then the defaults are used.', ignored.map((s) => `retrac.${s}`).join(t(' and ')), remote);
}

/** A message that tells the user to set a connection setting also says where (the Remote tab in a remote window). */
export function withWhereToSet(message: string): string {
  const setting = /set `?retrac\.caCertificatePath/.test(message) ? 'caCertificatePath' : /(check|set) `?retrac\.apiUrl/.test(message) ? 'apiUrl' : undefined;
  return setting ? `${message} ${whereToSet(setting)}` : message;
}
