// Quick fixes for Retrac findings, matched to diagnostics by their code (the rule id) and range.
// Every fix that writes is one WorkspaceEdit, so a single Undo reverts it, including the lines it
// appends to `.env` and `.gitignore`.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseEnvFile, lineCommentFor, isEnvFileName, type Finding, type RuleId } from '../scan';
import type { DocumentScans, ShownFinding } from './documentScans';
import { DIAGNOSTIC_SOURCE } from './documentScans';
import {
  addWorkspaceParameter, enclosingLiteral, envExpression, envSyntaxFor, importFor, parameterRemoval, rewriteLiteral,
} from './envReference';
import type { GitFacts } from './git';
import type { CommittedKeys } from './committedKeys';
import { COMMAND_IGNORE_IN_WORKSPACE, COMMAND_APPLY_FIX, COMMAND_RENAME_ENV_NAME, COMMAND_ROTATE_KEY } from './commands';


const KEY_RULES = new Set<RuleId>(['retrac/restricted-key', 'retrac/full-access-key']);
const PUBLIC_PREFIX = /^(?:NEXT_PUBLIC|EXPO_PUBLIC|NUXT_PUBLIC|REACT_APP|VUE_APP|STORYBOOK|GATSBY|VITE|PUBLIC)_/;
const WORKSPACE_ENV_NAME = 'RETRAC_WORKSPACE_ID';

/**
 * A fix that writes more than the document and reports what it did. It is applied by a command,
 * not as the code action's `edit`: VS Code runs an action's command only after its edit, and a
 * command with arguments lives in a cache the editor releases when it lists actions again (the
 * edit itself triggers that). On a busy machine the command was gone by the time the edit was
 * done (about one run in 25 at load 10): .env written, and no word to the user.
 */
export interface FixToApply {
  /** The document the fix was computed for, and its version then: a stale fix is not applied. */
  uri: string;
  version: number;
  edit: vscode.WorkspaceEdit;
  followUp: FixFollowUp;
}

/**
 * What follows a fix's edit: the other files the edit touched (saved, so git sees the new
 * .gitignore), and what to tell the user (never the key).
 */
export interface FixFollowUp {
  save: string[];
  message?: string;
  warning?: boolean;
  /** A file the fix put a key in: if git tracks it, the message says so (and turns into a warning). */
  checkTracked?: { fsPath: string; shown: string };
}

