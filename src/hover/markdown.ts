// A hover's text for each kind of value, with command links (Reveal in Retrac Explorer, Open
// Details, Open in Retrac Dashboard, Show Stock History). Only these commands are trusted.
import * as vscode from 'vscode';
import { escapeMarkdown } from '../markdownText';
import type { Movement } from '../api/types';
import type { ItemSummary, LocationSummary, Summary, TransferSummary, WorkspaceSummary } from './lookup';

const t = vscode.l10n.t;
const TOP_LOCATIONS = 5;
const TOP_LINES = 5;

export const HOVER_COMMANDS = ['retrac.revealInExplorer', 'retrac.openDetails', 'retrac.openInDashboard', 'retrac.showStockHistory', 'retrac.showLocationChart'];

function link(title: string, command: string, arg: unknown): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([arg]))} "${title}")`;
}

/** The links under an item or a location: reveal, details, dashboard, then its chart. */
function rowLinks(target: { kind: 'item' | 'location'; id: string }, ref: unknown, chart: string): string {
  return [
    link(t('Reveal in Retrac Explorer'), 'retrac.revealInExplorer', target),
    link(t('Open Details'), 'retrac.openDetails', ref),
    link(t('Open in Retrac Dashboard'), 'retrac.openInDashboard', ref),
    chart,
  ].join(' · ');
}

const esc = escapeMarkdown;

const fmt = (n: number) => n.toLocaleString('en-US');

export function hoverMarkdown(summary: Summary, locationName: (id: string) => string | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.supportHtml = false;
  switch (summary.kind) {
    case 'item':
      itemText(md, summary, locationName);
      break;
    case 'location':
      locationText(md, summary);
      break;
    case 'transfer':
      transferText(md, summary);
      break;
    case 'workspace':
      workspaceText(md, summary);
      break;
  }
  return md;
}

function itemText(md: vscode.MarkdownString, s: ItemSummary, locationName: (id: string) => string | undefined): void {
  const { item } = s;
  md.appendMarkdown(`$(package) **${esc(item.sku)}** · ${t('Retrac item')}\n\n`);
  if (item.description) md.appendMarkdown(`${esc(item.description)}\n\n`);
  const places = s.stock.length;
  md.appendMarkdown(`**${t('On hand: {0}', fmt(s.totalOnHand))}** · ${places === 1 ? t('1 location') : t('{0} locations', places)}${s.complete ? '' : ` ${t('(first 500 balance rows)')}`}\n\n`);
  if (places) {
    md.appendMarkdown(`| ${t('Location')} | ${t('On hand')} |\n|:--|--:|\n`);
    for (const at of s.stock.slice(0, TOP_LOCATIONS)) md.appendMarkdown(`| ${esc(at.name)} | ${fmt(at.onHand)} |\n`);
    if (places > TOP_LOCATIONS) md.appendMarkdown(`| ${t('… {0} more', places - TOP_LOCATIONS)} | |\n`);
    md.appendMarkdown('\n');
  }
  const m = s.lastMovement;
  md.appendMarkdown(m ? `${t('Last movement: {0}', movementText(m, locationName))}\n\n` : `${t('No movements yet.')}\n\n`);
  const ref = { item: { id: item.id, sku: item.sku } };
  md.appendMarkdown(rowLinks({ kind: 'item', id: item.id }, ref, link(t('Show Stock History'), 'retrac.showStockHistory', ref)));
}

export function movementText(m: Movement, locationName: (id: string) => string | undefined): string {
  const incoming = m.type === 'opening' || m.type === 'adjustment_plus' || m.type === 'transfer_in' || m.type === 'transfer_revert_in';
  const where = incoming ? m.toLocationId : m.fromLocationId;
  const name = where ? locationName(where) ?? where : '';
  const when = m.occurredAt.replace('T', ' ').slice(0, 16);
  return `${m.type.replace(/_/g, ' ')} ${incoming ? '+' : '−'}${fmt(m.quantity)}${name ? ` ${t('at {0}', esc(name))}` : ''} · ${when}`;
}

function locationText(md: vscode.MarkdownString, s: LocationSummary): void {
  const l = s.location;
  md.appendMarkdown(`$(location) **${esc(l.name)}** · ${t('Retrac location')}\n\n`);
  md.appendMarkdown(`${t('Type: {0}', l.type)} · ${l.active ? t('active') : t('inactive')} · ${s.skuCount === 1 ? t('1 SKU in stock rows') : t('{0} SKUs in stock rows', fmt(s.skuCount))}\n\n`);
  if (l.note) md.appendMarkdown(`${esc(l.note)}\n\n`);
  const ref = { location: { id: l.id, name: l.name } };
  md.appendMarkdown(rowLinks({ kind: 'location', id: l.id }, ref, link(t('Show Stock Chart'), 'retrac.showLocationChart', ref)));
}

function transferText(md: vscode.MarkdownString, s: TransferSummary): void {
  const tr = s.transfer;
  md.appendMarkdown(`$(arrow-swap) **${esc(tr.fromLocation.name)} → ${esc(tr.toLocation.name)}** · ${t('Retrac transfer')}\n\n`);
  md.appendMarkdown(`${t('Status: {0}', tr.status)} · ${tr.createdAt.replace('T', ' ').slice(0, 16)} · ${tr.lines.length === 1 ? t('1 line') : t('{0} lines', tr.lines.length)}\n\n`);
  if (tr.note) md.appendMarkdown(`${esc(tr.note)}\n\n`);
  md.appendMarkdown(`| ${t('SKU')} | ${t('Quantity')} | |\n|:--|--:|:--|\n`);
  for (const line of tr.lines.slice(0, TOP_LINES)) {
    md.appendMarkdown(`| ${esc(line.item.sku)} | ${fmt(line.quantity)} | ${link(t('Show Stock History'), 'retrac.showStockHistory', { item: { id: line.itemId, sku: line.item.sku } })} |\n`);
  }
  if (tr.lines.length > TOP_LINES) md.appendMarkdown(`| ${t('… {0} more', tr.lines.length - TOP_LINES)} | | |\n`);
  md.appendMarkdown('\n');
  const ref = { transfer: { id: tr.id } };
  md.appendMarkdown([
    link(t('Reveal in Retrac Explorer'), 'retrac.revealInExplorer', { kind: 'transfer', id: tr.id }),
    link(t('Open Details'), 'retrac.openDetails', ref),
    link(t('Open in Retrac Dashboard'), 'retrac.openInDashboard', ref),
  ].join(' · '));
}

function workspaceText(md: vscode.MarkdownString, s: WorkspaceSummary): void {
  md.appendMarkdown(`$(organization) **${esc(s.name ?? s.id)}** · ${t('Retrac workspace')}\n\n`);
  if (s.active) md.appendMarkdown(`${t('This is the active profile’s workspace.')}\n\n`);
  else if (s.reachable) md.appendMarkdown(`${t('Not the active profile’s workspace; this key can reach it.')}\n\n`);
  else md.appendMarkdown(`${t('Not the active profile’s workspace, and this key cannot reach it.')}\n\n`);
  md.appendMarkdown(s.keyType === 'restricted'
    ? t('Rule for this key type: a restricted key is bound to one workspace — do **not** send `workspaceId` (the API rejects or ignores it).')
    : t('Rule for this key type: a full-access key must send `workspaceId` on every workspace-scoped request (`/items`, `/locations`, `/inventory/…`); read it from configuration rather than hard-coding it.'));
}
