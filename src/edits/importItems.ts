// Import Items from CSV/JSON: choose a file → parse → preview (rows with problems marked) →
// POST /items/bulk in chunks of 100 with progress and cancellation between chunks. Per-row
// failures are reported in an untitled document; the created rows are kept.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import type { BulkItemResult, Item } from '../api/types';
import { isInterrupted } from '../api/errors';
import { withProgress } from '../progress';
import { begin, editErrorMessage, CANCELLED, isOutcome, type EditDeps, type EditOutcome } from './flow';
import { chunkRows, parseImport, type ImportRow } from './importParse';

const t = vscode.l10n.t;

export interface ImportReport {
  file: string;
  created: { line: number; item: Item }[];
  /** Rows the server refused, with its reason. */
  failed: { line: number; sku: string; message: string }[];
  /** Rows not sent because of problems found while parsing. */
  skipped: ImportRow[];
  /** Usable rows not sent (cancelled, or stopped by an error). */
  notSent: ImportRow[];
  cancelled: boolean;
  /** The untitled document listing the problems, when there were any. */
  reportUri?: vscode.Uri;
}

function isFailure(r: BulkItemResult): r is Exclude<BulkItemResult, Item> {
  return typeof r === 'object' && r !== null && 'error' in r;
}

async function chooseFile(arg: unknown): Promise<{ uri: vscode.Uri; text: string } | undefined> {
  if (arg instanceof vscode.Uri) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
    return { uri: arg, text: open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(arg)) };
  }
  const editor = vscode.window.activeTextEditor?.document;
  if (editor && /\.(csv|json)$/i.test(editor.uri.path)) return { uri: editor.uri, text: editor.getText() };
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: t('Import'),
    title: t('Import Items from CSV/JSON'),
    filters: { [t('Items (CSV or JSON)')]: ['csv', 'json'] },
  });
  if (!picked?.[0]) return undefined;
  return { uri: picked[0], text: new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0])) };
}

