// Renames an environment variable everywhere in the workspace (`.env*` files and code), as one
// WorkspaceEdit: used to move a key from a name bundlers expose to browsers to a server-only one.
import * as vscode from 'vscode';
import { computeLineStarts, lineOfOffset, shouldSkipFileName } from '../scan';

const SKIP_GLOB = '**/{node_modules,.git,.hg,.svn,dist,out,build,coverage,.next,.nuxt,.vscode-test,.retrac-dev}/**';
const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface RenameResult {
  files: number;
  occurrences: number;
}

function wordRegExp(name: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g');
}

/** Builds the edit that renames `from` to `to` in every text file of the workspace. */
export async function renameEnvNameEdit(from: string, to: string, token: vscode.CancellationToken): Promise<{ edit: vscode.WorkspaceEdit; result: RenameResult }> {
  const edit = new vscode.WorkspaceEdit();
  const result: RenameResult = { files: 0, occurrences: 0 };
  const uris = await vscode.workspace.findFiles('**/*', SKIP_GLOB, MAX_FILES, token);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  // Untitled documents are part of what the user sees: rename there too.
  for (const d of vscode.workspace.textDocuments) if (d.isUntitled) uris.push(d.uri);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const uri of uris) {
    if (token.isCancellationRequested) break;
    if (shouldSkipFileName(uri.path)) continue;
    let text: string;
    const doc = open.get(uri.toString());
    if (doc) text = doc.getText();
    else {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_FILE_BYTES) continue;
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (!bytes.includes(from.charCodeAt(0))) continue;
        text = decoder.decode(bytes);
      } catch {
        continue; // binary (not UTF-8) or gone
      }
    }
    if (!text.includes(from)) continue;
    const re = wordRegExp(from);
    let count = 0;
    let lineStarts: number[] | undefined;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let start: vscode.Position;
      let end: vscode.Position;
      if (doc) {
        start = doc.positionAt(m.index);
        end = doc.positionAt(m.index + from.length);
      } else {
        lineStarts ??= computeLineStarts(text);
        start = positionIn(lineStarts, m.index);
        end = positionIn(lineStarts, m.index + from.length);
      }
      edit.replace(uri, new vscode.Range(start, end), to);
      count++;
    }
    if (count) {
      result.files++;
      result.occurrences += count;
    }
  }
  return { edit, result };
}

function positionIn(starts: number[], offset: number): vscode.Position {
  const line = lineOfOffset(starts, offset);
  return new vscode.Position(line, offset - starts[line]);
}