export class LeakQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly scans: DocumentScans,
    private readonly git: GitFacts,
    private readonly committed?: CommittedKeys,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const result = this.scans.resultFor(document.uri);
    // Findings of an older version have stale offsets; fresh diagnostics follow within the debounce.
    if (!result || result.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const rule = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      const shown = result.shown.find((s) => s.finding.rule === rule && s.diagnostic.range.isEqual(diagnostic.range));
      if (!shown) continue;
      actions.push(...(await this.actionsFor(document, shown, diagnostic)));
      if (token.isCancellationRequested) return [];
    }
    return actions;
  }

  private async actionsFor(document: vscode.TextDocument, shown: ShownFinding, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    const { finding } = shown;
    const out: vscode.CodeAction[] = [];
    const action = (title: string, preferred = false): vscode.CodeAction => {
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.diagnostics = [diagnostic];
      a.isPreferred = preferred;
      out.push(a);
      return a;
    };
    const trusted = vscode.workspace.isTrusted;
    const envFile = isEnvFileName(document.uri.path) || document.languageId === 'dotenv';

    if (KEY_RULES.has(finding.rule)) {
      if (envFile) {
        if (trusted && document.uri.scheme === 'file') {
          const edit = await this.gitignoreEdit(document.uri, path.basename(document.uri.fsPath));
          if (edit) {
            const a = action(vscode.l10n.t('Add {0} to .gitignore', path.basename(document.uri.fsPath)), true);
            applyByCommand(a, document, edit, { save: edit.entries().map(([u]) => u.toString()) });
          }
        }
      } else if (trusted) {
        const moved = await this.moveKeyToEnv(document, finding);
        if (moved) {
          const a = action(vscode.l10n.t('Move the key to environment variable {0}', moved.envName), true);
          applyByCommand(a, document, moved.edit, moved.followUp);
        }
      }
      // From the cache only: code actions never wait for git (a lookup runs after each scan).
      const facts = this.committed?.lookup(document.uri, finding, document.getText(diagnostic.range));
      if (facts) {
        const a = action(vscode.l10n.t('Rotate this key: it is already in a git commit ({0}, {1})', facts.sha.slice(0, 7), facts.date.slice(0, 10)));
        a.command = { command: COMMAND_ROTATE_KEY, title: a.title };
      }
    }

    if (finding.rule === 'retrac/workspace-id-with-restricted-key') {
      const edit = this.removeParameter(document, finding);
      if (edit) action(vscode.l10n.t('Remove {0} (restricted keys are bound to one workspace)', document.getText(diagnostic.range)), true).edit = edit;
    }

    if (finding.rule === 'retrac/missing-workspace-id') {
      const edit = this.addWorkspaceId(document, finding);
      if (edit) action(vscode.l10n.t('Add workspaceId from environment variable {0}', WORKSPACE_ENV_NAME), true).edit = edit;
    }

    if (finding.rule === 'retrac/insecure-http') {
      // What the finding starts with says what to replace: a URL's `http://`, a scheme `http` written apart
      // from the host (`scheme = "http"`), `Uri.UriSchemeHttp`, a plain-HTTP client (`HTTPConnection`,
      // `http.request`). Anything else gets no edit rather than a wrong one.
      const start = document.positionAt(finding.start);
      const head = document.getText(new vscode.Range(start, document.positionAt(finding.end)));
      const swap = /^http:\/\//i.test(head) ? ['http://', 'https://'] : /^http:\\\/\\\//i.test(head) ? ['http:\\/\\/', 'https:\\/\\/']
        : /^http(?![\w/])(?!:[/\\])/.test(head) ? ['http', 'https'] : /^UriSchemeHttp\b/.test(head) ? ['UriSchemeHttp', 'UriSchemeHttps']
          : /^HTTPConnection\b/.test(head) ? ['HTTPConnection', 'HTTPSConnection'] : /^http\.(?:request|get)\b/.test(head) ? ['http', 'https'] : undefined;
      if (swap) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(document.uri, new vscode.Range(start, start.translate(0, swap[0].length)), swap[1]);
        action(vscode.l10n.t('Switch to https://'), true).edit = edit;
      }
    }

    if (finding.rule === 'retrac/client-exposed-key' && finding.envName && PUBLIC_PREFIX.test(finding.envName) && trusted) {
      const to = finding.envName.replace(PUBLIC_PREFIX, '');
      const a = action(vscode.l10n.t('Rename {0} to {1} in the workspace (server-only)', finding.envName, to), true);
      a.command = { command: COMMAND_RENAME_ENV_NAME, title: a.title, arguments: [finding.envName, to] };
    }

    const ignoreLine = this.ignoreLineEdit(document, finding, envFile);
    if (ignoreLine) action(vscode.l10n.t('Ignore this finding on this line (retrac-ignore)')).edit = ignoreLine;
    const ignore = action(vscode.l10n.t('Ignore this finding in this workspace'));
    ignore.command = { command: COMMAND_IGNORE_IN_WORKSPACE, title: ignore.title, arguments: [finding.fingerprint, { uri: document.uri.toString(), rule: finding.rule, line: finding.line }] };
    return out;
  }

  /** Replaces the key with an environment read, adds the import, appends it to .env and .env to .gitignore. */
  private async moveKeyToEnv(document: vscode.TextDocument, finding: Finding): Promise<{ edit: vscode.WorkspaceEdit; envName: string; followUp: FixFollowUp } | undefined> {
    const syntax = envSyntaxFor(document.languageId, document.uri.path);
    const folder = vscode.workspace.getWorkspaceFolder(ownerUri(document)) ?? (document.isUntitled ? vscode.workspace.workspaceFolders?.[0] : undefined);
    if (!syntax || !folder) return undefined;
    const key = document.getText().slice(finding.start, finding.end);
    const envUri = vscode.Uri.joinPath(folder.uri, '.env');
    const existing = await readText(envUri);
    const values = existing === undefined ? new Map<string, string>() : parseEnvFile(existing.text);
    // A name already holding another value keeps it: the key gets the next free name.
    let envName = finding.envName ?? 'RETRAC_API_KEY';
    for (let n = 2; values.has(envName) && values.get(envName) !== key; n++) envName = `${(finding.envName ?? 'RETRAC_API_KEY')}_${n}`;

    const expr = envExpression(syntax, envName);
    let from = finding.start;
    let to = finding.end;
    let replacement = expr;
    if (finding.literalStart !== undefined && finding.literalEnd !== undefined) {
      const lineStart = document.offsetAt(document.positionAt(finding.literalStart).with(undefined, 0));
      const lineText = document.lineAt(document.positionAt(finding.literalStart).line).text;
      const span = enclosingLiteral(lineText, finding.literalStart - lineStart + 1) ?? [finding.literalStart - lineStart, finding.literalEnd - lineStart];
      from = lineStart + span[0];
      to = lineStart + span[1];
      const literal = document.getText().slice(from, to);
      const rewritten = rewriteLiteral(syntax, literal, finding.start - from, finding.end - finding.start, expr);
      if (rewritten === undefined) return undefined;
      replacement = rewritten;
    } else if (syntax !== 'shell' && syntax !== 'template' && syntax !== 'actions') {
      return undefined; // a key outside a string in code (a comment?): no sensible expression
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(from), document.positionAt(to)), replacement);
    const imp = importFor(syntax, document.getText());
    if (imp) edit.insert(document.uri, new vscode.Position(imp.line, 0), imp.text);

    if (values.get(envName) !== key) {
      const line = `${envName}=${key}\n`;
      if (existing === undefined) {
        edit.createFile(envUri, { ignoreIfExists: true });
        edit.insert(envUri, new vscode.Position(0, 0), line);
      } else {
        edit.insert(envUri, existing.end, (existing.text === '' || existing.text.endsWith('\n') ? '' : '\n') + line);
      }
    }
    const gitignore = await this.gitignoreEdit(envUri, '.env', edit);
    const envFile = vscode.workspace.asRelativePath(envUri);
    const parts = [vscode.l10n.t('Retrac: the key now comes from {0}, kept in {1}.', envName, envFile)];
    if (gitignore) parts.push(vscode.l10n.t('.env was added to .gitignore.'));
    const save = edit.entries().map(([u]) => u.toString()).filter((u) => u !== document.uri.toString());
    // Whether git tracks .env is asked when the fix is applied, not while actions are listed.
    return { edit, envName, followUp: { save, message: parts.join(' '), checkTracked: { fsPath: envUri.fsPath, shown: envFile } } };
  }

  /**
   * Adds `entry` to the .gitignore at the root of the file's workspace folder when git does not
   * already ignore the file (outside a repository: when .gitignore does not list it).
   */
  private async gitignoreEdit(fileUri: vscode.Uri, entry: string, into = new vscode.WorkspaceEdit()): Promise<vscode.WorkspaceEdit | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(fileUri);
    if (!folder || (await this.git.isIgnored(fileUri.fsPath))) return undefined;
    const ignoreUri = vscode.Uri.joinPath(folder.uri, '.gitignore');
    const existing = await readText(ignoreUri);
    if (existing?.text.split(/\r?\n/).some((l) => l.trim() === entry || l.trim() === '/' + entry)) return undefined;
    if (existing === undefined) {
      into.createFile(ignoreUri, { ignoreIfExists: true });
      into.insert(ignoreUri, new vscode.Position(0, 0), `${entry}\n`);
    } else {
      into.insert(ignoreUri, existing.end, (existing.text === '' || existing.text.endsWith('\n') ? '' : '\n') + `${entry}\n`);
    }
    return into;
  }

  private removeParameter(document: vscode.TextDocument, finding: Finding): vscode.WorkspaceEdit | undefined {
    const start = document.positionAt(finding.start);
    const line = document.lineAt(start.line);
    const span = parameterRemoval(line.text, start.character, start.character + finding.end - finding.start);
    if (!span) return undefined;
    const edit = new vscode.WorkspaceEdit();
    const rest = line.text.slice(0, span[0]) + line.text.slice(span[1]);
    if (rest.trim() === '') edit.delete(document.uri, line.rangeIncludingLineBreak);
    else edit.delete(document.uri, new vscode.Range(start.line, span[0], start.line, span[1]));
    return edit;
  }

  private addWorkspaceId(document: vscode.TextDocument, finding: Finding): vscode.WorkspaceEdit | undefined {
    const syntax = envSyntaxFor(document.languageId, document.uri.path);
    if (!syntax) return undefined;
    const start = document.positionAt(finding.start);
    const lineText = document.lineAt(start.line).text;
    const pathEnd = start.character + finding.end - finding.start;
    const span = enclosingLiteral(lineText, start.character);
    if (!span) return undefined;
    const rewritten = addWorkspaceParameter(syntax, lineText.slice(span[0], span[1]), pathEnd - span[0], WORKSPACE_ENV_NAME);
    if (rewritten === undefined) return undefined;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start.line, span[0], start.line, span[1]), rewritten);
    const imp = importFor(syntax, document.getText());
    if (imp) edit.insert(document.uri, new vscode.Position(imp.line, 0), imp.text);
    return edit;
  }

  /** `// retrac-ignore` at the end of the line (in .env files: a comment line above, values have no trailing comments everywhere). */
  private ignoreLineEdit(document: vscode.TextDocument, finding: Finding, envFile: boolean): vscode.WorkspaceEdit | undefined {
    const line = document.lineAt(document.positionAt(finding.start).line);
    const comment = lineCommentFor(envFile ? 'dotenv' : document.languageId) ?? lineCommentFor(document.uri.path);
    if (!comment) return undefined;
    const wrap = (text: string): string => `${comment.start} ${text}${comment.end ? ' ' + comment.end : ''}`;
    const edit = new vscode.WorkspaceEdit();
    if (envFile) {
      const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
      edit.insert(document.uri, line.range.start, `${indent}${wrap('retrac-ignore-next-line')}\n`);
    } else {
      edit.insert(document.uri, line.range.end, ` ${wrap('retrac-ignore')}`);
    }
    return edit;
  }
}

/** A file's text and end position: from its open document if any, else from disk; undefined if absent. */
async function readText(uri: vscode.Uri): Promise<{ text: string; end: vscode.Position } | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { text: open.getText(), end: open.lineAt(open.lineCount - 1).range.end };
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const lines = text.split('\n');
    return { text, end: new vscode.Position(lines.length - 1, lines[lines.length - 1].length) };
  } catch {
    return undefined;
  }
}

/** Makes `action` apply `edit` and its follow-up through one command (see FixToApply). */
function applyByCommand(action: vscode.CodeAction, document: vscode.TextDocument, edit: vscode.WorkspaceEdit, followUp: FixFollowUp): void {
  const fix: FixToApply = { uri: document.uri.toString(), version: document.version, edit, followUp };
  action.command = { command: COMMAND_APPLY_FIX, title: action.title, arguments: [fix] };
}

/** The file a document belongs to: a notebook cell's is its notebook (the cell's own URI is in no folder). */
function ownerUri(document: vscode.TextDocument): vscode.Uri {
  if (document.uri.scheme !== 'vscode-notebook-cell') return document.uri;
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === document))?.uri ?? document.uri;
}
