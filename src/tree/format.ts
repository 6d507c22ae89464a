// How inventory rows read in the tree: icons, signs, dates. No state.
import * as vscode from 'vscode';
import type { LocationType, Movement, MovementType, TagColor, Transfer } from '../api/types';

const t = vscode.l10n.t;

const LOCATION_ICONS: Record<LocationType, string> = {
  warehouse: 'package',
  van: 'send',
  truck: 'rocket',
  site: 'home',
  other: 'location',
};

export function locationIcon(type: LocationType, active: boolean): vscode.ThemeIcon {
  const id = LOCATION_ICONS[type] ?? 'location';
  return active ? new vscode.ThemeIcon(id) : new vscode.ThemeIcon(id, new vscode.ThemeColor('disabledForeground'));
}

// Retrac's tag colours on the theme's chart colours (no brown, gray or pink chart colour exists).
const TAG_COLORS: Record<TagColor, string> = {
  red: 'charts.red',
  yellow: 'charts.yellow',
  green: 'charts.green',
  blue: 'charts.blue',
  purple: 'charts.purple',
  brown: 'charts.orange',
  gray: 'charts.lines',
  pink: 'terminal.ansiMagenta',
};

export function tagIcon(color: TagColor): vscode.ThemeIcon {
  return new vscode.ThemeIcon('tag', new vscode.ThemeColor(TAG_COLORS[color] ?? 'charts.foreground'));
}

const INBOUND: ReadonlySet<MovementType> = new Set(['opening', 'adjustment_plus', 'transfer_in', 'transfer_revert_in']);

/** The movement's quantity with its direction: +5 in, −5 out. */
export function signedQuantity(m: Pick<Movement, 'type' | 'quantity'>): string {
  return INBOUND.has(m.type) ? `+${m.quantity}` : `−${m.quantity}`;
}

/** The location the movement changed stock at: stock goes in at `to`, out at `from` (reverts included). */
export function movementLocationId(m: Movement): string | null | undefined {
  return INBOUND.has(m.type) ? m.toLocationId ?? m.fromLocationId : m.fromLocationId ?? m.toLocationId;
}

const MOVEMENT_ICONS: Record<MovementType, [string, string]> = {
  opening: ['add', 'charts.green'],
  adjustment_plus: ['arrow-up', 'charts.green'],
  adjustment_minus: ['arrow-down', 'charts.red'],
  transfer_in: ['arrow-left', 'charts.green'],
  transfer_out: ['arrow-right', 'charts.red'],
  transfer_revert_in: ['discard', 'charts.yellow'],
  transfer_revert_out: ['discard', 'charts.yellow'],
};

export function movementIcon(type: MovementType): vscode.ThemeIcon {
  const [id, color] = MOVEMENT_ICONS[type] ?? ['circle-outline', 'foreground'];
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(color));
}

export function movementTypeLabel(type: MovementType): string {
  switch (type) {
    case 'opening': return t('opening');
    case 'adjustment_plus': return t('adjustment +');
    case 'adjustment_minus': return t('adjustment −');
    case 'transfer_in': return t('transfer in');
    case 'transfer_out': return t('transfer out');
    case 'transfer_revert_in': return t('revert in');
    case 'transfer_revert_out': return t('revert out');
  }
}

/** A short local date and time, e.g. "27 Nov 2026, 14:05". */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function transferLabel(tr: Transfer): string {
  return `${tr.fromLocation?.name ?? tr.fromLocationId} → ${tr.toLocation?.name ?? tr.toLocationId}`;
}

export function transferStatusLabel(tr: Transfer): string {
  return tr.status === 'reverted' ? t('reverted') : t('completed');
}