export async function importItemsCommand(deps: EditDeps, arg?: unknown): Promise<EditOutcome<ImportReport>> {
  const action = t('Import items');
  const client = await begin(deps, action, ['items.write']);
  if (isOutcome(client)) return client;
  let file: { uri: vscode.Uri; text: string } | undefined;
  try {
    file = await chooseFile(arg);
  } catch (e) {
    return { status: 'failed', message: t('{0}: the file could not be read ({1}).', action, e instanceof Error ? e.message : String(e)), error: e };
  }
  if (!file) return CANCELLED;
  const fileName = file.uri.path.split('/').pop() ?? file.uri.path;
  const parsed = parseImport(fileName, file.text);
  if (parsed.fileProblem) return { status: 'failed', message: t('{0}: {1}', fileName, parsed.fileProblem) };
  const usable = parsed.rows.filter((r) => r.body);
  const skipped = parsed.rows.filter((r) => !r.body);
  if (usable.length === 0) {
    return { status: 'refused', message: t('{0} has no row that can be imported ({1} with problems).', fileName, skipped.length) };
  }

  // Preview: what will be sent, and which rows are skipped and why.
  const importLabel = usable.length === 1 ? t('Import 1 item') : t('Import {0} items', usable.length);
  const go: vscode.QuickPickItem = {
    label: `$(cloud-upload) ${importLabel}`,
    description: skipped.length === 0 ? undefined : skipped.length === 1 ? t('1 row with problems is skipped') : t('{0} rows with problems are skipped', skipped.length),
    alwaysShow: true,
  };
  const rowLabel = parsed.format === 'csv' ? t('line') : t('entry');
  const rows: vscode.QuickPickItem[] = parsed.rows.map((r) => r.body
    ? { label: `$(check) ${r.sku}`, description: `${rowLabel} ${r.line} · ${r.body.description}` }
    : { label: `$(warning) ${r.sku || t('(no SKU)')}`, description: `${rowLabel} ${r.line}`, detail: r.problems.join('; ') });
  const answer = await deps.inputs.pick({
    title: t('Import Items: {0}', fileName),
    placeholder: t('Review the rows, then choose "Import" (Escape cancels)'),
    items: [go, { label: '', kind: vscode.QuickPickItemKind.Separator }, ...rows],
    validate: (item) => (item === go ? undefined : t('Choose "{0}" to start, or Escape to cancel.', importLabel)),
  });
  if (answer !== go) return CANCELLED;

  const report: ImportReport = { file: fileName, created: [], failed: [], skipped, notSent: [], cancelled: false };
  const chunks = chunkRows(parsed.rows);
  let stopMessage: string | undefined;
  await withProgress(
    usable.length === 1 ? t('Importing 1 item from {0}', fileName) : t('Importing {0} items from {1}', usable.length, fileName),
    async (cancelled, progress) => {
      for (const [index, chunk] of chunks.entries()) {
        // Cancellation is honoured between chunks: a chunk in flight cannot be taken back.
        if (cancelled.aborted || stopMessage) {
          report.cancelled ||= cancelled.aborted;
          report.notSent.push(...chunk);
          continue;
        }
        progress.report({ message: t('{0} of {1}', report.created.length + report.failed.length, usable.length) });
        try {
          const results = await client.bulkCreateItems(chunk.map((r) => r.body!));
          chunk.forEach((row, i) => {
            const r = results[i];
            if (r === undefined) report.failed.push({ line: row.line, sku: row.sku, message: t('no answer for this row') });
            else if (isFailure(r)) report.failed.push({ line: row.line, sku: row.sku, message: `${r.error} (${r.code})` });
            else report.created.push({ line: row.line, item: r });
          });
        } catch (e) {
          if (isInterrupted(e)) {
            // The answer was lost: look up each SKU of this chunk to learn what was created.
            stopMessage = t('The connection dropped during chunk {0}; its rows were checked one by one.', index + 1);
            await checkChunk(client, chunk, report);
          } else {
            stopMessage = editErrorMessage(e, { action });
            report.notSent.push(...chunk);
          }
        }
        progress.report({ increment: (chunk.length / usable.length) * 100 });
      }
    },
    { cancellable: true },
  );
  if (report.created.length) deps.events.fire({ itemIds: report.created.map((c) => c.item.id), lists: ['items'], tags: true });
  const problems = report.failed.length + report.skipped.length + report.notSent.length;
  if (problems) report.reportUri = await showReport(report);
  const summary = (parsed.rows.length === 1 ? t('Imported {0} of 1 row from {1}.', report.created.length, fileName) : t('Imported {0} of {1} rows from {2}.', report.created.length, parsed.rows.length, fileName)) +
    (report.failed.length ? ' ' + t('{0} refused by the server.', report.failed.length) : '') +
    (report.skipped.length ? ' ' + t('{0} skipped (problems in the file).', report.skipped.length) : '') +
    (report.notSent.length ? ' ' + t('{0} not sent.', report.notSent.length) : '') +
    (stopMessage ? ' ' + stopMessage : '');
  deps.log.info(summary);
  if (stopMessage && report.created.length === 0) return { status: 'failed', message: summary };
  return { status: 'done', result: report, message: summary };
}

async function checkChunk(client: RetracClient, chunk: ImportRow[], report: ImportReport): Promise<void> {
  for (const row of chunk) {
    try {
      const rows = await client.listItems({ sku: row.sku, pageSize: 100 });
      const item = rows.find((i) => i.sku === row.sku);
      if (item) report.created.push({ line: row.line, item });
      else report.notSent.push(row);
    } catch {
      report.failed.push({ line: row.line, sku: row.sku, message: t('unknown: the connection dropped and the row could not be checked') });
    }
  }
}

async function showReport(report: ImportReport): Promise<vscode.Uri> {
  const lines = [
    `# ${t('Import of {0}', report.file)}`,
    '',
    t('Created: {0}. Refused: {1}. Skipped: {2}. Not sent: {3}.', report.created.length, report.failed.length, report.skipped.length, report.notSent.length),
    '',
  ];
  const table = (rows: { line: number; sku: string; why: string }[]) => [
    `| ${t('Row')} | SKU | ${t('Why')} |`, '|---|---|---|',
    ...rows.map((r) => `| ${r.line} | ${r.sku.replace(/\|/g, '\\|')} | ${r.why.replace(/\|/g, '\\|')} |`), '',
  ];
  if (report.failed.length) lines.push(`## ${t('Refused by the server')}`, '', ...table(report.failed.map((f) => ({ line: f.line, sku: f.sku, why: f.message }))));
  if (report.skipped.length) lines.push(`## ${t('Skipped (problems in the file)')}`, '', ...table(report.skipped.map((s) => ({ line: s.line, sku: s.sku, why: s.problems.join('; ') }))));
  if (report.notSent.length) lines.push(`## ${t('Not sent')}`, '', ...table(report.notSent.map((s) => ({ line: s.line, sku: s.sku, why: report.cancelled ? t('cancelled') : t('stopped after an error') }))));
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
  await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: true });
  return doc.uri;
}
