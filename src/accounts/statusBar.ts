// The status bar item of the active profile, and the `retrac.hasProfile` context key (set here
// only: the explorer's welcome views and the commands' enablement read it).
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { escapeMarkdown } from '../markdownText';
import type { Profile } from './connection';
import { describeProfile, hostOf, keyTypeLabel } from './keyInput';

const t = vscode.l10n.t;

export class ProfileStatusBar extends Disposable {
  readonly item: vscode.StatusBarItem;

  constructor() {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('retrac.profile', vscode.StatusBarAlignment.Left, 50));
    this.item.name = t('Retrac Profile');
  }

  /** Shows `p` (bound to the open folder or not), or the "Add Key" entry when there is none. */
  render(p: Profile | undefined, bound: boolean): void {
    void vscode.commands.executeCommand('setContext', 'retrac.hasProfile', !!p);
    const item = this.item;
    if (!p) {
      item.text = `$(key) ${t('Retrac: Add Key')}`;
      item.tooltip = t('No Retrac profile: add an API key or use the local sandbox.');
      item.accessibilityInformation = { label: t('Retrac: no profile. Add an API key or use the local sandbox.'), role: 'button' };
      item.command = 'retrac.addApiKey';
      item.show();
      return;
    }
    const ws = p.workspaceName ?? p.workspaceSlug ?? p.workspaceId;
    const extra = [ws && !p.name.includes(ws) ? ws : undefined, !p.name.includes(keyTypeLabel(p.keyType, t)) ? keyTypeLabel(p.keyType, t) : undefined].filter(Boolean);
    item.text = `$(${p.sandbox ? 'beaker' : p.keyType === 'full' ? 'key' : 'lock'}) ${p.name}${extra.length ? ` · ${extra.join(' · ')}` : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMarkdown(p.name)}**${bound ? ` — ${escapeMarkdown(t('bound to this folder'))}` : ''}\n\n`);
    md.appendMarkdown(`${escapeMarkdown(describeProfile(p, t))}\n\n`);
    md.appendMarkdown(`${escapeMarkdown(t('Host'))}: \`${hostOf(p.apiUrl)}\`${p.sandbox ? ` (${escapeMarkdown(t('local sandbox'))})` : ''}${p.sessionOnly ? ` — ${escapeMarkdown(t('this session only'))}` : ''}\n\n`);
    md.appendMarkdown(escapeMarkdown(t('Click to switch profile.')));
    item.tooltip = md;
    // Screen readers get plain text, not the tooltip's markdown.
    item.accessibilityInformation = {
      label: [
        t('Retrac profile {0}', p.name), bound ? t('bound to this folder') : undefined, describeProfile(p, t),
        t('host {0}', hostOf(p.apiUrl)), p.sandbox ? t('local sandbox') : undefined, p.sessionOnly ? t('this session only') : undefined,
        t('Click to switch profile.'),
      ].filter(Boolean).join(', '),
      role: 'button',
    };
    item.command = 'retrac.switchProfile';
    item.show();
  }
}
