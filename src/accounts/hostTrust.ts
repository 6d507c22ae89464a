// Host trust: a key goes to api.retrac.co and the loopback sandbox without asking; any other host
// is confirmed once (a modal) and remembered in global state. Only "Add API Key" asks; the data
// accessors only read the answer, so concurrent callers never stack modals.
import * as vscode from 'vscode';
import type { Logger } from '../log';
import { hostOf, isBuiltInTrustedHost } from './keyInput';

const CONFIRMED_HOSTS_KEY = 'retrac.confirmedHosts';
const t = vscode.l10n.t;

export class HostTrust {
  constructor(private readonly globalState: vscode.Memento, private readonly logger: Logger) {}

  isConfirmed(apiUrl: string): boolean {
    return isBuiltInTrustedHost(apiUrl) || (this.globalState.get<string[]>(CONFIRMED_HOSTS_KEY) ?? []).includes(hostOf(apiUrl));
  }

  /** Asks once per host before a key goes anywhere but api.retrac.co or the loopback sandbox. */
  async confirm(apiUrl: string): Promise<boolean> {
    if (this.isConfirmed(apiUrl)) return true;
    const host = hostOf(apiUrl);
    const send = t('Send Keys to {0}', host);
    const choice = await vscode.window.showWarningMessage(
      t('Send your Retrac API key to {0}?', host),
      {
        modal: true,
        detail: t('retrac.apiUrl points to {0}, not api.retrac.co. Confirm only if you run or trust that server: it will receive your key with every request. You are asked once per host.', host),
      },
      send,
    );
    if (choice !== send) return false;
    const hosts = this.globalState.get<string[]>(CONFIRMED_HOSTS_KEY) ?? [];
    await this.globalState.update(CONFIRMED_HOSTS_KEY, [...new Set([...hosts, host])]);
    this.logger.info(`Host ${host} confirmed for Retrac keys.`);
    return true;
  }
}
