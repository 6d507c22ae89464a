// The "{}" language status entry: what the leak scan says about the active file and when it ran.
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { DocumentScanResult, DocumentScans } from './documentScans';
import { COMMAND_SCAN_WORKSPACE } from './commands';

export class ScanLanguageStatus extends Disposable {
  private readonly item = this.register(vscode.languages.createLanguageStatusItem('retrac.scan', '*'));

  constructor(private readonly scans: DocumentScans) {
    super();
    this.item.name = vscode.l10n.t('Retrac Leak Scan');
    this.item.command = { command: COMMAND_SCAN_WORKSPACE, title: vscode.l10n.t('Scan Workspace'), tooltip: vscode.l10n.t('Scan the whole workspace for leaked Retrac keys') };
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.register(scans.onDidScan((r) => {
      if (r.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.render();
    }));
    this.render();
  }

  /** The text shown now (the tests read it). */
  get text(): string {
    return this.item.text;
  }

  get detail(): string | undefined {
    return this.item.detail;
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const result: DocumentScanResult | undefined = doc && this.scans.resultFor(doc.uri);
    this.item.busy = false;
    if (!result) {
      this.item.text = vscode.l10n.t('Retrac: not scanned');
      this.item.detail = undefined;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    if (result.skipped) {
      this.item.text = vscode.l10n.t('Retrac: not scanned');
      this.item.detail = result.skipped;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const count = result.shown.length;
    this.item.text = count === 0 ? vscode.l10n.t('Retrac: no leaks') : count === 1 ? vscode.l10n.t('Retrac: 1 leak') : vscode.l10n.t('Retrac: {0} leaks', count);
    this.item.severity = count === 0 ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
    this.item.detail = result.scannedAt
      ? vscode.l10n.t('scanned at {0} in {1} ms', result.scannedAt.toLocaleTimeString(), (result.durationMs ?? 0).toFixed(1))
      : undefined;
  }
}
